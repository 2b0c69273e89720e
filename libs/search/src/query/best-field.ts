import { Gql } from '@lexique/core';
import { FIELD_RANK } from '../ranking';
import { searchKey, singular, typoBudget, typoDistance } from './query-text';

/** A field of a hit, with its texts already as search keys (folded words, singular; see searchKey). */
export interface KeyedField {
  field: Gql.MatchField;
  keys: string[];
  /** Overrides FIELD_RANK for the whole-query equality (a preferred label in another language). */
  equalityRank?: number;
}

/** The query as the matcher takes it: its words, singular, the last one being typed or not. */
export interface QueryTerms {
  words: string[];
  lastIsPrefix: boolean;
  /** The whole query as a key. */
  key: string;
}

export function queryTerms(words: string[], lastIsPrefix: boolean, text: string): QueryTerms {
  return { words: words.map(singular), lastIsPrefix, key: searchKey(text) };
}

function answers(typed: string, word: string, prefix: boolean): boolean {
  if (word === typed || (prefix && word.startsWith(typed))) return true;
  const budget = typoBudget(typed);
  return budget > 0 && Math.abs(word.length - typed.length) <= budget && typoDistance(typed, word) <= budget;
}

/** Whether one text holds every word of the query (the same word, the start of one for the word being typed, or a typo). */
function holdsAll(key: string, query: QueryTerms): boolean {
  const words = key.split(' ');
  return query.words.every((typed, i) => words.some((word) => answers(typed, word, query.lastIsPrefix && i === query.words.length - 1)));
}

/**
 * What a hit matched best, for an engine that does not say (Meilisearch):
 * the field the whole query equals, else the best field one of whose texts
 * holds every word, else the best holding one, in the order of ranking.ts.
 */
export function bestField(fields: KeyedField[], query: QueryTerms): Gql.MatchField {
  const byRank = (rank: (f: KeyedField) => number) => [...fields].sort((a, b) => rank(a) - rank(b));
  const equal = byRank((f) => f.equalityRank ?? FIELD_RANK[f.field]).find((f) => f.keys.includes(query.key));
  if (equal) return equal.field;
  const ranked = byRank((f) => FIELD_RANK[f.field]);
  const holding = ranked.find((f) => f.keys.some((key) => holdsAll(key, query)));
  if (holding) return holding.field;
  const single = (i: number): QueryTerms => ({
    ...query,
    words: [query.words[i]],
    lastIsPrefix: query.lastIsPrefix && i === query.words.length - 1,
  });
  const partly = ranked.find((f) => f.keys.some((key) => query.words.some((_, i) => holdsAll(key, single(i)))));
  return partly?.field ?? Gql.MatchField.DEFINITION;
}
