import { DomainError, ErrorCode } from '@lexique/core';
import { ConceptContentInput, mergeContent, validateConceptCode, validateContent } from './concept-content';

function fieldOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(ErrorCode.BAD_USER_INPUT);
    return (error as DomainError).field;
  }
  throw new Error('accepted');
}

describe('concept content validation', () => {
  it('normalises: trims and collapses spaces, drops empty languages, dedupes lists, upper-cases codes', () => {
    expect(
      validateContent({
        prefLabel: { fr: '  Budget   primitif ', en: null },
        altLabels: { fr: ['BP', 'BP'], en: [] },
        acronyms: [' BP '],
        broader: ['fin-0001', 'FIN-0001'],
        source: ' CGCT ',
      }),
    ).toEqual({
      prefLabel: { fr: 'Budget primitif' },
      altLabels: { fr: ['BP'] },
      hiddenLabels: [],
      acronyms: ['BP'],
      definition: {},
      scopeNote: {},
      source: 'CGCT',
      broader: ['FIN-0001'],
      related: [],
    });
  });

  it.each<[string, ConceptContentInput, string]>([
    ['missing French label', { prefLabel: { en: 'Budget' } }, 'input.prefLabel.fr'],
    ['blank French label', { prefLabel: { fr: ' \t ' } }, 'input.prefLabel.fr'],
    ['label too long', { prefLabel: { fr: 'a'.repeat(201) } }, 'input.prefLabel.fr'],
    ['unknown language', { prefLabel: { fr: 'a', de: 'b' } }, 'input.prefLabel.de'],
    ['unknown language in alternative labels', { prefLabel: { fr: 'a' }, altLabels: { es: ['b'] } }, 'input.altLabels.es'],
    ['blank alternative label', { prefLabel: { fr: 'a' }, altLabels: { fr: ['b', ''] } }, 'input.altLabels.fr[1]'],
    ['acronym too long', { prefLabel: { fr: 'a' }, acronyms: ['A'.repeat(21)] }, 'input.acronyms[0]'],
    ['blank hidden label', { prefLabel: { fr: 'a' }, hiddenLabels: [' '] }, 'input.hiddenLabels[0]'],
    ['definition too long', { prefLabel: { fr: 'a' }, definition: { en: 'd'.repeat(4001) } }, 'input.definition.en'],
    ['blank source', { prefLabel: { fr: 'a' }, source: '  ' }, 'input.source'],
    ['malformed relation code', { prefLabel: { fr: 'a' }, related: ['FIN-0001', 'FIN 2'] }, 'input.related[1]'],
    ['too many acronyms', { prefLabel: { fr: 'a' }, acronyms: Array.from({ length: 51 }, (_, i) => `A${i}`) }, 'input.acronyms'],
  ])('refuses a %s, naming %s', (_what, input, field) => {
    expect(fieldOf(() => validateContent(input))).toBe(field);
  });

  it('names fields under the given path', () => {
    expect(fieldOf(() => validateContent({ prefLabel: {} }, 'revision'))).toBe('revision.prefLabel.fr');
  });

  it('checks codes against the domain', () => {
    expect(validateConceptCode(' fin-0042 ', 'FIN')).toBe('FIN-0042');
    expect(fieldOf(() => validateConceptCode('RH-0042', 'FIN'))).toBe('input.code');
    expect(fieldOf(() => validateConceptCode('FIN-', 'FIN'))).toBe('input.code');
    expect(fieldOf(() => validateConceptCode('FIN-0042-1', 'FIN'))).toBe('input.code');
  });

  it('merges an update: absent keeps, null clears, given replaces as a whole', () => {
    const current = validateContent({ prefLabel: { fr: 'Budget', en: 'Budget' }, acronyms: ['BP'], source: 'CGCT' });
    expect(mergeContent(current, { prefLabel: { fr: 'Budget primitif' }, source: null })).toMatchObject({
      prefLabel: { fr: 'Budget primitif' },
      acronyms: ['BP'],
      source: null,
    });
  });
});
