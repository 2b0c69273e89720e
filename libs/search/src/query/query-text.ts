import { TYPO_BUDGET } from '../ranking';

/**
 * How a typed query becomes words: accents and case folded, split on
 * anything that is not a letter or digit, French stop words dropped. Words
 * are then only ASCII letters and digits, which is what makes them safe to
 * place in a tsquery text (besides being bound as parameters).
 */

/** At most this many words take part in a search; agents type a few words, not sentences. */
export const MAX_QUERY_WORDS = 8;

const FRENCH_STOP_WORDS = new Set(
  (
    'a au aux avec ce ces d dans de des du elle en et eux il je l la le les leur lui m ma mais me meme mes moi mon ne nos notre nous on ou ' +
    'par pas pour qu que qui s sa se ses son sur t ta te tes toi ton tu un une vos votre vous y'
  ).split(' '),
);

/** Whether a folded word is a French stop word (dropped from queries unless it is all they hold). */
export function isStopWord(word: string): boolean {
  return FRENCH_STOP_WORDS.has(word);
}

export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/œ/gi, 'oe')
    .replace(/æ/gi, 'ae')
    .toLowerCase();
}

export function foldedWords(text: string): string[] {
  return foldText(text)
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
}

export interface QueryWords {
  /** The whole query folded and trimmed, compared with codes, acronyms and labels as a whole. */
  whole: string;
  /** Words to match, stop words dropped (kept when the query is nothing else, and the last one, which may be a prefix). */
  words: string[];
}

export function queryWords(text: string): QueryWords {
  const all = foldedWords(text);
  const meaningful = all.filter((word) => !FRENCH_STOP_WORDS.has(word));
  // The last word may be the start of a longer one ("velo par" for "vélo partagé"): it stays.
  const last = all[all.length - 1];
  if (meaningful.length > 0 && FRENCH_STOP_WORDS.has(last)) meaningful.push(last);
  const words = (meaningful.length > 0 ? meaningful : all).slice(0, MAX_QUERY_WORDS);
  return { whole: foldText(text).trim().replace(/\s+/g, ' '), words };
}

/** Typos forgiven in a word: one from 5 letters, two from 9; none in a number. */
export function typoBudget(word: string): number {
  if (/^\d+$/.test(word)) return 0;
  if (word.length >= TYPO_BUDGET.twoTyposFrom) return 2;
  if (word.length >= TYPO_BUDGET.oneTypoFrom) return 1;
  return 0;
}

/**
 * A folded word with its plural mark dropped (a final s or x after three
 * letters or more): singular and plural are the same word for an agent. The
 * search_singular SQL function folds documents the same way.
 */
export function singular(word: string): string {
  return word.length > 3 && /[sx]$/.test(word) ? word.slice(0, -1) : word;
}

/**
 * A text as a key compared whole: folded words, singular, one space apart
 * (the search_keys SQL function builds the documents' keys the same way).
 * "Marchés publics" and "marche public" have the same key.
 */
export function searchKey(text: string): string {
  return foldedWords(text).map(singular).join(' ');
}

/**
 * The last word is a prefix while the agent types: from its first letter
 * after other words (they narrow the search), from two letters alone.
 */
export function isPrefixWord(words: string[], index: number): boolean {
  return index === words.length - 1 && (words[index].length >= 2 || words.length > 1);
}

/** Edit distance counting a swap of two neighbouring letters as one typo (optimal string alignment). */
export function typoDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
