import { MEILI_SETTINGS } from './meili-settings';
import { toMeiliDocument } from './meili-document';

describe('Meilisearch index settings and documents', () => {
  it('searches fields in ranking order: preferred label, acronym and code, alternative, hidden, legacy, definition', () => {
    expect(MEILI_SETTINGS.searchableAttributes).toEqual([
      'prefLabel',
      'otherPrefLabels',
      'acronyms',
      'code',
      'altLabels',
      'hiddenLabels',
      'legacyLabels',
      'legacyCodes',
      'definition',
    ]);
  });

  it('matches codes, acronyms and local codes exactly, and forgives typos from 5 and 9 letters elsewhere', () => {
    expect(MEILI_SETTINGS.typoTolerance).toEqual({
      enabled: true,
      minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
      disableOnAttributes: ['code', 'acronyms', 'legacyCodes'],
    });
  });

  it('filters and counts facets on domain, status and system, never displays hidden labels, and speaks French', () => {
    expect(MEILI_SETTINGS.filterableAttributes).toEqual(['domain', 'status', 'systems']);
    expect(MEILI_SETTINGS.displayedAttributes).not.toContain('hiddenLabels');
    expect(MEILI_SETTINGS.stopWords).toEqual(expect.arrayContaining(['de', 'la', 'à', 'des']));
    expect(MEILI_SETTINGS.localizedAttributes).toContainEqual({
      attributePatterns: ['prefLabel', 'altLabels', 'hiddenLabels', 'legacyLabels', 'definition'],
      locales: ['fra'],
    });
  });

  it('builds a document from a search_document row, with local codes apart from their system', () => {
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
      legacy_labels: ['IFSE'],
      legacy_codes: ['SI-BDX-GRH 0412', 'SI-MUT-RH REM IFSE'],
      systems: ['SI-BDX-GRH', 'SI-MUT-RH'],
      definition: 'Part fixe du RIFSEEP.',
    });
    expect(document).toEqual({
      id: '6f1c1b2e-0000-4000-8000-000000000021',
      code: 'RH-0021',
      domain: 'RH',
      status: 'PUBLISHED',
      prefLabel: "Indemnité de fonctions, de sujétions et d'expertise",
      otherPrefLabels: ['Allowance for functions'],
      acronyms: ['IFSE'],
      altLabels: [],
      hiddenLabels: ['ifse'],
      legacyLabels: ['IFSE'],
      legacyCodes: ['0412', 'REM IFSE'],
      legacyReferences: ['SI-BDX-GRH 0412', 'SI-MUT-RH REM IFSE'],
      systems: ['SI-BDX-GRH', 'SI-MUT-RH'],
      definition: 'Part fixe du RIFSEEP.',
    });
  });
});
