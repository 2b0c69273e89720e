import type { Hit, MultiSearchQuery, SearchResponse } from 'meilisearch';
import { Gql } from '@lexique/core';
import { bestField, QueryTerms, queryTerms } from '../query/best-field';
import { highlightOf } from '../query/hit-highlight';
import { foldedWords, isPrefixWord, queryWords, searchKey } from '../query/query-text';
import { EngineHit, EngineResult, EVERYTHING, FacetCount, SearchEngine, SearchQuery } from '../search-engine';
import { MeiliConceptDocument } from './meili-document';
import { meiliFilter, quoteFilterValue } from './meili-filter';
import { MeiliGateway } from './meili-gateway';
import { FACETS, SEARCHED_ATTRIBUTES } from './meili-settings';

/** How many concepts equal to the query (by a whole label or code) are put first. */
const EQUAL_FIRST = 10;

/** A search as sent to Meilisearch: its queries, in one request (the bench sends the same to measure the engine alone). */
export interface MeiliRequest {
  /** The concepts a label or code of which equals the query, then all the matches. */
  queries: [MultiSearchQuery, MultiSearchQuery];
}

/**
 * The request for a search, or null when it can match nothing. The query goes
 * as folded words, as typed (the documents hold every label in the singular
 * and in the plural, so either matches, and the word being typed stays the
 * start of what is typed): no quote or minus reaches Meilisearch as an
 * operator. Two searches in one request: the concepts whose label or code
 * equals the query (the `keys` filter: whole, never the start of a label),
 * which come first, and every match. Only what the caller asked for is
 * computed: facets (whose status counts also give the exact total), and the
 * texts to tell what matched.
 */
export function meiliRequest(query: SearchQuery, index: string): MeiliRequest | null {
  const filter = meiliFilter(query);
  const text = foldedWords(query.text).join(' ');
  if (filter === null || text === '') return null;
  const needs = query.needs ?? EVERYTHING;
  const retrieve = needs.matchDetails ? ['id', 'code', 'search', 'shown'] : ['id'];
  const common = { indexUid: index, q: text, matchingStrategy: 'all' as const, attributesToRetrieve: retrieve, showRankingScore: true };
  return {
    queries: [
      { ...common, filter: `${filter} AND keys = ${quoteFilterValue(searchKey(query.text))}`, limit: EQUAL_FIRST },
      {
        ...common,
        filter,
        // enough to fill the page whatever the concepts put first take of it
        limit: query.offset + query.limit + EQUAL_FIRST,
        ...(needs.facets ? { facets: FACETS } : needs.total ? { facets: ['status'] } : {}),
      },
    ],
  };
}

function facetCounts(distribution: Record<string, number> | undefined): FacetCount[] {
  return Object.entries(distribution ?? {})
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

/** The fields of a hit as keys, for bestField. */
function keyedFields(document: MeiliConceptDocument) {
  const { search } = document;
  const texts: Record<string, string[]> = {
    'search.pref': search.pref,
    'search.code': [search.code],
    'search.acronyms': search.acronyms,
    'search.alt': search.alt,
    'search.other': search.other,
    'search.hidden': search.hidden,
    'search.legacy': search.legacy,
    'search.legacyCodes': search.legacyCodes,
    'search.definition': [search.definition],
  };
  return SEARCHED_ATTRIBUTES.map(({ attribute, field, rank }) => ({ field, keys: texts[attribute] ?? [], equalityRank: rank }));
}

function hitOf(hit: Hit<MeiliConceptDocument>, terms: QueryTerms | null, highlightTerms: { words: string[]; prefix?: string }): EngineHit {
  const score = hit._rankingScore ?? 0;
  if (!terms || !hit.search || !hit.shown) return { conceptId: hit.id, score, matchedOn: Gql.MatchField.DEFINITION, highlight: null };
  const matchedOn = bestField(keyedFields(hit), terms);
  const { shown } = hit;
  const highlight = highlightOf(
    {
      code: hit.code,
      pref_label: shown.prefLabel,
      labels_en: shown.otherPrefLabels,
      alt_labels: shown.altLabels,
      acronyms: shown.acronyms,
      legacy_labels: shown.legacyLabels,
      legacy_codes: shown.legacyReferences,
      definition: shown.definition,
    },
    matchedOn,
    highlightTerms,
  );
  return { conceptId: hit.id, score, matchedOn, highlight };
}

/** Maps Meilisearch's answers to the engine's result: the concepts equal to the query first, then the others, paged. */
export function meiliResult(query: SearchQuery, [equal, all]: SearchResponse<MeiliConceptDocument>[]): EngineResult {
  const needs = query.needs ?? EVERYTHING;
  const { words } = queryWords(query.text);
  const lastIsPrefix = words.length > 0 && isPrefixWord(words, words.length - 1);
  const terms = needs.matchDetails && words.length > 0 ? queryTerms(words, lastIsPrefix, query.text) : null;
  const highlightTerms = { words, prefix: lastIsPrefix ? words[words.length - 1] : undefined };
  const first = new Set(equal.hits.map((hit) => hit.id));
  const ranked = [...equal.hits, ...all.hits.filter((hit) => !first.has(hit.id))];
  const statuses = facetCounts(all.facetDistribution?.status);
  // statuses are one per concept and counted over every match: their sum is the exact total
  const counted = all.facetDistribution?.status ? statuses.reduce((sum, facet) => sum + facet.count, 0) : undefined;
  const estimated = (all as { estimatedTotalHits?: number }).estimatedTotalHits ?? 0;
  return {
    total: counted ?? estimated,
    totalIsEstimate: counted === undefined,
    hits: ranked.slice(query.offset, query.offset + query.limit).map((hit) => hitOf(hit, terms, highlightTerms)),
    facets: {
      domains: facetCounts(all.facetDistribution?.domain),
      statuses,
      systems: facetCounts(all.facetDistribution?.systems),
    },
  };
}

/** The Meilisearch engine: the request of meiliRequest, the answer through meiliResult. */
export class MeiliSearchEngine implements SearchEngine {
  readonly name = 'meilisearch' as const;

  constructor(
    private readonly gateway: MeiliGateway,
    private readonly index: string,
  ) {}

  async search(query: SearchQuery): Promise<EngineResult> {
    const request = meiliRequest(query, this.index);
    if (!request) return { total: 0, totalIsEstimate: false, hits: [], facets: { domains: [], statuses: [], systems: [] } };
    return meiliResult(query, await this.gateway.search(request.queries));
  }
}
