import { validateMapping } from './row-validation';

describe('row validation', () => {
  it('checks a mapping: relation, concept, dates, confidence', () => {
    expect(validateMapping({ system: 'si-mer-fin', localCode: ' 0412 ', relation: 'exact', concept: 'fin-0001', confidence: 0.9 })).toEqual(
      [],
    );
    expect(
      validateMapping({
        system: 'SI-A',
        localCode: 'X',
        relation: 'UNMAPPED',
        concept: 'FIN-0001',
        validFrom: '2026-13-01',
        confidence: 2,
      }),
    ).toEqual([
      { field: 'concept', message: 'An UNMAPPED code has no concept' },
      { field: 'validFrom', message: '"2026-13-01" is not a date (YYYY-MM-DD)' },
      { field: 'confidence', message: 'The confidence is a number between 0 and 1' },
    ]);
  });
});
