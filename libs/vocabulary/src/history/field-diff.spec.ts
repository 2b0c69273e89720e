import { fieldDiff } from './field-diff';

describe('fieldDiff', () => {
  it('lists changed fields with dotted paths into objects, lists compared whole', () => {
    const before = { prefLabel: { fr: 'Budget', en: 'Budget' }, acronyms: ['BP'], status: 'DRAFT', source: null };
    const after = { prefLabel: { fr: 'Budget primitif', en: 'Budget' }, acronyms: ['BP', 'BPR'], status: 'DRAFT', source: 'CGCT L1612-1' };
    expect(fieldDiff(before, after)).toEqual([
      { field: 'acronyms', before: ['BP'], after: ['BP', 'BPR'] },
      { field: 'prefLabel.fr', before: 'Budget', after: 'Budget primitif' },
      { field: 'source', before: null, after: 'CGCT L1612-1' },
    ]);
  });

  it('shows every field of a creation and of a removal', () => {
    expect(fieldDiff(null, { code: 'FIN-9000', prefLabel: { fr: 'Dette' } })).toEqual([
      { field: 'code', before: null, after: 'FIN-9000' },
      { field: 'prefLabel.fr', before: null, after: 'Dette' },
    ]);
    expect(fieldDiff({ code: 'X' }, null)).toEqual([{ field: 'code', before: 'X', after: null }]);
  });

  it('treats absent, null, empty lists and empty objects alike', () => {
    expect(fieldDiff({ altLabels: { fr: ['a'], en: [] }, broader: [] }, { altLabels: { fr: ['a'] }, scopeNote: {} })).toEqual([]);
  });
});
