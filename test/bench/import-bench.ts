import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { once } from 'node:events';
import { Client } from 'pg';
import { LexiqueCommand } from './lexique-command';

export interface BenchResult {
  file: string;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  /** `lexique reindex` right after: the search documents the import left to the refresher. */
  searchSeconds: number;
  peakRssMb: number;
  /** Null when the command ran in a process of its own. */
  startRssMb: number | null;
  output: string[];
}

const DOMAINS = ['BA', 'BB', 'BC', 'BD', 'BE', 'BF', 'BG', 'BH', 'BI', 'BJ'];
const SYSTEMS = Array.from({ length: 20 }, (_, i) => `SI-BENCH-${String(i).padStart(2, '0')}`);
const RELATIONS = ['EXACT', 'EXACT', 'EXACT', 'CLOSE', 'BROAD', 'NARROW', 'RELATED'];

const code = (i: number) => `${DOMAINS[i % DOMAINS.length]}-${String(i).padStart(7, '0')}`;

/** Writes a file line by line, waiting when the stream asks to, so that generating a million rows stays flat too. */
async function writeLines(file: string, lines: Iterable<string>) {
  const out = fs.createWriteStream(file);
  for (const line of lines) if (!out.write(line)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

/**
 * Deterministic concepts: ten domains, one in ten concepts is broader of the
 * nine after it in its domain, related pairs. Numbered from `first` (a
 * multiple of 100, so that references stay within the file).
 */
export function* conceptRows(count: number, first = 0): Generator<string> {
  yield 'code;domain;status;prefLabel@fr;prefLabel@en;altLabels@fr;definition@fr;broader;related\n';
  for (let i = first; i < first + count; i++) {
    const block = i - (i % (DOMAINS.length * 10));
    const broader = i - block >= DOMAINS.length ? code(block + (i % DOMAINS.length)) : '';
    const related = i + DOMAINS.length < first + count && i % 7 === 0 ? code(i + DOMAINS.length) : '';
    yield `${code(i)};${DOMAINS[i % DOMAINS.length]};PUBLISHED;Notion ${i} de référence;Notion ${i};Synonyme ${i} | Variante ${i};Définition générée de la notion numéro ${i}, pour mesurer l'import.;${broader};${related}\n`;
  }
}

function* systemRows(): Generator<string> {
  yield 'code;name;kind;owner;ownerName;status\n';
  for (const system of SYSTEMS) yield `${system};Application de mesure ${system};BA;243300316;Bordeaux Métropole;ACTIVE\n`;
}

/** Deterministic SSSOM mappings spread over twenty systems and all the concepts; one in fifty is UNMAPPED. */
function* mappingRows(count: number, concepts: number): Generator<string> {
  yield '# curie_map:\n';
  for (const system of SYSTEMS)
    yield `#   ${system.replace(/^SI-|-/g, '').toLowerCase()}: "https://vocabulaire.bordeaux-metropole.example/system/${system}/code/"\n`;
  yield 'subject_id\tsubject_label\tpredicate_id\tobject_id\tobject_label\tmapping_justification\tsubject_source\tcomment\n';
  let seed = 42;
  for (let i = 0; i < count; i++) {
    // 32-bit product: in doubles, seed * 1103515245 went past 2^53 and lost its low bits, and the mappings
    // pointed to 3,609 of the 100,000 concepts
    seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
    const system = SYSTEMS[i % SYSTEMS.length];
    const prefix = system.replace(/^SI-|-/g, '').toLowerCase();
    const unmapped = i % 50 === 0;
    const relation = RELATIONS[seed % RELATIONS.length];
    const predicate = unmapped ? 'skos:exactMatch' : `skos:${relation.toLowerCase()}Match`;
    const object = unmapped ? 'sssom:NoTermFound' : `bmc:${code(seed % concepts)}`;
    yield `${prefix}:L${String(i).padStart(8, '0')}\tLIBELLE ${i}\t${predicate}\t${object}\t\tsemapv:ManualMappingCuration\tbmsys:${system}\t${unmapped ? 'Code sans équivalent' : ''}\n`;
  }
}

/**
 * The concepts file of the import benchmark and the domains it needs (ten
 * domains BA to BJ, which the generated data set does not use): their paths in `dir`.
 */
export async function writeConceptFiles(dir: string, count: number): Promise<{ schemes: string; concepts: string }> {
  const schemes = path.join(dir, 'domains.ttl');
  fs.writeFileSync(
    schemes,
    `@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n` +
      DOMAINS.map(
        (d) => `<https://vocabulaire.bordeaux-metropole.example/scheme/${d}> a skos:ConceptScheme ; skos:prefLabel "Domaine ${d}"@fr .\n`,
      ).join(''),
  );
  const concepts = path.join(dir, `concepts-${count}.csv`);
  await writeLines(concepts, conceptRows(count));
  return { schemes, concepts };
}

/**
 * Has PostgreSQL write out the pages the steps before left dirty (a
 * CHECKPOINT), so that the import timed next is charged with its own writes
 * only: the concepts' import and search refresh that precede the mappings
 * left 390 MB of dirty pages in a logged replay, and a checkpoint that starts
 * during an import makes every page it touches next go to the WAL whole. An
 * external server's user needs the pg_checkpoint role for it; without it the
 * import is timed as the server stands, and a line says so.
 */
async function settle(print: (line: string) => void): Promise<void> {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query('CHECKPOINT');
  } catch (error) {
    print(`no checkpoint before this import (${(error as Error).message}): timed as the server stands`);
  } finally {
    await client.end();
  }
}

/** Runs `lexique import <file>` after a checkpoint, then `lexique reindex`. */
async function timedImport(lexique: LexiqueCommand, file: string, rows: number, print: (line: string) => void): Promise<BenchResult> {
  await settle(print);
  const output: string[] = [];
  const started = process.hrtime.bigint();
  const run = await lexique(['import', file], (line) => output.push(line));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.code !== 0) throw new Error(`lexique import ${file} failed: ${output.join('\n')}`);
  const searchSeconds = await refreshSearch(lexique);
  return {
    file: path.basename(file),
    rows,
    seconds,
    rowsPerSecond: Math.round(rows / seconds),
    searchSeconds,
    peakRssMb: Math.round(run.peakMb),
    startRssMb: run.startMb === null ? null : Math.round(run.startMb),
    output,
  };
}

