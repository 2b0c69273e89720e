import { searchTerms } from './search-terms';

describe('search terms', () => {
  it('takes each word as written (singular label word, code word) and as a stem, the last one also as a prefix', () => {
    expect(searchTerms(['marches', 'publ'], true, new Map())).toEqual({
      typed: ['marche:A | marches:B', 'publ:*A | publ:*B'],
      stems: ['marches:D', 'publ:D'],
      fuzzyWritten: ['marche:A | marches:B', 'publ:*A | publ:*B'],
      fuzzyStems: ['marches:D', 'publ:D'],
      matchWritten: ['marche | marches', 'publ:* | publ:*'],
      matchStems: ['marches', 'publ'],
    });
  });

  it('takes the word being typed as the start of what is typed, or as its singular whole', () => {
    expect(searchTerms(['regis'], true, new Map()).typed).toEqual(['regis:*A | regi:A | regis:*B']);
  });

  it('adds typo variants as label words only, never as codes', () => {
    expect(searchTerms(['budgte'], false, new Map([['budgte', ['budget', 'budgets']]]))).toEqual({
      typed: ['budgte:A | budgte:B'],
      stems: ['budgte:D'],
      fuzzyWritten: ['budgte:A | budgte:B | budget:A | budget:A'],
      fuzzyStems: ['budgte:D | budget:D | budgets:D'],
      matchWritten: ['budgte | budgte | budget | budget'],
      matchStems: ['budgte | budget | budgets'],
    });
  });
});
