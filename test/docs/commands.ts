import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../support/cli';
import { ROOT } from './markdown';
import { ShellCommand, words } from './shell';

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const { benchEnvironment } = require('../bench/suite/bench-cli.js') as {
  benchEnvironment: (args: string[]) => Record<string, string>;
};

const SCRIPTS = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

/** Programs of the machine the guides may call, besides npm, npx and lexique. */
const PROGRAMS = new Set(['apt-get', 'curl', 'meilisearch', 'pg_dump', 'pg_restore', 'psql', 'createdb', 'python3', 'export']);

/** Variables the guides may set that the server's configuration does not read: the CLI's, the tests', the bench's. */
export const OTHER_VARIABLES = new Set([
  'LEXIQUE_TOKEN',
  'MEILI_BIN',
  'CHROMIUM_PATH',
  'BENCH_CONCEPTS',
  'BENCH_MAPPINGS',
  'LEXIQUE_URL',
  'LEXIQUE_API_KEY',
  'TOKEN',
]);

/**
 * What is wrong with the `lexique` command of these words, or null: the real
 * CLI reads them with `--help` added, which checks the command and its options
 * the way a run would, then prints the usage instead of running.
 */
async function lexiqueProblem(args: string[]): Promise<string | null> {
  const printed: string[] = [];
  const status = await runCli([...args, '--help'], (line) => void printed.push(line));
  if (status !== 0) return `lexique ${args.join(' ')}: ${printed.join(' ').split('\n')[0]}`;
  for (const file of args.filter((arg) => /^(test|docs|demo)\//.test(arg)))
    if (!fs.existsSync(path.join(ROOT, file))) return `lexique ${args[0]}: no file ${file}`;
  return null;
}

/** What is wrong with a command of a guide (an unknown script, CLI command, option or variable), or null. */
export async function commandProblem(command: ShellCommand, variables: Set<string>): Promise<string | null> {
  for (const [name, value] of command.assignments) {
    if (!variables.has(name) && !OTHER_VARIABLES.has(name)) return `unknown variable ${name}`;
    const inner = /^\$\((.*)\)$/.exec(value)?.[1];
    if (inner) {
      const [first, ...rest] = words(inner);
      const problem = await commandProblem({ assignments: [], words: [first, ...rest], text: inner }, variables);
      if (problem) return problem;
    }
  }
  const [program, ...args] = command.words;
  if (program === undefined) return null;
  if (program === 'lexique') return lexiqueProblem(args);
  if (program === 'npx')
    return args[0] === 'lexique' ? lexiqueProblem(args.slice(1)) : args[0] === 'jest' ? null : `npx ${args[0]}: not a tool of the project`;
  if (program === 'npm') {
    const [verb, ...more] = args.filter((a) => a !== '-s');
    if (verb === 'ci' || verb === 'start' || verb === 'test')
      return more.length === 0 || more[0] === '--' ? null : `npm ${verb} ${more.join(' ')}`;
    if (verb !== 'run') return `npm ${verb}: not a command the guides use`;
    const [script, dashes, ...rest] = more;
    if (!(script in SCRIPTS)) return `no npm script "${script}"`;
    if (dashes !== undefined && dashes !== '--') return `npm run ${script}: options go after --`;
    if (script === 'cli') return lexiqueProblem(rest);
    if (script === 'bench') {
      try {
        benchEnvironment(rest);
      } catch (error) {
        return `npm run bench: ${(error as Error).message}`;
      }
    }
    return null;
  }
  return PROGRAMS.has(program) ? null : `unknown program ${program}`;
}
