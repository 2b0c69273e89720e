import { broaderCycles } from './broader-cycles';

const links = (...pairs: [string, string][]) => pairs.map(([code, broader]) => ({ code, broader }));

describe('broader cycles', () => {
  it('finds none in a tree or a diamond', () => {
    expect(broaderCycles(links(['B', 'A'], ['C', 'A'], ['D', 'B'], ['D', 'C']))).toEqual([]);
  });

  it('finds a concept broader than itself', () => {
    expect(broaderCycles(links(['A', 'A']))).toEqual([['A']]);
  });

  it('finds each cycle with its members, beside links that are not in one', () => {
    const found = broaderCycles(links(['A', 'B'], ['B', 'A'], ['C', 'A'], ['X', 'Y'], ['Y', 'Z'], ['Z', 'X']));
    expect(found.sort()).toEqual([
      ['A', 'B'],
      ['X', 'Y', 'Z'],
    ]);
  });

  it('follows a chain of any depth (beyond what a recursive walk with a depth limit sees)', () => {
    const chain = Array.from({ length: 100_000 }, (_, i) => ({ code: `C${i}`, broader: `C${i + 1}` }));
    expect(broaderCycles(chain)).toEqual([]);
    const cycle = broaderCycles([...chain, { code: 'C100000', broader: 'C0' }]);
    expect(cycle).toHaveLength(1);
    expect(cycle[0]).toHaveLength(100_001);
  });
});
