import { typoBudget, typoDistance } from '../query/query-text';
import { SearchDocumentRepository } from './search-document.repository';

/** How long a word's typo variants are reused: the lexicon only grows, so at worst a new word is a typo target a minute late. */
const TTL_MS = 60_000;
const MAX_WORDS = 10_000;

/**
 * The lexicon words each query word may be a typo of (trigram candidates from
 * PostgreSQL, then the exact distance within the word's budget), remembered a
 * minute, so that a search mostly costs one round trip.
 */
export class TypoLexicon {
  private readonly known = new Map<string, { variants: string[]; until: number }>();

  constructor(
    private readonly documents: SearchDocumentRepository,
    private readonly now: () => number = Date.now,
  ) {}

  async variants(words: string[]): Promise<Map<string, string[]>> {
    const result = new Map<string, string[]>();
    const missing: string[] = [];
    for (const word of new Set(words.filter((w) => typoBudget(w) > 0))) {
      const known = this.known.get(word);
      if (known && known.until > this.now()) result.set(word, known.variants);
      else missing.push(word);
    }
    if (missing.length === 0) return result;
    const found = new Map<string, string[]>(missing.map((word) => [word, []]));
    for (const { word, candidate } of await this.documents.typoCandidates(missing)) {
      if (typoDistance(word, candidate) <= typoBudget(word)) found.get(word)!.push(candidate);
    }
    for (const [word, variants] of found) {
      // a Map keeps insertion order: the oldest entry goes first when full
      if (this.known.size >= MAX_WORDS) this.known.delete(this.known.keys().next().value!);
      this.known.set(word, { variants, until: this.now() + TTL_MS });
      result.set(word, variants);
    }
    return result;
  }
}
