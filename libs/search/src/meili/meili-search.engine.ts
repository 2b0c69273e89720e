import type { Hit } from 'meilisearch';
import { Gql } from '@lexique/core';
import { highlightOf } from '../query/hit-highlight';
import { foldedWords, isPrefixWord, queryWords } from '../query/query-text';
import { EngineResult, FacetCount, SearchEngine, SearchQuery } from '../search-engine';
import { MeiliConceptDocument } from './meili-document';
import { meiliFilter } from './meili-filter';
import { MeiliGateway } from './meili-gateway';
import { FACETS, MEILI_SETTINGS } from './meili-settings';

type MatchesPosition = Partial<Record<keyof MeiliConceptDocument, { start: number; length: number; indices?: number[] }[]>>;

/** Document attributes by the match field they stand for, in ranking order. */
const FIELD_OF_ATTRIBUTE: [keyof MeiliConceptDocument, Gql.MatchField][] = [
  ['prefLabel', Gql.MatchField.PREF_LABEL],
  ['otherPrefLabels', Gql.MatchField.PREF_LABEL],
  ['acronyms', Gql.MatchField.ACRONYM],
  ['code', Gql.MatchField.CODE],
  ['altLabels', Gql.MatchField.ALT_LABEL],
  ['hiddenLabels', Gql.MatchField.HIDDEN_LABEL],
  ['legacyLabels', Gql.MatchField.LEGACY_LABEL],
  ['legacyCodes', Gql.MatchField.LEGACY_CODE],
  ['definition', Gql.MatchField.DEFINITION],
];

/** The best field that matched: the first, in ranking order, with a match position. */
export function matchedFieldOf(matches: MatchesPosition | undefined): Gql.MatchField {
  const found = FIELD_OF_ATTRIBUTE.find(([attribute]) => (matches?.[attribute]?.length ?? 0) > 0);
  return found ? found[1] : Gql.MatchField.DEFINITION;
}

function facetCounts(distribution: Record<string, number> | undefined): FacetCount[] {
  return Object.entries(distribution ?? {})
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

/**
 * The Meilisearch engine. The query goes as folded words only: quotes and a
 * leading minus would otherwise be Meilisearch operators (phrase, negation),
 * and a query is plain text here.
 */
export class MeiliSearchEngine implements SearchEngine {
  readonly name = 'meilisearch' as const;

  constructor(
    private readonly gateway: MeiliGateway,
    private readonly index: string,
  ) {}

  async search(query: SearchQuery): Promise<EngineResult> {
    const empty: EngineResult = { total: 0, totalIsEstimate: false, hits: [], facets: { domains: [], statuses: [], systems: [] } };
    const filter = meiliFilter(query);
    const text = foldedWords(query.text).join(' ');
    if (filter === null || text === '') return empty;
    // Page numbers give an exact total; offsets not on a page boundary fall back to the estimate.
    const paged = query.limit > 0 && query.offset % query.limit === 0;
    const response = await this.gateway.search(this.index, text, {
      filter,
      facets: FACETS,
      ...(paged ? { hitsPerPage: query.limit, page: query.offset / query.limit + 1 } : { limit: query.limit, offset: query.offset }),
      showRankingScore: true,
      showMatchesPosition: true,
      attributesToRetrieve: MEILI_SETTINGS.displayedAttributes ?? ['*'],
    });
    const { words } = queryWords(query.text);
    const prefix = words.length > 0 && isPrefixWord(words, words.length - 1) ? words[words.length - 1] : undefined;
    const exact = (response as { totalHits?: number }).totalHits;
    const total = exact ?? (response as { estimatedTotalHits?: number }).estimatedTotalHits ?? 0;
    return {
      total,
      totalIsEstimate: exact === undefined,
      hits: response.hits.map((hit: Hit<MeiliConceptDocument>) => {
        const matchedOn = matchedFieldOf(hit._matchesPosition);
        const terms = { words: [...words, ...matchedWords(hit, hit._matchesPosition)], prefix };
        return {
          conceptId: hit.id,
          score: hit._rankingScore ?? 0,
          matchedOn,
          highlight: highlightOf(
            {
              code: hit.code,
              pref_label: hit.prefLabel,
              labels_en: hit.otherPrefLabels ?? [],
              alt_labels: hit.altLabels ?? [],
              acronyms: hit.acronyms ?? [],
              legacy_labels: hit.legacyLabels ?? [],
              legacy_codes: hit.legacyReferences ?? [],
              definition: hit.definition ?? '',
            },
            matchedOn,
            terms,
          ),
        };
      }),
      facets: {
        domains: facetCounts(response.facetDistribution?.domain),
        statuses: facetCounts(response.facetDistribution?.status),
        systems: facetCounts(response.facetDistribution?.systems),
      },
    };
  }
}

/** The folded words Meilisearch matched (typo corrections included), read from match positions (byte offsets). */
export function matchedWords(document: Partial<MeiliConceptDocument>, matches: MatchesPosition | undefined): string[] {
  const words: string[] = [];
  for (const [attribute, positions] of Object.entries(matches ?? {}) as [
    keyof MeiliConceptDocument,
    { start: number; length: number; indices?: number[] }[],
  ][]) {
    const value = document[attribute];
    for (const position of positions ?? []) {
      const text = Array.isArray(value) ? value[position.indices?.[0] ?? 0] : value;
      if (typeof text !== 'string') continue;
      const bytes = Buffer.from(text, 'utf8');
      words.push(...foldedWords(bytes.subarray(position.start, position.start + position.length).toString('utf8')));
    }
  }
  return words;
}
