import { ErrorCode } from '@lexique/core';
import { MappingRelation } from '../mappings/mapping-relation';
import { periodsOverlap, validateMapping } from './mapping-input';

const base = { system: ' si-mer-fin ', localCode: ' 0412 ', relation: MappingRelation.EXACT, concept: 'fin-0001' };

describe('validateMapping', () => {
  it('normalises codes and keeps the local code as the system writes it', () => {
    expect(validateMapping(base)).toMatchObject({
      system: 'SI-MER-FIN',
      localCode: ' 0412 ',
      key: '0412',
      content: { concept: 'FIN-0001', justification: 'semapv:ManualMappingCuration', confidence: null, localLabel: null },
    });
  });

  it.each([
    ['concept', { relation: MappingRelation.UNMAPPED }],
    ['concept', { concept: ' ' }],
    ['validTo', { validFrom: '2025-01-01', validTo: '2025-01-01' }],
    ['validFrom', { validFrom: '01/01/2025' }],
    ['confidence', { confidence: -0.1 }],
    ['justification', { justification: 'semapv:Intuition' }],
    ['localCode', { localCode: ' \t ' }],
  ])('names %s', (field, change) => {
    expect(() => validateMapping({ ...base, ...change })).toThrow(
      expect.objectContaining({ code: ErrorCode.BAD_USER_INPUT, field }) as Error,
    );
  });
});

describe('periodsOverlap', () => {
  const period = (validFrom: string | null, validTo: string | null) => ({ validFrom, validTo });
  it('treats periods as [from, to) with open ends', () => {
    expect(periodsOverlap(period(null, null), period('2020-01-01', null))).toBe(true);
    expect(periodsOverlap(period(null, '2021-01-01'), period('2021-01-01', null))).toBe(false);
    expect(periodsOverlap(period('2020-01-01', '2021-01-01'), period('2020-06-01', '2020-07-01'))).toBe(true);
    expect(periodsOverlap(period('2022-01-01', null), period(null, '2021-01-01'))).toBe(false);
  });
});
