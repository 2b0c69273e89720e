import { MEILI_SETTINGS } from './meili-settings';
import { toMeiliDocument } from './meili-document';

describe('Meilisearch index settings and documents', () => {
  it('searches fields in the ranking order of ranking.ts', () => {
    expect(MEILI_SETTINGS.searchableAttributes).toEqual([
      'search.pref',
      'search.code',
      'search.acronyms',
      'search.alt',
      'search.other',
      'search.hidden',
      'search.legacy',
      'search.legacyCodes',
      'search.definition',
    ]);
  });

  it('ranks as the PostgreSQL engine after the whole labels: typos, words in order, field, published first, shorter label first', () => {
    expect(MEILI_SETTINGS.rankingRules).toEqual([
      'words',
      'typo',
      'proximity',
      'attributeRank',
      'exactness',
      'statusRank:asc',
      'prefWords:asc',
      'wordPosition',
    ]);
  });

  it('matches codes, acronyms and local codes exactly, and forgives typos from 5 and 9 letters elsewhere', () => {
    expect(MEILI_SETTINGS.typoTolerance).toEqual({
      enabled: true,
      minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
      disableOnAttributes: ['search.code', 'search.acronyms', 'search.legacyCodes'],
    });
  });

  it('filters and counts facets on domain, status and system, and finds whole labels by their keys', () => {
    expect(MEILI_SETTINGS.filterableAttributes).toEqual(['domain', 'status', 'systems', 'keys']);
    expect(MEILI_SETTINGS.stopWords).toEqual([]);
  });

  it('builds a document from a search_document row: labels searched in the singular and the plural, keys, texts shown as written', () => {
    const document = toMeiliDocument({
      concept_id: '6f1c1b2e-0000-4000-8000-000000000021',
      code: 'RH-0021',
      domain_code: 'RH',
      status: 'PUBLISHED',
      pref_label: "Indemnité de fonctions, de sujétions et d'expertise",
      labels_en: ['Allowance for functions'],
      acronyms: ['IFSE'],
      alt_labels: [],
      hidden_labels: ['ifse'],
      legacy_labels: ['IFSE', 'Primes IFSE'],
      legacy_codes: ['SI-BDX-GRH 0412', 'SI-MUT-RH REM IFSE'],
      systems: ['SI-BDX-GRH', 'SI-MUT-RH'],
      definition: 'Part fixe du RIFSEEP.',
    });
    expect(document).toEqual({
      id: '6f1c1b2e-0000-4000-8000-000000000021',
      code: 'RH-0021',
      domain: 'RH',
      status: 'PUBLISHED',
      systems: ['SI-BDX-GRH', 'SI-MUT-RH'],
      keys: [
        'indemnite de fonction de sujetion et d expertise',
        'allowance for function',
        'ifse',
        'prime ifse',
        'rh 0021',
        '0412',
        'rem ifse',
      ],
      statusRank: 0,
      prefWords: 8,
      search: {
        pref: ['indemnite de fonction de sujetion et d expertise', 'indemnites de fonctions de sujetions et d expertises'],
        code: 'rh 0021',
        acronyms: ['ifse'],
        alt: [],
        other: ['allowance for function', 'allowances fors functions'],
        hidden: ['ifse', 'ifses'],
        legacy: ['ifse', 'ifses', 'prime ifse', 'primes ifses'],
        legacyCodes: ['0412', 'rem ifse'],
        definition: 'part fixe du rifseep',
      },
      shown: {
        prefLabel: "Indemnité de fonctions, de sujétions et d'expertise",
        otherPrefLabels: ['Allowance for functions'],
        altLabels: [],
        acronyms: ['IFSE'],
        legacyLabels: ['IFSE', 'Primes IFSE'],
        legacyReferences: ['SI-BDX-GRH 0412', 'SI-MUT-RH REM IFSE'],
        definition: 'Part fixe du RIFSEEP.',
      },
    });
  });
});
