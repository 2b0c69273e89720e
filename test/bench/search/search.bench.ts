import { ChildProcess, spawn } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';
import { projectRoot } from '@lexique/core';
import { createTestDatabase, dropTestDatabase } from '../../support/test-server';
import { benchQueries, DEFAULT_DATASET, DatasetOptions } from '../dataset/generate';
import { loadDataset } from '../dataset/load';
import { formatSearchBench, runSearchBench } from './harness';

/**
 * `npm run bench:search`: generates the dictionary (BENCH_CONCEPTS,
 * BENCH_MAPPINGS; 100,000 and 1,000,000 by default), starts the built API on
 * it in its own process and prints latency percentiles at 1 and 16 clients.
 */
const numberFrom = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const options: DatasetOptions = {
  ...DEFAULT_DATASET,
  concepts: numberFrom('BENCH_CONCEPTS', DEFAULT_DATASET.concepts),
  mappings: numberFrom('BENCH_MAPPINGS', DEFAULT_DATASET.mappings),
};
const requests = numberFrom('BENCH_REQUESTS', 1000);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function waitForHealth(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 120; i++) {
    if (child.exitCode !== null) throw new Error(`the API exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the API did not become healthy within a minute');
}

it(`search through HTTP on ${options.concepts} concepts and ${options.mappings} mappings`, async () => {
  const print = (line: string) => process.stdout.write(line + '\n');
  const databaseUrl = await createTestDatabase();
  let api: ChildProcess | undefined;
  try {
    print(`Loading ${options.concepts} concepts, ${options.mappings} mappings over ${options.systems} systems (seed ${options.seed})…`);
    const load = await loadDataset(databaseUrl, options, print);
    print(`Loaded in ${load.seconds.toFixed(0)} s.`);
    const port = await freePort();
    api = spawn(process.execPath, [path.join(projectRoot(), 'dist/apps/api/apps/api/src/main.js')], {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        PORT: String(port),
        LEXIQUE_SEED_DEMO: 'false',
        LOG_LEVEL: 'warn',
        LOG_FORMAT: 'json',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const url = `http://127.0.0.1:${port}`;
    await waitForHealth(url, api);
    const queries = benchQueries(options);
    print(`Sample queries: prefixes ${queries.prefixes.slice(0, 6).join(', ')}; words ${queries.words.slice(0, 4).join(', ')}`);
    const result = await runSearchBench(url, queries, { concurrency: [1, 16], requestsPerScenario: requests, warmup: 50 });
    print(formatSearchBench(result));
  } finally {
    api?.kill('SIGTERM');
    await dropTestDatabase(databaseUrl);
  }
});
