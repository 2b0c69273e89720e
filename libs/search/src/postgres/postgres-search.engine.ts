import { Injectable } from '@nestjs/common';
import { Gql } from '@lexique/core';
import { highlightOf } from '../query/hit-highlight';
import { isPrefixWord, queryWords, typoBudget, typoDistance } from '../query/query-text';
import { EngineResult, SearchEngine, SearchQuery } from '../search-engine';
import { SearchDocumentRepository, SearchTsQueries } from './search-document.repository';

/**
 * The default engine: PostgreSQL full-text search over `search_document`,
 * which triggers keep in the writing transaction, so a search sees every
 * committed write. Typos are corrected against the lexicon of indexed words
 * (trigram candidates, then an exact edit distance), the last word is a
 * prefix, and the score ranks fields as DESIGN.md says.
 */
@Injectable()
export class PostgresSearchEngine implements SearchEngine {
  readonly name = 'postgresql' as const;

  constructor(private readonly documents: SearchDocumentRepository) {}

  async search(query: SearchQuery): Promise<EngineResult> {
    const { whole, words } = queryWords(query.text);
    if (words.length === 0) return { total: 0, totalIsEstimate: false, hits: [], facets: { domains: [], statuses: [], systems: [] } };
    const variants = await this.typoVariants(words);
    const tsQueries = buildTsQueries(whole, words, variants);
    const result = await this.documents.search(tsQueries, query, query.limit, query.offset);
    const prefix = isPrefixWord(words, words.length - 1) ? words[words.length - 1] : undefined;
    const terms = { words: [...words, ...[...variants.values()].flat()], prefix };
    const facets: EngineResult['facets'] = { domains: [], statuses: [], systems: [] };
    for (const facet of result.facets) facets[facet.facet].push({ value: facet.value, count: facet.count });
    for (const list of Object.values(facets)) list.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    return {
      total: result.total,
      totalIsEstimate: result.totalIsEstimate,
      hits: result.hits.map((row) => {
        const matchedOn = row.matched_on as Gql.MatchField;
        return { conceptId: row.concept_id, score: row.score, matchedOn, highlight: highlightOf(row, matchedOn, terms) };
      }),
      facets,
    };
  }

  private async typoVariants(words: string[]): Promise<Map<string, string[]>> {
    const typed = words.filter((word) => typoBudget(word) > 0 && !/^\d+$/.test(word));
    const variants = new Map<string, string[]>();
    for (const { word, candidate } of await this.documents.typoCandidates(typed)) {
      if (typoDistance(word, candidate) > typoBudget(word)) continue;
      variants.set(word, [...(variants.get(word) ?? []), candidate]);
    }
    return variants;
  }
}

/** The tsquery texts of a search. Words and variants are [a-z0-9]+ (see query-text), so no tsquery syntax can slip in. */
export function buildTsQueries(whole: string, words: string[], variants: Map<string, string[]>): SearchTsQueries {
  const exact = words.map((word, i) => (isPrefixWord(words, i) ? `${word}:*` : word));
  const fuzzy = words.map((word, i) => `(${[exact[i], ...(variants.get(word) ?? [])].join(' | ')})`);
  return {
    strict: exact.join(' & '),
    fuzzy: fuzzy.join(' & '),
    code: exact.join(' & '),
    anyLabel: fuzzy.join(' | '),
    anyCode: exact.join(' | '),
    perWord: words.map((word, i) => {
      const full = `(${[word, ...(variants.get(word) ?? [])].join(' | ')})`;
      const typos = variants.get(word) ?? [];
      return { full, code: word, prefix: isPrefixWord(words, i) ? `${word}:*` : null, typos: typos.length > 0 ? typos.join(' | ') : null };
    }),
    whole,
    wordCount: words.length,
  };
}
