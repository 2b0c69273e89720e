import { DateScalar, DateTimeScalar } from './scalars';

describe('Date and DateTime scalars', () => {
  it.each(['0001-01-01', '2024-02-29', '9999-12-31'])('accept %s', (value) => {
    expect(DateScalar.parseValue(value)).toBe(value);
  });

  // year 0 exists in JavaScript, not in PostgreSQL: it once reached the database as an internal error
  it.each(['0000-01-01', '2024-02-30', '1900-02-29', '10000-01-01', '-0001-01-01', '2024-01-01T00:00:00Z', 'nul \u0000'])(
    'refuse %j',
    (value) => {
      expect(() => DateScalar.parseValue(value)).toThrow(/from 0001-01-01 to 9999-12-31/);
    },
  );

  it('keeps instants within the years PostgreSQL and JavaScript share', () => {
    expect(DateTimeScalar.parseValue('2026-11-28T17:18:03.000Z')).toEqual(new Date('2026-11-28T17:18:03.000Z'));
    expect(() => DateTimeScalar.parseValue('-271821-04-20T00:00:00Z')).toThrow(/year 1 to 9999/);
    expect(() => DateTimeScalar.parseValue('+275760-09-13T00:00:00Z')).toThrow(/year 1 to 9999/);
  });
});
