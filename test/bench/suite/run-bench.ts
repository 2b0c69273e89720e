import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from '@lexique/core';
import { createTestDatabase, dropTestDatabase } from '../../support/test-server';
import { DEFAULT_DATASET } from '../dataset/generate';
import { startApiProcess } from './api-process';
import { LARGEST_UPLOAD_BYTES } from './import-while-reading';
import { BenchOptions, BenchReport, machine, measure, measureImports, prepareDatabase } from './bench';
import { markdown } from './report';
import { updateReadme } from './readme';

/**
 * `npm run bench` (see bench-cli.js for the options, passed here through
 * BENCH_* variables): the data set into its own database, the built API in
 * its own process, every scenario through HTTP, then bench-report.json and
 * the Markdown table. Prints numbers; asserts nothing on time.
 */
const env = (name: string) => process.env[`BENCH_${name}`];
const num = (name: string, fallback: number) => (env(name) ? Number(env(name)) : fallback);
const quick = env('QUICK') === '1';
const concepts = num('CONCEPTS', quick ? 2000 : DEFAULT_DATASET.concepts);
const mappings = num('MAPPINGS', quick ? 10_000 : DEFAULT_DATASET.mappings);
const importConcepts = num('IMPORT_CONCEPTS', quick ? 1000 : concepts);
const importMappings = num('IMPORT_MAPPINGS', quick ? 5000 : mappings);
const importWhileReading = num('IMPORT_WHILE_READING', quick ? 2000 : 100_000);
const options: BenchOptions = {
  dataset: { ...DEFAULT_DATASET, concepts, mappings },
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

it(`benchmark on ${concepts} concepts and ${mappings} mappings`, async () => {
  const print = (line: string) => process.stdout.write(line + '\n');
  const date = new Date().toISOString();
  const databaseUrl = await createTestDatabase();
  let prepared: { loadSeconds: number; changes: number };
  let measured: Awaited<ReturnType<typeof measure>>;
  try {
    print(`Loading ${concepts} concepts and ${mappings} mappings…`);
    prepared = await prepareDatabase(databaseUrl, options.dataset, print);
    const api = await startApiProcess(databaseUrl);
    try {
      print(`API process ${api.pid} on ${api.url}; measuring at ${options.concurrency.join(', ')} clients…`);
      measured = await measure({ url: api.url, pid: api.pid, databaseUrl }, options, print);
    } finally {
      await api.stop();
    }
  } finally {
    await dropTestDatabase(databaseUrl);
  }
  let imports: BenchReport['imports'] = [];
  if (options.imports) {
    const importUrl = await createTestDatabase();
    try {
      print(`Importing ${options.imports.concepts} concepts and ${options.imports.mappings} mappings with the CLI…`);
      imports = await measureImports(importUrl, options.imports, print);
    } finally {
      await dropTestDatabase(importUrl);
    }
  }
  const report: BenchReport = { date, machine: machine(), options, ...prepared, ...measured, imports };
  const table = markdown(report);
  fs.writeFileSync(
    path.resolve(projectRoot(), env('REPORT') ?? 'bench-report.json'),
    JSON.stringify({ ...report, markdown: table }, null, 2) + '\n',
  );
  if (env('README') === '1') updateReadme(path.join(projectRoot(), 'README.md'), table);
  print('\n' + table);
});
