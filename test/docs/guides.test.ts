import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSchema, Kind, parse, print, validate } from 'graphql';
import { ErrorCode, ErrorReason, loadConfig, REASON_CODES, Role } from '@lexique/core';
import { bearer } from '../support/auth';
import { startTestApp, TestApp } from '../support/test-app';
import { writeDatedReport } from '../bench/suite/report-file';
import { benchEnvironment, commandProblem } from './commands';
import { anchors, codeBlocks, DOCUMENTS, firstCode, GUIDES, links, markedTable, read, ROOT } from './markdown';
import { commands, words } from './shell';

/**
 * The README and the guides of docs/ cannot drift from the code: their links
 * lead somewhere, their commands exist, their tables list what the code has,
 * and their GraphQL runs against a live server as shown.
 */

const CONFIG_SOURCE = path.join(ROOT, 'libs/core/src/config/config.ts');

/** Every variable the configuration reads: those it asks for (traced), and every one its source names. */
function configVariables(): Set<string> {
  const read = new Set<string>();
  const tracing = (values: Record<string, string>) =>
    new Proxy(values, {
      get(target, name) {
        if (typeof name !== 'string') return undefined;
        read.add(name);
        return target[name];
      },
    });
  loadConfig(tracing({}));
  loadConfig(
    tracing({ DATABASE_URL: 'postgres://db/x', AUTH_CLIENT_ID: 'lexique', AUTH_CLIENT_SECRET: 's', AUTH_ISSUER: 'https://sso.example' }),
  );
  const source = fs.readFileSync(CONFIG_SOURCE, 'utf8');
  for (const match of source.matchAll(/env\.([A-Z][A-Z0-9_]*)|\(env, '([A-Z][A-Z0-9_]*)'/g)) read.add(match[1] ?? match[2]);
  return read;
}

/** The configuration as the tests' process would get it, whatever its terminal (LOG_FORMAT's default follows it). */
function configOf(env: Record<string, string>) {
  const tty = process.stdout.isTTY;
  process.stdout.isTTY = false;
  try {
    return loadConfig(env);
  } finally {
    process.stdout.isTTY = tty;
  }
}

describe('the README and the guides', () => {
  it('the README stays under 15 KB and links every guide', () => {
    expect(fs.statSync(path.join(ROOT, 'README.md')).size).toBeLessThan(15_000);
    const targets = links('README.md').map((link) => link.target.split('#')[0]);
    for (const guide of GUIDES) expect(targets).toContain(guide);
  });

  it("the README's security defaults are the code's: each value given for a variable changes nothing", () => {
    const section = read('README.md').split('## Security and limits')[1].split('\n## ')[0];
    const stated = [...section.matchAll(/`([A-Z][A-Z_]+)` (\d+[a-z]*)/g)].map(([, name, value]) => [name, value]);
    expect(stated.length).toBeGreaterThanOrEqual(9);
    for (const [name, value] of stated) {
      expect({ name, config: loadConfig({ [name]: value }) }).toEqual({ name, config: loadConfig({}) });
    }
  });

  it('the README holds no benchmark figures: they live in dated reports under docs/bench', () => {
    const readme = read('README.md');
    expect(readme).not.toMatch(/bench:start|\bp95\b|req\/s|EXPLAIN/);
  });

  it('every relative link and image leads to a file, and every anchor to a heading', () => {
    const broken: string[] = [];
    let count = 0;
    for (const file of DOCUMENTS) {
      for (const link of links(file)) {
        count++;
        const [target, anchor] = link.target.split('#');
        const resolved = target ? path.normalize(path.join(path.dirname(file), decodeURIComponent(target))) : file;
        if (!fs.existsSync(path.join(ROOT, resolved))) broken.push(`${file}: ${link.target}`);
        else if (anchor && resolved.endsWith('.md') && !anchors(resolved).has(decodeURIComponent(anchor)))
          broken.push(`${file}: ${link.target} (no such heading)`);
        else if (link.image && !/\.(png|svg|jpe?g)$/.test(resolved)) broken.push(`${file}: ${link.target} is not an image`);
      }
    }
    expect(broken).toEqual([]);
    expect(count).toBeGreaterThan(30);
  });

  it('every screenshot of docs/ is shown in a guide or the README', () => {
    const shown = new Set(
      DOCUMENTS.flatMap((file) =>
        links(file)
          .filter((l) => l.image)
          .map((l) => path.normalize(path.join(path.dirname(file), l.target))),
      ),
    );
    const screenshots = fs.readdirSync(path.join(ROOT, 'docs')).filter((name) => name.endsWith('.png'));
    expect(screenshots.length).toBeGreaterThan(5);
    expect(screenshots.filter((name) => !shown.has(`docs/${name}`))).toEqual([]);
  });

  it('every command of a shell block exists: npm scripts, lexique commands and their options, bench options, variables', async () => {
    const variables = configVariables();
    const problems: string[] = [];
    let count = 0;
    for (const file of DOCUMENTS)
      for (const block of codeBlocks(file).filter((b) => b.lang === 'sh'))
        for (const command of commands(block.code)) {
          count++;
          const problem = await commandProblem(command, variables);
          if (problem) problems.push(`${file}:${block.line} ${command.text}: ${problem}`);
        }
    expect(problems).toEqual([]);
    expect(count).toBeGreaterThan(20);
  });

  it('the command check itself refuses what does not exist', async () => {
    const variables = configVariables();
    const check = (line: string) => commandProblem(commands(line)[0], variables);
    expect(await check('npm run cli -- keys create --name x --role INTEGRATOR')).toBeNull();
    expect(await check('npm run cli -- reindx')).toMatch(/Unknown command/);
    expect(await check('npx lexique import test/fixtures/vocabulary.ttl --dryrun')).toMatch(/dryrun/);
    expect(await check('npm run bench -- --readme')).toMatch(/unknown option --readme/);
    expect(await check('npm run benchmark')).toMatch(/no npm script/);
    expect(await check('MEILI_HOTS=x npm test')).toMatch(/unknown variable MEILI_HOTS/);
  });

  it('the configuration table of operations.md lists exactly the variables config.ts reads, with its defaults', () => {
    const rows = markedTable('docs/operations.md', 'config');
    const documented = rows.map((row) => firstCode(row[0]));
    expect([...documented].sort()).toEqual([...configVariables()].sort());
    const base = configOf({});
    for (const [name, defaultCell] of rows) {
      const variable = firstCode(name)!;
      const shown = firstCode(defaultCell);
      if (defaultCell.startsWith('—')) continue; // no default: the setting is off until given
      expect({ variable, shown }).toEqual({ variable, shown: expect.any(String) });
      // the value the table gives as default changes nothing when set
      expect({ variable, config: configOf({ [variable]: shown! }) }).toEqual({ variable, config: base });
    }
  });

  it('the reasons table of integration.md lists every reason with the code it comes with, and every code is explained', () => {
    const rows = markedTable('docs/integration.md', 'reasons').map(([reason, code]) => [firstCode(reason), firstCode(code)]);
    expect(rows).toEqual(Object.values(ErrorReason).map((reason) => [reason, REASON_CODES[reason]]));
    const guide = read('docs/integration.md');
    for (const code of [...Object.values(ErrorCode), 'QUERY_TOO_COMPLEX']) expect(guide).toContain(`| \`${code}\``);
  });

  it('performance.md points to the latest dated benchmark report', () => {
    const reports = fs
      .readdirSync(path.join(ROOT, 'docs', 'bench'))
      .filter((name) => /^\d{4}-\d{2}-\d{2}(-\d+)?\.md$/.test(name))
      .sort();
    expect(reports.length).toBeGreaterThan(0);
    expect(links('docs/performance.md').map((link) => link.target)).toContain(`bench/${reports[reports.length - 1]}`);
  });

  it('the benchmark writes its table to a new dated report under docs/bench, never over another one', () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'lexique-bench-'));
    try {
      const first = writeDatedReport(directory, '2026-12-01T10:00:00.000Z', 'npm run bench -- --quick', '| a |\n|---|');
      const second = writeDatedReport(directory, '2026-12-01T18:00:00.000Z', 'npm run bench', '| b |\n|---|');
      expect([path.basename(first), path.basename(second)]).toEqual(['2026-12-01.md', '2026-12-01-2.md']);
      expect(fs.readFileSync(first, 'utf8')).toContain('`npm run bench -- --quick`\n\n| a |');
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
    expect(benchEnvironment(['--quick', '--write-report'])).toMatchObject({ BENCH_QUICK: '1', BENCH_WRITE_REPORT: '1' });
  });

  it('every GraphQL block is valid against the schema', () => {
    // each file of schema/ declares its own Query and Mutation, which Nest merges: the first declares, the others extend
    const declared = new Set<string>();
    const sdl = fs
      .readdirSync(path.join(ROOT, 'schema'))
      .map((name) =>
        fs.readFileSync(path.join(ROOT, 'schema', name), 'utf8').replace(/^type (Query|Mutation)\b/gm, (whole, type: string) => {
          if (!declared.has(type)) return declared.add(type) && whole;
          return `extend type ${type}`;
        }),
      )
      .join('\n');
    const schema = buildSchema(sdl);
    const problems: string[] = [];
    const blocks = DOCUMENTS.flatMap(codeBlocks).filter((b) => b.lang === 'graphql');
    for (const block of blocks)
      for (const operation of parse(block.code).definitions)
        for (const error of validate(schema, { kind: Kind.DOCUMENT, definitions: [operation] }))
          problems.push(`${block.file}:${block.line} ${error.message}`);
    expect(problems).toEqual([]);
    expect(blocks.length).toBeGreaterThan(10);
  });
});

