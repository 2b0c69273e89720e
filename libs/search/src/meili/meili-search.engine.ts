import type { Hit, SearchParams, SearchResponse } from 'meilisearch';
import { Gql } from '@lexique/core';
import { bestField, QueryTerms, queryTerms } from '../query/best-field';
import { highlightOf } from '../query/hit-highlight';
import { isPrefixWord, queryWords, searchKey } from '../query/query-text';
import { EngineHit, EngineResult, EVERYTHING, FacetCount, SearchEngine, SearchQuery } from '../search-engine';
import { MeiliConceptDocument } from './meili-document';
import { meiliFilter } from './meili-filter';
import { MeiliGateway } from './meili-gateway';
import { FACETS, SEARCHED_ATTRIBUTES } from './meili-settings';

/** A search as sent to Meilisearch (the bench sends the same to measure the engine alone). */
export interface MeiliRequest {
  text: string;
  params: SearchParams;
}

/**
 * The request for a search, or null when it can match nothing. The query
 * goes keyed (folded words, singular, as the documents are): no quote or
 * minus can reach Meilisearch as an operator. Only what the caller asked for
 * is computed: facets (whose status counts also give the exact total), and
 * the texts to tell what matched.
 */
export function meiliRequest(query: SearchQuery): MeiliRequest | null {
  const filter = meiliFilter(query);
  const text = searchKey(query.text);
  if (filter === null || text === '') return null;
  const needs = query.needs ?? EVERYTHING;
  return {
    text,
    params: {
      filter,
      limit: query.limit,
      offset: query.offset,
      matchingStrategy: 'all',
      ...(needs.facets ? { facets: FACETS } : needs.total ? { facets: ['status'] } : {}),
      attributesToRetrieve: needs.matchDetails ? ['id', 'code', 'search', 'shown'] : ['id'],
      showRankingScore: true,
    },
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
    'search.pref': [search.pref],
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

/** Maps Meilisearch's answer to the engine's result. */
export function meiliResult(query: SearchQuery, response: SearchResponse<MeiliConceptDocument>): EngineResult {
  const needs = query.needs ?? EVERYTHING;
  const { words } = queryWords(query.text);
  const lastIsPrefix = words.length > 0 && isPrefixWord(words, words.length - 1);
  const terms = needs.matchDetails && words.length > 0 ? queryTerms(words, lastIsPrefix, query.text) : null;
  const highlightTerms = { words, prefix: lastIsPrefix ? words[words.length - 1] : undefined };
  const statuses = facetCounts(response.facetDistribution?.status);
  // statuses are one per concept and counted over every match: their sum is the exact total
  const counted = response.facetDistribution?.status ? statuses.reduce((sum, facet) => sum + facet.count, 0) : undefined;
  const estimated = (response as { estimatedTotalHits?: number }).estimatedTotalHits ?? 0;
  return {
    total: counted ?? estimated,
    totalIsEstimate: counted === undefined,
    hits: response.hits.map((hit) => hitOf(hit, terms, highlightTerms)),
    facets: {
      domains: facetCounts(response.facetDistribution?.domain),
      statuses,
      systems: facetCounts(response.facetDistribution?.systems),
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
    const request = meiliRequest(query);
    if (!request) return { total: 0, totalIsEstimate: false, hits: [], facets: { domains: [], statuses: [], systems: [] } };
    return meiliResult(query, await this.gateway.search(this.index, request.text, request.params));
  }
}
