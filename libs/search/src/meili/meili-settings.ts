import type { Settings } from 'meilisearch';

/** French stop words (Meilisearch ignores them in queries, as the PostgreSQL engine does). */
export const FRENCH_STOP_WORDS = (
  'a à au aux avec ce ces d dans de des du elle en et eux il je l la le les leur lui m ma mais me même mes moi mon ne nos notre ' +
  'nous on ou où par pas pour qu que qui s sa se ses son sur t ta te tes toi ton tu un une vos votre vous y'
).split(' ');

/**
 * Index settings. Searchable attributes are listed in ranking order
 * (preferred label > acronym and code > alternative label > hidden label >
 * legacy label and code > definition); codes, acronyms and local codes are
 * matched exactly, without typos.
 */
export const MEILI_SETTINGS: Settings = {
  searchableAttributes: [
    'prefLabel',
    'otherPrefLabels',
    'acronyms',
    'code',
    'altLabels',
    'hiddenLabels',
    'legacyLabels',
    'legacyCodes',
    'definition',
  ],
  filterableAttributes: ['domain', 'status', 'systems'],
  sortableAttributes: ['code'],
  displayedAttributes: [
    'id',
    'code',
    'domain',
    'status',
    'prefLabel',
    'otherPrefLabels',
    'acronyms',
    'altLabels',
    'legacyLabels',
    'legacyCodes',
    'legacyReferences',
    'systems',
    'definition',
  ],
  // Which field matched weighs more than how close the words are.
  rankingRules: ['words', 'typo', 'attribute', 'proximity', 'exactness', 'sort'],
  typoTolerance: {
    enabled: true,
    minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
    disableOnAttributes: ['code', 'acronyms', 'legacyCodes'],
  },
  stopWords: FRENCH_STOP_WORDS,
  localizedAttributes: [
    { attributePatterns: ['prefLabel', 'altLabels', 'hiddenLabels', 'legacyLabels', 'definition'], locales: ['fra'] },
    { attributePatterns: ['otherPrefLabels'], locales: ['eng'] },
  ],
  faceting: { maxValuesPerFacet: 100 },
  pagination: { maxTotalHits: 10000 },
};

export const FACETS = ['domain', 'status', 'systems'];
