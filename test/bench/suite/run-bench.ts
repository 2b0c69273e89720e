import { Client } from 'pg';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from '@lexique/core';
import { runCli } from '../../support/cli';
import { createTestDatabase, dropTestDatabase } from '../../support/test-server';
import { DEFAULT_DATASET } from '../dataset/generate';
import { startApiProcess } from './api-process';
import { LARGEST_UPLOAD_BYTES } from './import-while-reading';
import {
  BenchOptions,
  BenchReport,
  IndexingReport,
  machine,
  measure,
  measureImports,
  measureReadsDuringImport,
  prepareDatabase,
  ScenarioReport,
} from './bench';
import { demoInputs, generatedInputs } from './inputs';
import { builtLexique } from '../lexique-command';
import { dropIndex, importChanges, indexDocuments, untilIndexed } from './meili-indexing';
import { markdown } from './report';
import { writeDatedReport } from './report-file';
import { meilisearchFloor, postgresFloor, searchScenarioNames, searchWorkloads } from './search-workloads';
import { workloads } from './workload';

/**
 * `npm run bench` (see bench-cli.js for the options, passed here through
 * BENCH_* variables): the data set into its own database, the built API in
 * its own process, every scenario through HTTP; then, when MEILI_HOST names a
 * Meilisearch server, the API again configured for it: the index built from
 * scratch by its indexer, the searches against Meilisearch's own answer to
 * the same requests, and the index catching up after a 10,000-change import.
 * Then bench-report.json and the Markdown table. Prints numbers; asserts
 * nothing on time.
 */
const env = (name: string) => process.env[`BENCH_${name}`];
const num = (name: string, fallback: number) => (env(name) ? Number(env(name)) : fallback);
const quick = env('QUICK') === '1';
const demo = env('DEMO') === '1';
const concepts = num('CONCEPTS', quick ? 2000 : DEFAULT_DATASET.concepts);
const mappings = num('MAPPINGS', quick ? 10_000 : DEFAULT_DATASET.mappings);
const importConcepts = num('IMPORT_CONCEPTS', quick || demo ? 1000 : concepts);
const importMappings = num('IMPORT_MAPPINGS', quick || demo ? 5000 : mappings);
const importWhileReading = num('IMPORT_WHILE_READING', quick ? 2000 : 100_000);
const meiliHost = process.env.MEILI_HOST?.trim();
const options: BenchOptions = {
  dataset: { ...DEFAULT_DATASET, concepts, mappings },
  demo,
  meili: meiliHost ? { host: meiliHost, apiKey: process.env.MEILI_API_KEY ?? '' } : undefined,
  concurrency: (env('CLIENTS') ?? '1,16,64').split(',').map(Number),
  requests: num('REQUESTS', quick ? 80 : 2000),
  imports: importConcepts > 0 ? { concepts: importConcepts, mappings: importMappings } : null,
  importWhileReading:
    importWhileReading > 0
      ? { rows: importWhileReading, clients: 4, idleSeconds: quick ? 5 : 30, uploadBytes: quick ? 200_000 : LARGEST_UPLOAD_BYTES }
      : null,
  only: env('ONLY')
    ?.split(',')
    .map((name) => name.trim())
    .filter(Boolean),
  quick,
};
/** The changes the Meilisearch index follows after its build. */
const CATCH_UP_CHANGES = 10_000;

/**
 * Concepts an edit may change: the generated data set, loaded without the
 * writer, gives some concepts a preferred label another concept of their
 * domain has too, and the writer refuses any edit of those until a steward
 * renames one of them.
 */
async function editableConcepts(databaseUrl: string, count: number): Promise<string[]> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query<{ code: string }>(
      `WITH labels AS (
         SELECT c.id, c.domain_code, mine.lang, label_key(mine.label) AS label
         FROM concept c, jsonb_each_text(c.pref_label) AS mine(lang, label)),
       shared AS (
         SELECT DISTINCT l.id FROM labels l
         JOIN (SELECT domain_code, lang, label FROM labels GROUP BY 1, 2, 3 HAVING count(*) > 1) twice USING (domain_code, lang, label))
       SELECT code FROM concept WHERE id NOT IN (SELECT id FROM shared) ORDER BY code LIMIT $1`,
      [count],
    );
    return rows.map((row) => row.code);
  } finally {
    await db.end();
  }
}

/** The demo dictionary, seeded by the CLI as `npm start` does; resolves to its size, as loaded. */
async function prepareDemo(databaseUrl: string): Promise<{ loadSeconds: number; changes: number; demoSize: BenchReport['demoSize'] }> {
  const started = Date.now();
  const previous = process.env.DATABASE_URL;
  process.env.DATABASE_URL = databaseUrl;
  try {
    const output: string[] = [];
    if ((await runCli(['seed'], (line) => output.push(line))) !== 0) throw new Error(`lexique seed failed: ${output.join('\n')}`);
  } finally {
    if (previous === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previous;
  }
  const loadSeconds = (Date.now() - started) / 1000;
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query<{ concepts: number; mappings: number }>(
      `SELECT (SELECT count(*) FROM concept)::int AS concepts, (SELECT count(*) FROM mapping)::int AS mappings`,
    );
    return { loadSeconds, changes: 0, demoSize: rows[0] };
  } finally {
    await db.end();
  }
}

