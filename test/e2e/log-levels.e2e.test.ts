import { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import request from 'supertest';
import { loadConfig, Role } from '@lexique/core';
import { createApp } from '../../apps/api/src/bootstrap';
import { StructuredLogger } from '../../apps/api/src/logging/structured-logger';
import { bearer, TEST_JWT_SECRET } from '../support/auth';
import { createTestDatabase, dropTestDatabase } from '../support/test-server';

/** Log lines as a collector reads them. */
interface Line {
  level: string;
  context?: string;
  message: string;
}

describe('client mistakes are logged below error level; real faults at error (e2e)', () => {
  const lines: Line[] = [];
  let app: INestApplication;
  let databaseUrl: string;
  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
    const config = loadConfig({
      DATABASE_URL: databaseUrl,
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
      LEXIQUE_ANONYMOUS_READ: 'true',
      LOG_LEVEL: 'debug',
      RATE_LIMIT_BURST: '1',
      RATE_LIMIT_PER_MINUTE: '1',
    });
    app = await createApp(config, databaseUrl, new StructuredLogger('json', 'debug', (line) => lines.push(JSON.parse(line) as Line)));
    await app.init();
  });
  afterAll(async () => {
    await app.close();
    await dropTestDatabase(databaseUrl);
  });

  const gql = (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    request(app.getHttpServer())
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
    expect((await request(app.getHttpServer()).get('/export/concepts/NOPE.csv')).status).toBe(404);
    expect((await request(app.getHttpServer()).get('/export/concepts/FIN%00.csv')).status).toBe(400);
    expect(errorLines()).toEqual([]);
  });

  it('logs an internal fault once, at error, with its details', async () => {
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    await db.query(`ALTER TABLE domain RENAME TO domain_moved_away`);
    await db.end();
    const response = await gql(`{ domains { code } }`);
    expect(response.body.errors[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
    expect(errorLines()).toHaveLength(1);
    expect(errorLines()[0].message).toContain('domain');
  });
});
