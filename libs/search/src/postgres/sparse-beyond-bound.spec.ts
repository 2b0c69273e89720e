import { MATCH_BOUND, sparseBeyondBound } from './search-document.repository';

describe('sparseBeyondBound', () => {
  it('takes the index only for label matches beyond the bound and rare among the documents', () => {
    expect(sparseBeyondBound({ matches: 20_000, inLabels: 6_000, documents: 100_000 })).toBe(true);
    expect(sparseBeyondBound({ matches: 95_000, inLabels: 90_000, documents: 100_000 })).toBe(false);
    expect(sparseBeyondBound({ matches: 5_000, inLabels: MATCH_BOUND, documents: 100_000 })).toBe(false);
  });
});