it(`benchmark on ${demo ? 'the demo dictionary' : `${concepts} concepts and ${mappings} mappings`}`, async () => {
  const print = (line: string) => process.stdout.write(line + '\n');
  const date = new Date().toISOString();
  const databaseUrl = await createTestDatabase();
  const inputs = demo ? demoInputs(projectRoot()) : generatedInputs(options.dataset);
  let prepared: { loadSeconds: number; changes: number; demoSize?: BenchReport['demoSize'] };
  const scenarios: ScenarioReport[] = [];
  let apiPeakMb = 0;
  let indexing: IndexingReport | undefined;
  let importWhileReading: BenchReport['importWhileReading'] = null;
  try {
    print(demo ? 'Seeding the demo dictionary…' : `Loading ${concepts} concepts and ${mappings} mappings…`);
    prepared = demo ? await prepareDemo(databaseUrl) : await prepareDatabase(databaseUrl, options.dataset, print);
    // MEILI_HOST in the bench's own environment is for the Meilisearch part, not this process
    const api = await startApiProcess(databaseUrl, { MEILI_HOST: '' });
    try {
      print(`API process ${api.pid} on ${api.url} (search on PostgreSQL); measuring at ${options.concurrency.join(', ')} clients…`);
      const measured = await measure({ url: api.url, pid: api.pid, databaseUrl }, options, print, async (client, pool) =>
        workloads({ client, pool, inputs, searches: await searchWorkloads('postgresql', inputs.searches, client, postgresFloor(pool)) }),
      );
      scenarios.push(...measured.scenarios);
      apiPeakMb = measured.apiPeakMb;
    } finally {
      await api.stop();
    }

    const meiliWanted =
      !options.only || searchScenarioNames('meilisearch').some((name) => options.only!.some((part) => name.includes(part)));
    if (options.meili && meiliWanted) {
      const meili = options.meili;
      const index = `lexique_bench_${Date.now()}`;
      const started = Date.now();
      const meiliApi = await startApiProcess(databaseUrl, { MEILI_HOST: meili.host, MEILI_API_KEY: meili.apiKey, MEILI_INDEX: index });
      const floor = meilisearchFloor({ ...meili, index }, Math.max(...options.concurrency));
      try {
        print(`API process ${meiliApi.pid} (search on Meilisearch, index ${index}): waiting for its indexer to build the index…`);
        await untilIndexed(databaseUrl, index);
        const buildSeconds = (Date.now() - started) / 1000;
        const documents = await indexDocuments(meili, index);
        print(`  ${documents} documents indexed from scratch in ${buildSeconds.toFixed(1)} s`);
        const measured = await measure({ url: meiliApi.url, pid: meiliApi.pid, databaseUrl }, options, print, async (client, pool) =>
          (
            await workloads({ client, pool, inputs, searches: await searchWorkloads('meilisearch', inputs.searches, client, floor) })
          ).filter((w) => w.kind === 'ceiling' || w.kind === 'search'),
        );
        scenarios.push(...measured.scenarios.map((s) => (s.kind === 'ceiling' ? { ...s, name: `${s.name} (API on Meilisearch)` } : s)));
        apiPeakMb = Math.max(apiPeakMb, measured.apiPeakMb);

        const changed = await editableConcepts(databaseUrl, CATCH_UP_CHANGES);
        print(`Importing ${changed.length} concept changes while the index follows…`);
        const importSeconds = await importChanges(databaseUrl, changed, print);
        const catchUpSeconds = await untilIndexed(databaseUrl, index);
        print(`  the index caught up ${catchUpSeconds.toFixed(1)} s after the import`);
        indexing = { documents, buildSeconds, importChanges: changed.length, importSeconds, catchUpSeconds };
      } finally {
        floor.close();
        await meiliApi.stop();
        await dropIndex(meili, index);
      }
    }

    const readingWanted = !options.only || options.only.some((part) => 'import while reading'.includes(part));
    if (options.importWhileReading && readingWanted) {
      // last on this database: it adds concepts to it
      const reading = await startApiProcess(databaseUrl, { MEILI_HOST: '' });
      try {
        importWhileReading = await measureReadsDuringImport(
          { url: reading.url, databaseUrl },
          options.importWhileReading,
          print,
          (client, pool) => workloads({ client, pool, inputs, searches: [] }),
        );
      } finally {
        await reading.stop();
      }
    }
  } finally {
    await dropTestDatabase(databaseUrl);
  }
  let imports: BenchReport['imports'] = [];
  if (options.imports) {
    const importUrl = await createTestDatabase();
    try {
      print(`Importing ${options.imports.concepts} concepts and ${options.imports.mappings} mappings with the CLI…`);
      imports = await measureImports(importUrl, options.imports, print, builtLexique);
    } finally {
      await dropTestDatabase(importUrl);
    }
  }
  const report: BenchReport = {
    date,
    machine: machine(),
    options,
    ...prepared,
    scenarios,
    importWhileReading,
    apiPeakMb,
    imports,
    indexing,
  };
  const table = markdown(report);
  fs.writeFileSync(
    path.resolve(projectRoot(), env('REPORT') ?? 'bench-report.json'),
    JSON.stringify({ ...report, markdown: table }, null, 2) + '\n',
  );
  if (env('WRITE_REPORT') === '1') {
    const file = writeDatedReport(path.join(projectRoot(), 'docs', 'bench'), date, env('COMMAND') ?? 'npm run bench', table);
    print(`\nReport written to ${path.relative(projectRoot(), file)}`);
  }
  print('\n' + table);
});
