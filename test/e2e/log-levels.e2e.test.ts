import { Client } from 'pg';
import { Role } from '@lexique/core';
import { bearer } from '../support/auth';
import { startTestApp, TestApp } from '../support/test-app';

/** Log lines as a collector reads them. */
interface Line {
  level: string;
  context?: string;
  message: string;
}

describe('client mistakes are logged below error level; real faults at error (e2e)', () => {
  const lines: Line[] = [];
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      seed: false,
      env: { LOG_LEVEL: 'debug', RATE_LIMIT_BURST: '1', RATE_LIMIT_PER_MINUTE: '1' },
      logLines: (line) => lines.push(JSON.parse(line) as Line),
    });
  });
  afterAll(() => t.close());

  const gql = (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    t
      .http()
      .post('/graphql')
      .set({ 'content-type': 'application/json', ...headers })
      .send({ query, variables });
  const errorLines = () => lines.filter((line) => line.level === 'error');

  it('logs no error line for any mistake a client can make', async () => {
    const reader = await bearer({ name: 'rita', roles: [Role.READER] });
    const mistakes = [
      gql(`{ concept(code: $c) { code } }`),
      gql(`{ concept(code: "FIN-0001") { nope } }`),
      gql(`query($c: String) { concept(code: $c) { code } }`, { c: 'FIN\u00000001' }),
      gql(`{ concepts(first: 9999) { totalCount } }`),
      gql(`{ concepts(after: "forged") { totalCount } }`),
      gql(`{ translate(system: "NOPE", code: "1") { found } }`),
      gql(`query($at: Date) { translate(system: "NOPE", code: "1", at: $at) { found } }`, { at: '0000-01-01' }),
      gql(`{ changes { edges { cursor } } }`),
      gql(`{ changes { edges { cursor } } }`, {}, reader),
      gql(`mutation { createDomain(input: { code: "ENV", label: { fr: "Env" } }) { code } }`, {}, reader),
      gql(`{ me { id } }`, {}, { authorization: 'Bearer not-a-token' }),
      gql(`{ a: concepts(first: 1) { totalCount } b: concepts(first: 1) { totalCount } }`),
    ];
    const responses = await Promise.all(mistakes);
    const codes = responses.map((r) => r.body.errors?.[0]?.extensions?.code);
    expect(codes).not.toContain('INTERNAL_SERVER_ERROR');
    expect(codes.every((code) => typeof code === 'string')).toBe(true);
    expect((await t.http().get('/export/concepts/NOPE.csv')).status).toBe(404);
    expect((await t.http().get('/export/concepts/FIN%00.csv')).status).toBe(400);
    expect(errorLines()).toEqual([]);
  });

  it('logs an internal fault once, at error, with its details', async () => {
    const db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    await db.query(`ALTER TABLE domain RENAME TO domain_moved_away`);
    await db.end();
    const response = await gql(`{ domains { code } }`);
    expect(response.body.errors[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
    expect(errorLines()).toHaveLength(1);
    expect(errorLines()[0].message).toContain('domain');
    // a download too: Nest's answer, with no detail
    const download = await t.http().get('/export/concepts/FIN.csv');
    expect(download.status).toBe(500);
    expect(download.text).not.toMatch(/domain_moved_away|select/i);
    expect(errorLines()).toHaveLength(2);
  });
});
