import { foldText, isPrefixWord, queryWords, typoBudget, typoDistance } from './query-text';

describe('query text', () => {
  it('folds accents, ligatures and case', () => {
    expect(foldText('Éléments de RÉGIE à œuvre')).toBe('elements de regie a oeuvre');
  });

  it('keeps letters and digits only, and drops French stop words unless nothing else is left', () => {
    expect(queryWords("  Mise à dispo d'un agent ")).toEqual({ whole: "mise a dispo d'un agent", words: ['mise', 'dispo', 'agent'] });
    expect(queryWords(`'; DROP TABLE concept; --`).words).toEqual(['drop', 'table', 'concept']);
    expect(queryWords('budget:* & !(marche) | "x"').words).toEqual(['budget', 'marche', 'x']);
    expect(queryWords('de la').words).toEqual(['de', 'la']);
    expect(queryWords('velo par').words).toEqual(['velo', 'par']); // the word being typed may start "partagé"
    expect(queryWords('mise a dispo').words).toEqual(['mise', 'dispo']);
    expect(queryWords('€€ ¿').words).toEqual([]);
  });

  it('reads at most eight words', () => {
    expect(queryWords('un deux trois quatre cinq six sept huit neuf dix').words).toHaveLength(8);
  });

  it('forgives one typo from 5 letters and two from 9', () => {
    expect([4, 5, 8, 9, 12].map((n) => typoBudget('x'.repeat(n)))).toEqual([0, 1, 1, 2, 2]);
  });

  it('counts a swap of two letters as one typo', () => {
    expect(typoDistance('budget', 'budget')).toBe(0);
    expect(typoDistance('budgte', 'budget')).toBe(1);
    expect(typoDistance('publc', 'public')).toBe(1);
    expect(typoDistance('soumisionaire', 'soumissionnaire')).toBe(2);
    expect(typoDistance('abc', 'xyz')).toBe(3);
  });

  it('takes the last word as a prefix: alone from two letters, after other words from one', () => {
    expect(isPrefixWord(['b'], 0)).toBe(false);
    expect(isPrefixWord(['bu'], 0)).toBe(true);
    expect(isPrefixWord(['offre', 'b'], 1)).toBe(true);
    expect(isPrefixWord(['offre', 'b'], 0)).toBe(false);
  });
});
