#!/usr/bin/env node
/**
 * `npm run bench -- [--quick] [--demo] [--concepts N] [--mappings N] [--clients 1,16,64]
 * [--requests N] [--import-concepts N] [--import-mappings N] [--import-while-reading N] [--only a,b] [--report FILE] [--write-report]`:
 * turns the options into BENCH_* variables and runs the benchmark under Jest,
 * whose global setup provides the PostgreSQL (embedded, or DATABASE_URL's server).
 * With MEILI_HOST (and MEILI_API_KEY), searches are measured on Meilisearch too.
 * `--write-report` also writes the Markdown table to docs/bench/<date>.md.
 */
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const FLAGS = ['quick', 'demo', 'write-report'];
const VALUED = [
  'concepts',
  'mappings',
  'clients',
  'requests',
  'import-concepts',
  'import-mappings',
  'import-while-reading',
  'only',
  'report',
];
const variable = (flag) => `BENCH_${flag.toUpperCase().replace(/-/g, '_')}`;

/** The BENCH_* variables of these options; throws on an unknown option (the guides' commands are checked with it). */
function benchEnvironment(args) {
  const env = { BENCH_COMMAND: ['npm run bench', ...(args.length ? ['--', ...args] : [])].join(' ') };
  for (let i = 0; i < args.length; i++) {
    const flag = args[i].replace(/^--/, '');
    if (FLAGS.includes(flag)) env[variable(flag)] = '1';
    else if (VALUED.includes(flag) && i + 1 < args.length) env[variable(flag)] = args[++i];
    else throw new Error(`unknown option ${args[i]}`);
  }
  return env;
}

module.exports = { benchEnvironment };

if (require.main === module) {
  let env;
  try {
    env = { ...process.env, ...benchEnvironment(process.argv.slice(2)) };
  } catch (error) {
    console.error(error.message);
    process.exit(2);
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
}