/** `lexique reindex` on PostgreSQL alone (the bench's MEILI_HOST is for its own Meilisearch part); resolves to its seconds. */
async function refreshSearch(lexique: LexiqueCommand): Promise<number> {
  const output: string[] = [];
  const meiliHost = process.env.MEILI_HOST;
  process.env.MEILI_HOST = '';
  const started = process.hrtime.bigint();
  try {
    const { code } = await lexique(['reindex'], (line) => output.push(line));
    if (code !== 0) throw new Error(`lexique reindex failed: ${output.join('\n')}`);
    return Number(process.hrtime.bigint() - started) / 1e9;
  } finally {
    if (meiliHost === undefined) delete process.env.MEILI_HOST;
    else process.env.MEILI_HOST = meiliHost;
  }
}

/**
 * Generates the files, then imports domains, concepts, systems and mappings
 * into the database of DATABASE_URL with `lexique` run as `lexique` says.
 * Prints one line per file.
 */
export async function runImportBench(
  sizes: { concepts: number; mappings: number },
  print: (line: string) => void,
  lexique: LexiqueCommand,
): Promise<BenchResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lexique-bench-'));
  try {
    const { schemes, concepts } = await writeConceptFiles(dir, sizes.concepts);
    const systems = path.join(dir, 'systems.csv');
    const mappings = path.join(dir, `mappings-${sizes.mappings}.sssom.tsv`);
    await writeLines(systems, systemRows());
    await writeLines(mappings, mappingRows(sizes.mappings, sizes.concepts));
    await timedImport(lexique, schemes, DOMAINS.length, print);
    const results = [await timedImport(lexique, concepts, sizes.concepts, print)];
    await timedImport(lexique, systems, SYSTEMS.length, print);
    results.push(await timedImport(lexique, mappings, sizes.mappings, print));
    for (const r of results) {
      print(
        `${r.file}: ${r.rows.toLocaleString('en')} rows in ${r.seconds.toFixed(1)} s = ${r.rowsPerSecond.toLocaleString('en')} rows/s, then search documents refreshed in ${r.searchSeconds.toFixed(1)} s; ${r.startRssMb === null ? '' : `RSS ${r.startRssMb} MB at start, `}${r.peakRssMb} MB peak`,
      );
    }
    return results;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
