import { createTestDatabase, dropTestDatabase } from '../../support/test-server';
import { benchQueries, DEFAULT_DATASET, DatasetOptions } from '../dataset/generate';
import { loadDataset } from '../dataset/load';
import { ApiProcess, startApiProcess } from '../suite/api-process';
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

it(`search through HTTP on ${options.concepts} concepts and ${options.mappings} mappings`, async () => {
  const print = (line: string) => process.stdout.write(line + '\n');
  const databaseUrl = await createTestDatabase();
  let api: ApiProcess | undefined;
  try {
    print(`Loading ${options.concepts} concepts, ${options.mappings} mappings over ${options.systems} systems (seed ${options.seed})…`);
    const load = await loadDataset(databaseUrl, options, print);
    print(`Loaded in ${load.seconds.toFixed(0)} s.`);
    // the harness searches as an agent's page does, without credentials
    api = await startApiProcess(databaseUrl, { LEXIQUE_ANONYMOUS_READ: 'true' });
    const url = api.url;
    const queries = benchQueries(options);
    print(`Sample queries: prefixes ${queries.prefixes.slice(0, 6).join(', ')}; words ${queries.words.slice(0, 4).join(', ')}`);
    const result = await runSearchBench(url, queries, { concurrency: [1, 16], requestsPerScenario: requests, warmup: 50 });
    print(formatSearchBench(result));
  } finally {
    await api?.stop();
    await dropTestDatabase(databaseUrl);
  }
});
