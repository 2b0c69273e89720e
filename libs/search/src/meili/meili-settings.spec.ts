import { MEILI_SETTINGS } from './meili-settings';
import { toMeiliDocument } from './meili-document';

describe('Meilisearch index settings and documents', () => {
  it('searches fields in the ranking order of ranking.ts, then each label and code alone (for the exactness rule)', () => {
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
      'whole',
    ]);
  });

  it('ranks as the PostgreSQL engine: whole label, typos, words in order, field, published first, shorter label first', () => {
    expect(MEILI_SETTINGS.rankingRules).toEqual([
      'words',
      'exactness',
      'typo',
      'proximity',
      'attributeRank',
      'statusRank:asc',
      'prefWords:asc',
      'wordPosition',
    ]);
  });

  it('matches codes, acronyms and local codes exactly, and forgives typos from 5 and 9 letters elsewhere', () => {
    expect(MEILI_SETTINGS.typoTolerance).toEqual({
      enabled: true,
      minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
      disableOnAttributes: ['search.code', 'search.acronyms', 'search.legacyCodes', 'whole.codes'],
    });
  });

  it('filters and counts facets on domain, status and system', () => {
    expect(MEILI_SETTINGS.filterableAttributes).toEqual(['domain', 'status', 'systems']);
    expect(MEILI_SETTINGS.stopWords).toEqual([]);
  });

  it('builds a document from a search_document row: texts searched as keys, shown as written, each label and code alone', () => {
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
      statusRank: 0,
      prefWords: 8,
      search: {
        pref: 'indemnite de fonction de sujetion et d expertise',
        code: 'rh 0021',
        acronyms: ['ifse'],
        alt: [],
        other: ['allowance for function'],
        hidden: ['ifse'],
        legacy: ['ifse', 'prime ifse'],
        legacyCodes: ['0412', 'rem ifse'],
        definition: 'part fixe du rifseep',
      },
      whole: {
        labels: { l0: 'indemnite de fonction de sujetion et d expertise', l1: 'allowance for function', l2: 'ifse', l3: 'prime ifse' },
        codes: { c0: 'rh 0021', c1: 'ifse', c2: '0412', c3: 'rem ifse' },
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
