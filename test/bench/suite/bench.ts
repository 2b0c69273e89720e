import * as os from 'node:os';
import { Client, Pool } from 'pg';
import { DatasetOptions } from '../dataset/generate';
import { loadDataset } from '../dataset/load';
import { BenchResult, runImportBench } from '../import-bench';
import { LexiqueCommand } from '../lexique-command';
import { MemorySampler } from './api-process';
import { BenchHttpClient } from './http-client';
import { ImportWhileReadingReport, measureImportWhileReading } from './import-while-reading';
import { LoadFigures, runLoad } from './load';
import { EngineName } from './search-workloads';
import { Workload } from './workload';

export interface BenchOptions {
  dataset: DatasetOptions;
  /** The demo dictionary (442 concepts) instead of the generated data set. */
  demo?: boolean;
  /** Search on Meilisearch too, on this server (MEILI_HOST, MEILI_API_KEY). */
  meili?: { host: string; apiKey: string };
  concurrency: number[];
  /** Requests per scenario at weight 1 (batches and the feed send fewer, see Workload.weight). */
  requests: number;
  /** Sizes for the import scenario, run into a database of its own; null skips it. */
  imports: { concepts: number; mappings: number } | null;
  /** Concepts the CLI imports into the measured database while lookups run; null skips it. */
  importWhileReading?: { rows: number; clients: number; idleSeconds: number; uploadBytes: number } | null;
  /** Scenarios whose name contains one of these (the empty query always runs: it is the ceiling); all when absent. */
  only?: string[];
  quick: boolean;
}

export interface ScenarioReport {
  name: string;
  kind: Workload['kind'];
  engine?: EngineName;
  concurrency: number;
  /** Clients actually used: fewer than `concurrency` when the scenario sends fewer requests. */
  clients: number;
  api: LoadFigures;
  pg: LoadFigures | null;
  /** The empty query's rate at the same concurrency. */
  ceilingRps: number;
  /** Peak resident memory of the API process during the scenario. */
  apiPeakMb: number;
}

export interface ImportReport {
  file: string;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  /** Then the search documents it left to the refresher, brought up to date by `lexique reindex`. */
  searchSeconds: number;
  peakRssMb: number;
}

/** The Meilisearch index: built from scratch by the API's indexer, then following a large import. */
export interface IndexingReport {
  documents: number;
  /** From the API process's start to the index built and caught up. */
  buildSeconds: number;
  importChanges: number;
  importSeconds: number;
  /** From the import's commit to the index holding every change. */
  catchUpSeconds: number;
}

export interface BenchReport {
  date: string;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string };
  options: BenchOptions;
  loadSeconds: number;
  changes: number;
  /** The demo dictionary's size as loaded (`--demo`). */
  demoSize?: { concepts: number; mappings: number };
  scenarios: ScenarioReport[];
  imports: ImportReport[];
  importWhileReading?: ImportWhileReadingReport | null;
  apiPeakMb: number;
  indexing?: IndexingReport;
}

/**
 * Loads the generated dictionary and, as the bulk load writes no change log,
 * one CREATE change per concept, so that the change feed has pages to read.
 */
export async function prepareDatabase(databaseUrl: string, dataset: DatasetOptions, log: (line: string) => void) {
  const load = await loadDataset(databaseUrl, dataset, log);
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rowCount } = await db.query(
      `INSERT INTO change (principal, entity_type, entity_id, entity_key, domain_code, action, after)
       SELECT 'bench', 'CONCEPT', id::text, code, domain_code, 'CREATE', jsonb_build_object('code', code, 'prefLabel', pref_label)
       FROM concept ORDER BY code`,
    );
    // or the planner takes the freshly filled table for empty and sorts it whole for each page
    await db.query(`ANALYZE change`);
    return { loadSeconds: load.seconds, changes: rowCount ?? 0 };
  } finally {
    await db.end();
  }
}

