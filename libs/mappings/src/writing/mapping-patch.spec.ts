import { ErrorReason } from '@lexique/core';
import { calendarDate, normalizeMappingPatch } from './mapping-patch';

describe('calendarDate', () => {
  it.each([
    ['2024-02-29', '2024-02-29'],
    ['2023-02-29', undefined],
    ['2024-02-30', undefined],
    ['2024-02-31', undefined],
    ['2024-13-01', undefined],
    ['0000-01-01', undefined],
    ['0001-01-01', '0001-01-01'],
    ['24-01-01', undefined],
    [null, null],
    [20240101, undefined],
  ] as [unknown, string | null | undefined][])('%s → %s', (value, expected) => {
    expect(calendarDate(value)).toBe(expected);
  });
});

describe('normalizeMappingPatch', () => {
  const problems = (input: object) => {
    const found: [ErrorReason, string][] = [];
    const patch = normalizeMappingPatch(input, (reason, field) => found.push([reason, field]));
    return { patch, found };
  };

  it('keeps only the fields given, normalised; an explicit null clears, a cleared justification is the default', () => {
    expect(problems({ relation: ' close ', concept: ' fin-0001 ', localLabel: '  ', confidence: 0.12345, justification: null })).toEqual({
      patch: { relation: 'CLOSE', concept: 'FIN-0001', localLabel: null, confidence: 0.123, justification: 'semapv:ManualMappingCuration' },
      found: [],
    });
    expect(problems({}).patch).toEqual({});
  });

  it('reports every faulty field with its reason and leaves it out', () => {
    expect(
      problems({
        relation: 'SAME',
        validFrom: '2024-02-30',
        validTo: '0000-01-01',
        confidence: 1.5,
        justification: 'semapv:Guesswork',
        note: 'x'.repeat(2001),
        localLabel: 'a\u0000b',
      }),
    ).toEqual({
      patch: {},
      found: [
        [ErrorReason.INVALID_VALUE, 'localLabel'],
        [ErrorReason.TOO_LONG, 'note'],
        [ErrorReason.INVALID_VALUE, 'relation'],
        [ErrorReason.INVALID_FORMAT, 'validFrom'],
        [ErrorReason.INVALID_FORMAT, 'validTo'],
        [ErrorReason.INVALID_VALUE, 'justification'],
        [ErrorReason.INVALID_VALUE, 'confidence'],
      ],
    });
  });
});
