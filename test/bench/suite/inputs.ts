import * as fs from 'node:fs';
import * as path from 'node:path';
import { benchQueries, DatasetOptions, generateConcepts, generateSystems } from '../dataset/generate';
import { SearchQueries } from './search-workloads';

/**
 * What the bench asks of a data set: codes that exist, mapped codes,
 * searches. The generated data set gives them by its own formulas; the demo
 * dictionary from its file and the labelled queries of test/relevance.
 */
export interface BenchInputs {
  /** Codes of concepts a reader sees. */
  concepts: string[];
  /** A mapped local code, the n-th. */
  mapping: (n: number) => { system: string; code: string };
  systems: string[];
  searches: SearchQueries;
  /** Batches, crosswalk and the feed: the generated data set only. */
  batch?: (size: number, n: number) => { system: string; codes: string[] };
}

const pad = (n: number) => String(n).padStart(7, '0');

/** Misspells a word as agents do: one letter dropped or two swapped. */
export function typo(word: string, n: number): string {
  const at = 1 + (n % Math.max(1, word.length - 2));
  return n % 2 === 0 ? word.slice(0, at) + word.slice(at + 1) : word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
}

export function generatedInputs(dataset: DatasetOptions): BenchInputs {
  // readers see published and deprecated concepts, not drafts
  const concepts = [...generateConcepts(dataset)].filter((c) => c.status !== 'DRAFT').map((c) => c.code);
  const systems = generateSystems(dataset).map((s) => s.code);
  const queries = benchQueries(dataset);
  return {
    concepts,
    systems,
    // mapping i is local code L<i> of system i mod the number of systems (see generateMappings)
    mapping: (n) => {
      const i = (n * 7919) % dataset.mappings;
      return { system: systems[i % systems.length], code: `L${pad(i)}` };
    },
    batch: (size, n) => {
      const system = n % systems.length;
      const codes: string[] = [];
      for (let k = 0; k < size; k++) {
        codes.push(`L${pad(system + systems.length * ((n * 131 + k * 17) % Math.max(1, Math.floor(dataset.mappings / systems.length))))}`);
      }
      return { system: systems[system], codes };
    },
    searches: { ...queries, typos: queries.words.filter((w) => !w.includes(' ')).map(typo) },
  };
}

interface Demo {
  concepts: { code: string; status?: string }[];
  mappings: { system: string; localCode: string; concept?: string | null; validFrom?: string; validTo?: string }[];
  systems: { code: string }[];
}

/** Statuses of the concepts a reader sees (and translation answers with). */
const READABLE = ['PUBLISHED', 'DEPRECATED'];

/**
 * The demo dictionary (442 concepts), searched with the relevance set's
 * queries. Codes are those an integrator would translate: mapped to a concept
 * a reader sees, valid today. The seeder refuses any other mapping of the
 * file; picking them here keeps the bench's requests legitimate whatever
 * the file holds, so that an error it counts is one of the API.
 */
export function demoInputs(root: string): BenchInputs {
  const demo = JSON.parse(fs.readFileSync(path.join(root, 'demo/vocabulary.json'), 'utf8')) as Demo;
  const labelled = (
    JSON.parse(fs.readFileSync(path.join(root, 'test/relevance/queries.json'), 'utf8')) as {
      queries: { category: string; query: string }[];
    }
  ).queries;
  const of = (...categories: string[]) => labelled.filter((q) => categories.includes(q.category)).map((q) => q.query);
  const readable = new Set(demo.concepts.filter((c) => READABLE.includes(c.status ?? 'PUBLISHED')).map((c) => c.code));
  const today = new Date().toISOString().slice(0, 10);
  const translatable = demo.mappings.filter(
    (m) => m.concept && readable.has(m.concept) && (m.validFrom ?? today) <= today && today < (m.validTo ?? '9999-12-31'),
  );
  return {
    concepts: [...readable],
    systems: demo.systems.map((s) => s.code),
    mapping: (n) => {
      const m = translatable[(n * 7919) % translatable.length];
      return { system: m.system, code: m.localCode };
    },
    searches: {
      prefixes: of('prefix', 'prefix_before_typo'),
      words: of('accents', 'synonym', 'legacy_label', 'english', 'singular_plural', 'whole_label', 'words_in_order'),
      typos: of('typo'),
    },
  };
}
