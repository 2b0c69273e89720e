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
const EXACT_ONLY = ['search.code', 'search.acronyms', 'search.legacyCodes', 'whole.codes'];

/**
 * Index settings, from the ranking of ranking.ts: the searched attributes in
 * field order (then `whole`, each label and code alone, last so that it only
 * serves the exactness rule), the same typo budget, and the rules in the
 * order the PostgreSQL engine ranks: the whole query equal to a label
 * (exactness), typos, words in order (proximity), the field, published first,
 * a shorter preferred label first. Texts arrive keyed (folded, singular), so
 * no stop words are removed: a query equal to "Catégorie A" is not one equal
 * to "Catégorie".
 */
export const MEILI_SETTINGS: Settings = {
  searchableAttributes: [...[...SEARCHED_ATTRIBUTES].sort((a, b) => a.rank - b.rank).map((a) => a.attribute), 'whole'],
  filterableAttributes: ['domain', 'status', 'systems'],
  sortableAttributes: ['statusRank', 'prefWords'],
  displayedAttributes: ['id', 'code', 'search', 'shown'],
  rankingRules: ['words', 'exactness', 'typo', 'proximity', 'attributeRank', 'statusRank:asc', 'prefWords:asc', 'wordPosition'],
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
