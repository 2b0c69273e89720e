import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * A deterministic dictionary of any size for benchmarks (search,
 * translation, imports): the same options always give the same rows. Labels
 * are drawn from the words of the demo vocabulary plus made-up French-looking
 * words, with a skewed frequency as in real labels, so that prefixes and
 * common words match many concepts as they would in production.
 */
export interface DatasetOptions {
  concepts: number;
  mappings: number;
  systems: number;
  seed: number;
}

export const DEFAULT_DATASET: DatasetOptions = { concepts: 100_000, mappings: 1_000_000, systems: 13, seed: 20261128 };

export const BENCH_DOMAINS = ['FIN', 'ACH', 'RH', 'JUR', 'IMMO', 'MOB', 'NUM', 'TER'];

export interface BenchConcept {
  code: string;
  domain: string;
  status: 'PUBLISHED' | 'DEPRECATED' | 'DRAFT';
  prefLabel: string;
  prefLabelEn: string | null;
  altLabels: string[];
  hiddenLabels: string[];
  acronyms: string[];
  definition: string;
}

export interface BenchSystem {
  code: string;
  name: string;
}

export interface BenchMapping {
  system: string;
  localCode: string;
  localLabel: string;
  /** Index of the concept in the generated order. */
  concept: number;
}

/** mulberry32: small, fast and good enough for test data. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = [
  'ba',
  'ce',
  'di',
  'fo',
  'ga',
  'la',
  'ma',
  'ne',
  'po',
  'ri',
  'sa',
  'te',
  'vi',
  'ro',
  'tu',
  'mé',
  'ré',
  'con',
  'tra',
  'ment',
  'tion',
  'al',
  'eur',
  'age',
];
const STOP = new Set([
  'les',
  'des',
  'une',
  'aux',
  'par',
  'pour',
  'dans',
  'sur',
  'avec',
  'qui',
  'que',
  'est',
  'son',
  'ses',
  'leur',
  'the',
  'and',
]);

/** The words labels are made of: the demo vocabulary's, then made-up ones, most frequent first. */
export function wordPool(size = 4000, seed = 1): string[] {
  const demo = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../demo/vocabulary.json'), 'utf8')) as {
    concepts: { prefLabel: Record<string, string>; definition?: Record<string, string> }[];
  };
  const counts = new Map<string, number>();
  for (const concept of demo.concepts) {
    for (const text of [concept.prefLabel.fr, concept.definition?.fr ?? '']) {
      for (const word of text.toLowerCase().match(/[\p{L}]{3,}/gu) ?? []) {
        if (!STOP.has(word)) counts.set(word, (counts.get(word) ?? 0) + 1);
      }
    }
  }
  const words = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([word]) => word);
  const random = prng(seed);
  const seen = new Set(words);
  while (words.length < size) {
    const n = 2 + Math.floor(random() * 3);
    let word = '';
    for (let i = 0; i < n; i++) word += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    if (!seen.has(word)) {
      seen.add(word);
      words.push(word);
    }
  }
  return words;
}

/** A skewed pick: low indexes (frequent words) far more often than high ones. */
function skewed(random: () => number, size: number): number {
  return Math.floor(size * random() ** 2.2);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function* generateConcepts(options: DatasetOptions): Generator<BenchConcept> {
  const random = prng(options.seed);
  const pool = wordPool(4000, options.seed);
  const phrase = (min: number, max: number) => {
    const n = min + Math.floor(random() * (max - min + 1));
    const words: string[] = [];
    for (let i = 0; i < n; i++) words.push(pool[skewed(random, pool.length)]);
    return words;
  };
  for (let i = 0; i < options.concepts; i++) {
    const domain = BENCH_DOMAINS[i % BENCH_DOMAINS.length];
    const words = phrase(1, 4);
    const prefLabel = capitalise(words.join(' ')) + (random() < 0.5 ? '' : ` ${Math.floor(random() * 1000)}`);
    const roll = random();
    yield {
      code: `${domain}-${String(i).padStart(7, '0')}`,
      domain,
      status: roll < 0.9 ? 'PUBLISHED' : roll < 0.95 ? 'DEPRECATED' : 'DRAFT',
      prefLabel,
      prefLabelEn: random() < 0.5 ? `${capitalise(phrase(1, 3).join(' '))} en` : null,
      altLabels: random() < 0.4 ? [capitalise(phrase(1, 3).join(' '))] : [],
      hiddenLabels: random() < 0.1 ? [prefLabel.toLowerCase().replace(/[aeiou]/, '')] : [],
      acronyms: random() < 0.3 && words.length > 1 ? [words.map((w) => w[0].toUpperCase()).join('') + (i % 97)] : [],
      definition: capitalise(phrase(8, 20).join(' ')) + '.',
    };
  }
}

export function generateSystems(options: DatasetOptions): BenchSystem[] {
  return Array.from({ length: options.systems }, (_, i) => ({
    code: `SI-BENCH-${String(i + 1).padStart(2, '0')}`,
    name: `Système de référence ${i + 1}`,
  }));
}

export function* generateMappings(options: DatasetOptions): Generator<BenchMapping> {
  const random = prng(options.seed + 1);
  const pool = wordPool(4000, options.seed);
  const systems = generateSystems(options);
  for (let i = 0; i < options.mappings; i++) {
    // Mappings come grouped by concept, about mappings/concepts for each.
    const concept = Math.min(options.concepts - 1, Math.floor((i * options.concepts) / options.mappings));
    const system = systems[i % systems.length];
    const label = [pool[skewed(random, pool.length)], pool[skewed(random, pool.length)]].join(' ').toUpperCase();
    yield { system: system.code, localCode: `L${String(i).padStart(7, '0')}`, localLabel: label, concept };
  }
}

/** Queries for a search benchmark over the generated data: short prefixes and whole words, as agents type. */
export function benchQueries(options: DatasetOptions): { prefixes: string[]; words: string[] } {
  const pool = wordPool(4000, options.seed);
  const frequent = pool.slice(0, 200).filter((word) => word.length >= 5);
  const random = prng(options.seed + 2);
  const pick = () => frequent[Math.floor(random() * frequent.length)];
  return {
    prefixes: Array.from({ length: 50 }, () => {
      const word = pick();
      return word.slice(0, 2 + Math.floor(random() * 2));
    }),
    words: Array.from({ length: 50 }, (_, i) => (i % 3 === 0 ? `${pick()} ${pick()}` : pick())),
  };
}
