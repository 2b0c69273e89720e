import { foldText, typoBudget, typoDistance } from './query-text';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);
}

/** The terms a text is highlighted with: folded words, the last one a prefix. */
export interface HighlightTerms {
  words: string[];
  prefix?: string;
}

/**
 * Whether a folded word of the text answers a term: the same word, a French
 * inflection of it (the engine stems), a typo within the term's budget, or a
 * longer word when the term is the prefix being typed.
 */
function answers(word: string, terms: HighlightTerms): boolean {
  if (terms.prefix && word.startsWith(terms.prefix)) return true;
  return terms.words.some((term) => {
    if (word === term) return true;
    const shorter = Math.min(word.length, term.length);
    const common = commonPrefix(word, term);
    if (shorter >= 4 && common >= shorter - 1 && Math.abs(word.length - term.length) <= 3) return true;
    const budget = typoBudget(term);
    return budget > 0 && Math.abs(word.length - term.length) <= budget && typoDistance(term, word) <= budget;
  });
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** The text, HTML-escaped, with the words that answer the terms wrapped in `<mark>`. */
export function highlight(text: string, terms: HighlightTerms): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const start = match.index;
    const word = match[0];
    out += escapeHtml(text.slice(last, start));
    const folded = foldText(word);
    out += answers(folded, terms) ? `<mark>${escapeHtml(word)}</mark>` : escapeHtml(word);
    last = start + word.length;
  }
  return out + escapeHtml(text.slice(last));
}

/** Whether any word of the text answers the terms (to pick which label to show). */
export function answersAny(text: string, terms: HighlightTerms): boolean {
  return [...text.matchAll(/[\p{L}\p{N}]+/gu)].some((match) => answers(foldText(match[0]), terms));
}

/** A window of a long text (a definition) around its first answering word. */
export function excerpt(text: string, terms: HighlightTerms, width = 160): string {
  if (text.length <= width) return text;
  const first = [...text.matchAll(/[\p{L}\p{N}]+/gu)].find((match) => answers(foldText(match[0]), terms));
  const start = Math.max(0, (first?.index ?? 0) - Math.floor(width / 3));
  const end = Math.min(text.length, start + width);
  return (start > 0 ? '…' : '') + text.slice(start, end).trim() + (end < text.length ? '…' : '');
}
