import { AddressInfo } from 'node:net';
import { startTestApp, TestApp } from '../support/test-app';
import { createTestDatabase, dropTestDatabase } from '../support/test-server';
import { DEFAULT_DATASET } from './dataset/generate';
import { lexiqueInThisProcess } from './lexique-command';
import { BENCH_API_ENV } from './suite/api-process';
import { BenchOptions, BenchReport, machine, measure, measureImports, measureReadsDuringImport, prepareDatabase } from './suite/bench';
import { generatedInputs } from './suite/inputs';
import { aims, markdown } from './suite/report';
import { postgresFloor, searchWorkloads } from './suite/search-workloads';
import { workloads } from './suite/workload';

/**
 * A smoke run of `npm run bench` on a tiny data set, with the API in this
 * process: every scenario answers with numbers and no error. Never timed.
 */
describe('benchmark suite (smoke run on a tiny data set)', () => {
  const options: BenchOptions = {
    dataset: { ...DEFAULT_DATASET, concepts: 300, mappings: 1500 },
    concurrency: [1, 4],
    requests: 8,
    imports: { concepts: 100, mappings: 300 },
    importWhileReading: { rows: 300, clients: 2, idleSeconds: 1, uploadBytes: 50_000 },
    quick: true,
  };
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: false, env: BENCH_API_ENV });
    await t.app.listen(0, '127.0.0.1');
  });
  afterAll(() => t.close());

  it('measures every scenario through HTTP and against its floors, with zero errors', async () => {
    const prepared = await prepareDatabase(t.databaseUrl, options.dataset, () => undefined);
    expect(prepared.changes).toBe(300);
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    const inputs = generatedInputs(options.dataset);
    const measured = await measure(
      { url: `http://127.0.0.1:${port}`, pid: process.pid, databaseUrl: t.databaseUrl },
      options,
      () => undefined,
      async (client, pool) =>
        workloads({ client, pool, inputs, searches: await searchWorkloads('postgresql', inputs.searches, client, postgresFloor(pool)) }),
    );
    const target = { url: `http://127.0.0.1:${port}`, databaseUrl: t.databaseUrl };
    const importWhileReading = await measureReadsDuringImport(
      target,
      options.importWhileReading!,
      () => undefined,
      (client, pool) => workloads({ client, pool, inputs, searches: [] }),
    );
    const importUrl = await createTestDatabase();
    const imports = await measureImports(importUrl, options.imports!, () => undefined, lexiqueInThisProcess).finally(() =>
      dropTestDatabase(importUrl),
    );
    const report: BenchReport = {
      date: new Date().toISOString(),
      machine: machine(),
      options,
      ...prepared,
      ...measured,
      importWhileReading,
      imports,
    };

    const names = [
      'empty query { __typename }',
      'concept by code',
      'search on postgresql: short prefixes',
      'search on postgresql: full words',
      'search on postgresql: typos',
      'translate',
      'translateBatch 1,000 codes',
      'translateBatch 10,000 codes',
      'crosswalk',
      'changes (pages of 100)',
    ];
    expect(report.scenarios.map((s) => [s.name, s.concurrency])).toEqual([...names.map((n) => [n, 1]), ...names.map((n) => [n, 4])]);
    for (const s of report.scenarios) {
      expect({ name: s.name, errors: s.api.errors, pgErrors: s.pg?.errors ?? 0 }).toEqual({ name: s.name, errors: 0, pgErrors: 0 });
      expect(s.api.requests).toBeGreaterThanOrEqual(s.clients);
      expect(s.api.p50).toBeGreaterThan(0);
      expect(s.api.p50).toBeLessThanOrEqual(s.api.p99);
      expect(s.api.requestsPerSecond).toBeGreaterThan(0);
      expect(s.ceilingRps).toBeGreaterThan(0);
      expect(s.apiPeakMb).toBeGreaterThan(0);
      expect(s.pg === null).toBe(s.kind === 'ceiling');
    }
    expect(imports.map((i) => [i.file, i.rows])).toEqual([
      ['concepts-100.csv', 100],
      ['mappings-300.sssom.tsv', 300],
    ]);

    const reading = report.importWhileReading!;
    expect(reading.rows).toBe(300);
    expect(reading.uploadRows).toBeGreaterThan(100);
    for (const read of reading.reads) {
      expect(read.duringImport.requests).toBeGreaterThan(0);
      expect(read.duringUpload.requests).toBeGreaterThan(0);
      expect({ name: read.name, errors: read.duringImport.errors + read.duringUpload.errors + read.idle.errors }).toEqual({
        name: read.name,
        errors: 0,
      });
    }
    expect(reading.reads.map((read) => read.name)).toEqual(['concept by code', 'translate']);

    const table = markdown(report);
    for (const name of names) expect(table).toContain(`| ${name} | `);
    expect(table).toContain('| Import while reading (CLI: 300 concepts');
    // judged here: translation, batches and lookups; search aims need 100,000 concepts, the demo dictionary or Meilisearch;
    // imports and memory, full sizes
    expect(aims(report).map((a) => a.met === null)).toEqual([
      true,
      true,
      true,
      true,
      true,
      false,
      false,
      false,
      false,
      true,
      true,
      true,
      true,
      true,
    ]);
  });
});
