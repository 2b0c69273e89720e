import { Injectable } from '@nestjs/common';
import { Gql } from '@lexique/core';
import { highlightOf } from '../query/hit-highlight';
import { isPrefixWord, queryWords, searchKey } from '../query/query-text';
import { MATCH_BOUND, scoreOf } from '../ranking';
import { EngineResult, FacetCount, SearchEngine, SearchQuery } from '../search-engine';
import { SearchDocumentRepository } from './search-document.repository';
import { searchTerms } from './search-terms';
import { TypoLexicon } from './typo-lexicon';

const NO_FACETS = (): EngineResult['facets'] => ({ domains: [], statuses: [], systems: [] });

/**
 * The default engine: PostgreSQL full-text search over `search_document`,
 * which triggers keep in the writing transaction, so a search sees every
 * committed write. One statement per search (SEARCH_SQL), after a lexicon
 * look-up for the typos of words not seen in the last minute; the ranking is
 * that of ranking.ts.
 */
@Injectable()
export class PostgresSearchEngine implements SearchEngine {
  readonly name = 'postgresql' as const;

  private readonly lexicon: TypoLexicon;

  constructor(private readonly documents: SearchDocumentRepository) {
    this.lexicon = new TypoLexicon(documents);
  }

  async search(query: SearchQuery): Promise<EngineResult> {
    const { words } = queryWords(query.text);
    if (words.length === 0) return { total: 0, totalIsEstimate: false, hits: [], facets: NO_FACETS() };
    const lastIsPrefix = isPrefixWord(words, words.length - 1);
    const variants = await this.lexicon.variants(words);
    const result = await this.documents.search({
      terms: searchTerms(words, lastIsPrefix, variants),
      key: searchKey(query.text),
      scope: query.scope,
      domains: query.domains,
      systems: query.systems,
      limit: query.limit,
      offset: query.offset,
    });
    const terms = { words: [...words, ...[...variants.values()].flat()], prefix: lastIsPrefix ? words[words.length - 1] : undefined };
    const facets = NO_FACETS();
    for (const facet of result.facets) facets[facet.facet].push({ value: facet.value, count: facet.count });
    const hits = result.hits.map((row) => {
      const matchedOn =
        row.equal_field === 'OTHER_LANGUAGE'
          ? Gql.MatchField.PREF_LABEL
          : (row.equal_field ?? (row.field.replace(/^SPREAD_/, '') as Gql.MatchField));
      return {
        conceptId: row.concept_id,
        score:
          Math.round(
            scoreOf({
              equalRank: row.equal_rank,
              match: row.word_match,
              fieldRank: row.field_rank,
              inOrder: row.in_order,
              deprecated: row.deprecated,
              size: row.size,
            }) * 1e4,
          ) / 1e4,
        matchedOn,
        highlight: highlightOf(row, matchedOn, terms),
      };
    });
    if (result.matched <= MATCH_BOUND) {
      return { total: result.matched, totalIsEstimate: false, hits, facets: sortFacets(facets) };
    }
    // Beyond the bound: the sample's estimate stands for the total (never below what was read),
    // and the facets of the matches read are scaled to it: samples, as the flag says.
    const total = Math.max(result.matched, result.estimate ?? 0);
    const scale = total / result.matched;
    for (const list of Object.values(facets)) for (const facet of list) facet.count = Math.max(1, Math.round(facet.count * scale));
    return { total, totalIsEstimate: true, hits, facets: sortFacets(facets) };
  }
}

function sortFacets(facets: EngineResult['facets']): EngineResult['facets'] {
  const byCount = (a: FacetCount, b: FacetCount) => b.count - a.count || a.value.localeCompare(b.value);
  return { domains: facets.domains.sort(byCount), statuses: facets.statuses.sort(byCount), systems: facets.systems.sort(byCount) };
}
