import { singular } from '../query/query-text';

/**
 * The words of a search as the tsquery texts of SEARCH_SQL, one entry per
 * word: its alternatives as written (the `simple` configuration: A the
 * singular label word, B the code or acronym word; the word being typed as
 * the start of a word, `:*`), and the words to stem (the French
 * configuration, D). Words and
 * variants are ASCII letters and digits only (see query-text), so no tsquery
 * syntax can slip in.
 */
export interface SearchTerms {
  /** As typed: no stems, no typos. */
  typed: string[];
  /** Each word's own stem. */
  stems: string[];
  /** As typed or through a typo. */
  fuzzyWritten: string[];
  fuzzyStems: string[];
  /**
   * The same without weights, for finding the matches: the index then answers
   * exactly, and no match is checked again against its (large, out of row) vector.
   */
  matchWritten: string[];
  matchStems: string[];
}

export function searchTerms(words: string[], lastIsPrefix: boolean, variants: ReadonlyMap<string, string[]>): SearchTerms {
  const terms: SearchTerms = { typed: [], stems: [], fuzzyWritten: [], fuzzyStems: [], matchWritten: [], matchStems: [] };
  const unweighted = (text: string) => text.replace(/:(\*?)[ABD]/g, (_, star: string) => (star ? ':*' : ''));
  words.forEach((word, i) => {
    // the word being typed: the start of what is typed (not of its singular: "regis" starts
    // "régisseur", not "régie"), or its singular whole ("publics" is "public")
    const typed =
      lastIsPrefix && i === words.length - 1
        ? [`${word}:*A`, ...(singular(word) === word ? [] : [`${singular(word)}:A`]), `${word}:*B`].join(' | ')
        : `${singular(word)}:A | ${word}:B`;
    const typos = variants.get(word) ?? [];
    terms.typed.push(typed);
    terms.stems.push(`${word}:D`);
    terms.fuzzyWritten.push([typed, ...typos.map((variant) => `${singular(variant)}:A`)].join(' | '));
    terms.fuzzyStems.push([word, ...typos].map((w) => `${w}:D`).join(' | '));
    terms.matchWritten.push(unweighted(terms.fuzzyWritten[i]));
    terms.matchStems.push(unweighted(terms.fuzzyStems[i]));
  });
  return terms;
}
