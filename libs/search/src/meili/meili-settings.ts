import type { Settings } from 'meilisearch';
import { Gql } from '@lexique/core';
import { FIELD_RANK, OTHER_LANGUAGE_RANK, TYPO_BUDGET } from '../ranking';

/** The searched attributes and the field each stands for, with its rank (ranking.ts). */
export const SEARCHED_ATTRIBUTES: { attribute: string; field: Gql.MatchField; rank: number }[] = [
  { attribute: 'search.pref', field: Gql.MatchField.PREF_LABEL, rank: FIELD_RANK.PREF_LABEL },
  { attribute: 'search.code', field: Gql.MatchField.CODE, rank: FIELD_RANK.CODE },
  { attribute: 'search.acronyms', field: Gql.MatchField.ACRONYM, rank: FIELD_RANK.ACRONYM },
  { attribute: 'search.alt', field: Gql.MatchField.ALT_LABEL, rank: FIELD_RANK.ALT_LABEL },
  { attribute: 'search.other', field: Gql.MatchField.PREF_LABEL, rank: OTHER_LANGUAGE_RANK },
  { attribute: 'search.hidden', field: Gql.MatchField.HIDDEN_LABEL, rank: FIELD_RANK.HIDDEN_LABEL },
  { attribute: 'search.legacy', field: Gql.MatchField.LEGACY_LABEL, rank: FIELD_RANK.LEGACY_LABEL },
  { attribute: 'search.legacyCodes', field: Gql.MatchField.LEGACY_CODE, rank: FIELD_RANK.LEGACY_CODE },
  { attribute: 'search.definition', field: Gql.MatchField.DEFINITION, rank: FIELD_RANK.DEFINITION },
];

/** Codes, acronyms and local codes match exactly, never through a typo. */
const EXACT_ONLY = ['search.code', 'search.acronyms', 'search.legacyCodes'];

/**
 * Index settings, from the ranking of ranking.ts: the searched attributes in
 * field order, the same typo budget, and the rules in the order the
 * PostgreSQL engine ranks once a query equal to a whole label has been put
 * first (MeiliSearchEngine asks for those by the `keys` filter): typos (a
 * word typed, or started, before a typo), words in order (proximity), the
 * field, published first, a shorter preferred label first. Meilisearch's
 * exactness (words typed whole before words started) comes after the field:
 * "regis" is the start of "Régisseur" before it is a word of a definition.
 * Stop words stay: a query equal to "Catégorie A" is not one equal to "Catégorie".
 */
export const MEILI_SETTINGS: Settings = {
  searchableAttributes: [...SEARCHED_ATTRIBUTES].sort((a, b) => a.rank - b.rank).map((a) => a.attribute),
  filterableAttributes: ['domain', 'status', 'systems', 'keys'],
  sortableAttributes: ['statusRank', 'prefWords'],
  displayedAttributes: ['id', 'code', 'search', 'shown'],
  rankingRules: ['words', 'typo', 'proximity', 'attributeRank', 'exactness', 'statusRank:asc', 'prefWords:asc', 'wordPosition'],
  typoTolerance: {
    enabled: true,
    minWordSizeForTypos: { oneTypo: TYPO_BUDGET.oneTypoFrom, twoTypos: TYPO_BUDGET.twoTyposFrom },
    disableOnAttributes: EXACT_ONLY,
  },
  stopWords: [],
  faceting: { maxValuesPerFacet: 100 },
  pagination: { maxTotalHits: 10000 },
};

export const FACETS = ['domain', 'status', 'systems'];
