import { execFile, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { ApiKeyService } from '@lexique/access';
import { Role, systemContext } from '@lexique/core';
import { LexiqueClient, LexiqueError } from '../../docs/clients/typescript/lexique-client';
import { bearer } from '../support/auth';
import { startTestApp, TestApp } from '../support/test-app';

const ROOT = path.join(__dirname, '..', '..');
const PYTHON = ['python3', 'python'].find((command) => spawnSync(command, ['--version']).status === 0);

/**
 * The integrators' clients of docs/clients, run against a live server over
 * HTTP with an API key: what the guide shows works as shown.
 */
describe('the integration clients of the guide (live server)', () => {
  let t: TestApp;
  let url: string;
  let apiKey: string;

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    url = await t.app.getUrl();
    ({ secret: apiKey } = await t.app.get(ApiKeyService).create(systemContext('test'), { name: 'flux-rh', roles: [Role.INTEGRATOR] }));
  });
  afterAll(() => t.close());

  /** A change in RH for the followers to see. */
  async function editSomethingInRh() {
    const steward = await bearer({ name: 'rose', roles: [Role.STEWARD], domains: ['RH'] });
    const code = `RH-C${Math.floor(Math.random() * 1e6)}`;
    const created = await t.gql(
      `mutation($input: CreateConceptInput!) { createConcept(input: $input) { version } }`,
      { input: { domain: 'RH', code, prefLabel: { fr: `Notion ${code}` } } },
      steward,
    );
    expect(created.errors).toBeUndefined();
    const approver = await bearer({ name: 'remi', roles: [Role.ADMIN] });
    const submitted = await t.gql(`mutation { submitConcept(code: "${code}", version: 1) { version } }`, {}, steward);
    await t.gql(`mutation { approveConcept(code: "${code}", version: ${submitted.data!.submitConcept.version}) { status } }`, {}, approver);
    // the feed shows a change once no older transaction is still running
    await new Promise((resolve) => setTimeout(resolve, 100));
    return code;
  }

  it('TypeScript: its typed operations are generated from schema/ and up to date', async () => {
    // graphql-codegen's --check fails when what it would write differs from the committed file
    const check = promisify(execFile)(
      path.join(ROOT, 'node_modules/.bin/graphql-codegen'),
      ['--config', 'docs/clients/typescript/codegen.ts', '--check'],
      {
        cwd: ROOT,
      },
    );
    await expect(check).resolves.toBeDefined();
  });

  it('TypeScript: translates, in batches, crosswalks, and follows the feed without skipping a change', async () => {
    const client = new LexiqueClient(url, apiKey);
    const translation = await client.translate('si-bdx-grh', ' 0703 ');
    expect(translation).toMatchObject({ found: true, deprecated: true, concept: { code: 'RH-0050' }, current: { code: 'RH-0049' } });
    const batch = await client.translateBatch('SI-BDX-GRH', ['0703', 'inconnu', '0103']);
    expect(batch.map((t) => [t.code, t.found])).toEqual([
      ['0703', true],
      ['inconnu', false],
      ['0103', true],
    ]);
    expect((await client.crosswalk('SI-BDX-GRH', '0103', 'SI-MUT-RH')).targets[0]).toMatchObject({
      localCode: 'STA-CTR',
      relation: 'EXACT',
    });

    const seen: string[] = [];
    const cursor = await client.followChanges(null, (change) => void seen.push(change.key), ['RH']);
    expect(seen.length).toBeGreaterThan(0);
    const code = await editSomethingInRh();
    const next: string[] = [];
    const after = await client.followChanges(cursor, (change) => void next.push(`${change.action} ${change.key}`), ['RH']);
    // an integrator sees the concept appear when it is published; its draft and review stay with the stewards
    expect(next).toEqual([`APPROVE ${code}`]);
    expect(after).not.toBe(cursor);

    await expect(client.translate('SI-NOPE', '1')).rejects.toMatchObject({ code: 'NOT_FOUND', reason: 'NOT_FOUND' });
    await expect(new LexiqueClient(url, 'lx_nope').translate('SI-BDX-GRH', '0703')).rejects.toBeInstanceOf(LexiqueError);
  });

  (PYTHON ? it : it.skip)('Python: the same, run as a script with the key in its environment', async () => {
    const run = async (cursor = '') => {
      const { stdout } = await promisify(execFile)(PYTHON!, [path.join(ROOT, 'docs/clients/python/lexique_client.py')], {
        env: { ...process.env, LEXIQUE_URL: url, LEXIQUE_API_KEY: apiKey, LEXIQUE_CURSOR: cursor },
      });
      return JSON.parse(stdout) as {
        translations: { code: string; found: boolean; current: { code: string } | null }[];
        crosswalk: { targets: { localCode: string }[] };
        changes: number;
        cursor: string;
      };
    };
    const first = await run();
    expect(first.translations.map((t) => [t.code, t.found, t.current?.code ?? null])).toEqual([
      ['0703', true, 'RH-0049'],
      ['0103', true, expect.any(String)],
      ['inconnu', false, null],
    ]);
    expect(first.crosswalk.targets[0].localCode).toBe('STA-CTR');
    expect(first.changes).toBeGreaterThan(0);
    await editSomethingInRh();
    const second = await run(first.cursor);
    expect(second.changes).toBe(1);
    expect(second.cursor).not.toBe(first.cursor);
  });
  if (!PYTHON) console.log('SKIPPED the Python client: no python3 on this machine');
});
