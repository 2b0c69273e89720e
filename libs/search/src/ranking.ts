import { Gql } from '@lexique/core';

/**
 * How both engines rank, in one place. The PostgreSQL engine orders by these
 * ranks in its SQL; the Meilisearch settings are built from the same table
 * (searchable attributes in field order, the same typo budget, the same
 * tie-breakers), so that an agent gets the same first hit from either.
 *
 * A search hit is ranked by, in this order:
 * 1. the whole query equal to one of its labels or codes (by field);
 * 2. how its words matched: as typed (singular or plural alike, the last one
 *    also as the start of a word), by French stem only, or through a typo;
 * 3. the words in the query's order and next to each other in a label;
 * 4. the best field that holds every word;
 * 5. published before deprecated;
 * 6. a shorter preferred label first; then the code.
 */

/** Fields by rank: a match in a field ranks before a match in any field after it. */
export const FIELD_RANK: Record<Gql.MatchField, number> = {
  [Gql.MatchField.PREF_LABEL]: 1,
  [Gql.MatchField.CODE]: 2,
  [Gql.MatchField.ACRONYM]: 2,
  [Gql.MatchField.ALT_LABEL]: 3,
  [Gql.MatchField.HIDDEN_LABEL]: 4,
  [Gql.MatchField.LEGACY_LABEL]: 5,
  [Gql.MatchField.LEGACY_CODE]: 5,
  [Gql.MatchField.DEFINITION]: 6,
};

/** A preferred label in another language (English) equal to the query ranks right after the alternative labels: agents type French. */
export const OTHER_LANGUAGE_RANK = FIELD_RANK[Gql.MatchField.ALT_LABEL] + 0.5;

/** The rank of a hit whose words are spread over several fields, none holding them all. */
export const SPREAD_RANK = 7;

/** How the words of a hit matched, best first. */
export enum WordMatch {
  /** As typed: the same word (singular or plural alike), or the start of one for the word being typed. */
  TYPED = 0,
  /** By French stem only ("publique" for "public"). */
  STEM = 1,
  /** Through a typo. */
  TYPO = 2,
}

/** Typos forgiven in a word: one from 5 letters, two from 9. Codes, acronyms and local codes: never. */
export const TYPO_BUDGET = { oneTypoFrom: 5, twoTyposFrom: 9 };

/** Matches read exactly, counted and faceted; a broader result is estimated. */
export const MATCH_BOUND = 1000;

/** Candidates scored in full (the best of the matches by a rough, in-row rank). */
export const SHORTLIST = 200;

/** What a hit's rank is made of, as the PostgreSQL engine returns it. */
export interface RankParts {
  /** The rank of the field the whole query equals, if any. */
  equalRank: number | null;
  match: WordMatch;
  fieldRank: number;
  inOrder: boolean;
  deprecated: boolean;
  /** Words of the preferred label. */
  size: number;
}

/**
 * A score that orders hits as the ranks do (higher is better), for display:
 * each rule weighs more than everything after it together.
 */
export function scoreOf(parts: RankParts): number {
  return (
    (parts.equalRank === null ? 0 : SPREAD_RANK + 1 - parts.equalRank) * 100_000 +
    (WordMatch.TYPO - parts.match) * 10_000 +
    (parts.inOrder ? 1000 : 0) +
    (SPREAD_RANK - parts.fieldRank) * 100 +
    (parts.deprecated ? 0 : 10) +
    1 / (1 + parts.size)
  );
}
