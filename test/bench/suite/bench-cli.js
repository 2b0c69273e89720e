#!/usr/bin/env node
/**
 * `npm run bench -- [--quick] [--demo] [--concepts N] [--mappings N] [--clients 1,16,64]
 * [--requests N] [--import-concepts N] [--import-mappings N] [--import-while-reading N] [--only a,b] [--report FILE] [--readme]`:
 * turns the options into BENCH_* variables and runs the benchmark under Jest,
 * whose global setup provides the PostgreSQL (embedded, or DATABASE_URL's server).
 * With MEILI_HOST (and MEILI_API_KEY), searches are measured on Meilisearch too.
 */
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const env = { ...process.env };
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const flag = args[i].replace(/^--/, '');
  if (flag === 'quick' || flag === 'readme' || flag === 'demo') env[`BENCH_${flag.toUpperCase()}`] = '1';
  else if (
    [
      'concepts',
      'mappings',
      'clients',
      'requests',
      'import-concepts',
      'import-mappings',
      'import-while-reading',
      'only',
      'report',
    ].includes(flag) &&
    i + 1 < args.length
  )
    env[`BENCH_${flag.toUpperCase().replace(/-/g, '_')}`] = args[++i];
  else {
    console.error(`unknown option ${args[i]}`);
    process.exit(2);
  }
}
const root = path.resolve(__dirname, '../../..');
const jest = spawnSync(
  process.execPath,
  [
    require.resolve('jest/bin/jest'),
    '--testMatch',
    '<rootDir>/test/bench/suite/run-bench.ts',
    '--testTimeout',
    '14400000',
    '--runInBand',
    '--verbose=false',
  ],
  { cwd: root, env, stdio: 'inherit' },
);
process.exit(jest.status ?? 1);