/**
 * The answer cut to what the guide shows of it: a list the guide shows with n
 * items keeps its first n (the guide shows the first results; an empty list
 * shown stays a claim that the list is empty).
 */
function asShown(actual: unknown, shown: unknown): unknown {
  if (Array.isArray(shown) && Array.isArray(actual))
    return actual.slice(0, shown.length || actual.length).map((item, i) => asShown(item, shown[i]));
  if (shown && actual && typeof shown === 'object' && typeof actual === 'object')
    return Object.fromEntries(Object.entries(actual).map(([key, value]) => [key, asShown(value, (shown as Record<string, unknown>)[key])]));
  return actual;
}

/** `run-as: claire STEWARD FIN,RH` → the Authorization header of such a person. */
async function headersOf(note: string | undefined): Promise<Record<string, string>> {
  const runAs = note && /^run-as:\s*(\S+)\s+(\S+)(?:\s+(\S+))?/.exec(note);
  if (!runAs) return {};
  return bearer({ name: runAs[1], roles: [runAs[2] as Role], domains: runAs[3]?.split(',') ?? [] });
}

describe('the guides against a live server (demo dictionary)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const withGraphQL = DOCUMENTS.filter((file) => codeBlocks(file).some((b) => b.lang === 'graphql'));

  it.each(withGraphQL)('%s: every query and mutation runs as shown, in order, and answers what the guide says', async (file) => {
    const blocks = codeBlocks(file);
    for (const [index, block] of blocks.entries()) {
      if (block.lang !== 'graphql') continue;
      const headers = await headersOf(block.note);
      const answerBlock = blocks[index + 1]?.note === 'answer' ? blocks[index + 1] : undefined;
      for (const operation of parse(block.code).definitions) {
        const body = await t.gql(print(operation), {}, headers);
        const where = `${file}:${block.line}`;
        if (block.note === 'expect-error') expect({ where, errors: body.errors?.length }).toEqual({ where, errors: 1 });
        else expect({ where, errors: body.errors }).toEqual({ where, errors: undefined });
        if (answerBlock) {
          const shown: unknown = JSON.parse(answerBlock.code);
          expect({ where, body: asShown(body, shown) }).toMatchObject({ where, body: shown });
        }
      }
    }
  });

  it('every curl command of the guides answers 200 (and GraphQL without errors)', async () => {
    const steward = await bearer({ name: 'alice', roles: [Role.STEWARD], domains: ['FIN'] });
    let count = 0;
    for (const file of DOCUMENTS)
      for (const block of codeBlocks(file).filter((b) => b.lang === 'sh'))
        for (const command of commands(block.code).filter((c) => c.words[0] === 'curl')) {
          count++;
          const args = command.words.slice(1);
          const url = new URL(args.find((a) => /^(https?:\/\/)?localhost:3000/.test(a))!.replace(/^(?!http)/, 'http://'));
          const headers: Record<string, string> = {};
          let data: string | undefined;
          for (let i = 0; i < args.length; i++) {
            if (args[i] === '-H') {
              const [name, ...value] = args[++i].split(':');
              headers[name.trim().toLowerCase()] = value.join(':').trim();
            } else if (args[i] === '-d') data = args[++i];
          }
          if (headers.authorization?.includes('$')) headers.authorization = steward.authorization;
          const request = data ? t.http().post(url.pathname).set(headers).send(data) : t.http().get(url.pathname).set(headers);
          const response = await request;
          const where = `${file}:${block.line} ${command.text}`;
          expect({ where, status: response.status }).toEqual({ where, status: 200 });
          if (url.pathname === '/graphql') expect({ where, errors: response.body.errors }).toEqual({ where, errors: undefined });
        }
    expect(count).toBeGreaterThan(3);
  });

  it('the template headers shown to stewards are those of the downloadable templates', async () => {
    const blocks = DOCUMENTS.flatMap(codeBlocks).filter((b) => b.note?.startsWith('template:'));
    expect(blocks.map((b) => b.note)).toEqual(expect.arrayContaining(['template: concepts.csv', 'template: mappings.csv']));
    for (const block of blocks) {
      const name = block.note!.replace('template:', '').trim();
      const response = await t.http().get(`/export/templates/${name}`).buffer(true);
      expect(response.status).toBe(200);
      const header = response.text.replace(/^\uFEFF/, '').split(/\r?\n/)[0];
      expect(block.code.split('\n')[0]).toBe(header);
    }
  });

  it('shell words are read as a shell reads them', () => {
    expect(words(`curl -s 'a b' -d "{\\"x\\": 1}" # comment`)).toEqual(['curl', '-s', 'a b', '-d', '{"x": 1}']);
    expect(commands('TOKEN=$(npm run -s cli -- token --name a) && echo > f')[0].assignments).toEqual([
      ['TOKEN', '$(npm run -s cli -- token --name a)'],
    ]);
  });
});
