import { prefixedColumns, prefixedRowReader } from './row-columns';

describe('row columns', () => {
  const columns = ['id', 'valid_from::text', 'label'];

  it('renames each column with the prefix and keeps casts out of the name', () => {
    expect(prefixedColumns('m', 'm_', columns)).toBe('m.id AS m_id, m.valid_from::text AS m_valid_from, m.label AS m_label');
  });

  it('takes one table back out of a row holding several', () => {
    const row = { m_id: '1', m_valid_from: '2026-01-01', m_label: null, c_id: '2' };
    expect(prefixedRowReader('m_', columns)(row)).toEqual({ id: '1', valid_from: '2026-01-01', label: null });
  });

  it('gives null for a table a LEFT JOIN did not find', () => {
    expect(prefixedRowReader('m_', columns)({ m_id: null, m_valid_from: null, m_label: null })).toBeNull();
  });
});