/** Runs every workload of `build` at every concurrency against the API at `url`, whose process is `pid`. */
export async function measure(
  target: { url: string; pid: number; databaseUrl: string },
  options: BenchOptions,
  log: (line: string) => void,
  build: (client: BenchHttpClient, pool: Pool) => Promise<Workload[]>,
): Promise<{ scenarios: ScenarioReport[]; apiPeakMb: number }> {
  const pool = new Pool({ connectionString: target.databaseUrl, max: Math.min(50, Math.max(...options.concurrency)) });
  const memory = new MemorySampler(target.pid);
  const client = new BenchHttpClient(target.url, Math.max(...options.concurrency));
  try {
    const list = (await build(client, pool)).filter(
      (w) => w.kind === 'ceiling' || !options.only || options.only.some((part) => w.name.includes(part)),
    );
    // warm the API's and the database's caches before the first figure
    for (const w of list) await runLoad(w.api, 1, Math.max(2, Math.round(10 * w.weight)));
    const scenarios: ScenarioReport[] = [];
    for (const concurrency of options.concurrency) {
      let ceilingRps = 0;
      for (const w of list) {
        // large batches send few requests: never more clients than requests
        const requests = Math.max(1, Math.round(options.requests * w.weight));
        const clients = Math.min(concurrency, requests);
        memory.take();
        const api = await runLoad(w.api, clients, requests);
        const apiPeakMb = memory.take();
        const pg = w.pg ? await runLoad(w.pg, clients, requests) : null;
        if (w.kind === 'ceiling') ceilingRps = api.requestsPerSecond;
        scenarios.push({ name: w.name, kind: w.kind, engine: w.engine, concurrency, clients, api, pg, ceilingRps, apiPeakMb });
        log(
          `  ${w.name} × ${clients}: p50 ${api.p50.toFixed(1)} ms, p95 ${api.p95.toFixed(1)} ms, ${api.requestsPerSecond.toFixed(0)} req/s, ${api.errors} errors` +
            (pg ? `; pg p50 ${pg.p50.toFixed(1)} ms` : '') +
            (api.firstError ? `; first error: ${api.firstError}` : ''),
        );
      }
    }
    return { scenarios, apiPeakMb: memory.overallPeak };
  } finally {
    memory.stop();
    client.close();
    await pool.end();
  }
}

/**
 * Lookups on the API while the CLI, then an upload, imports concepts into its
 * database. Last on that database: it adds concepts to it.
 */
export async function measureReadsDuringImport(
  target: { url: string; databaseUrl: string },
  options: NonNullable<BenchOptions['importWhileReading']>,
  log: (line: string) => void,
  build: (client: BenchHttpClient, pool: Pool) => Promise<Workload[]>,
): Promise<ImportWhileReadingReport> {
  const pool = new Pool({ connectionString: target.databaseUrl, max: options.clients * 2 });
  const client = new BenchHttpClient(target.url, options.clients * 2);
  try {
    return await measureImportWhileReading(target, await build(client, pool), options, log);
  } finally {
    client.close();
    await pool.end();
  }
}

/** The import benchmark (the CLI, run as `lexique` says) into its own database. */
export async function measureImports(
  databaseUrl: string,
  sizes: { concepts: number; mappings: number },
  log: (line: string) => void,
  lexique: LexiqueCommand,
): Promise<ImportReport[]> {
  const previous = process.env.DATABASE_URL;
  process.env.DATABASE_URL = databaseUrl;
  try {
    const results: BenchResult[] = await runImportBench(sizes, log, lexique);
    return results.map(({ file, rows, seconds, rowsPerSecond, searchSeconds, peakRssMb }) => ({
      file,
      rows,
      seconds,
      rowsPerSecond,
      searchSeconds,
      peakRssMb,
    }));
  } finally {
    if (previous === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previous;
  }
}

export function machine(): BenchReport['machine'] {
  return {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
  };
}
