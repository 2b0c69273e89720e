import { Role } from '@lexique/core';
import { bearer } from '../support/auth';
import { contractSchema, holdsUnstorableText, HostileCase, hostileCases, UNSTORABLE_TEXT_LEFT_TO_SERVICE } from '../support/hostile-input';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Generated from schema/*.graphql: every argument of every Query and
 * Mutation field, input object fields and list elements included, is sent
 * a list of hostile values by an admin (who reaches the deepest code). No
 * answer may be an internal error, and text PostgreSQL cannot store is
 * refused at the edge naming the argument. A new argument is covered the
 * day it is added to the schema.
 */
describe('hostile input on every argument of the schema (e2e)', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  let cases: HostileCase[];

  beforeAll(async () => {
    cases = hostileCases(await contractSchema());
    t = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '1000000', RATE_LIMIT_BURST: '1000000' } });
    admin = await bearer({ name: 'ada', roles: [Role.ADMIN] });
  }, 120_000);
  afterAll(() => t.close());

  it('covers every root field with arguments', () => {
    const fields = new Set(cases.map((c) => c.name.replace(/\(.*$/, '')));
    expect(fields.size).toBeGreaterThan(30);
    expect(fields).toContain('Query.translate');
    expect(fields).toContain('Mutation.upsertMappings');
    expect(cases.map((c) => c.field)).toContain('inputs[0].mapping.localCode');
  });

  it('never answers an internal error, and refuses unstorable text naming the argument', async () => {
    const failures: string[] = [];
    const run = async (c: HostileCase) => {
      const response = await t
        .http()
        .post('/graphql')
        .set({ 'content-type': 'application/json', ...admin })
        .send({ query: c.query, variables: c.variables });
      const errors: { message: string; extensions?: { code?: string; field?: string } }[] = response.body?.errors ?? [];
      const shown = `${c.name} = ${JSON.stringify(c.value)?.slice(0, 60)}`;
      if (response.status >= 500 || errors.some((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR')) {
        failures.push(`${shown}: ${response.status} ${JSON.stringify(errors).slice(0, 200)}`);
      } else if (holdsUnstorableText(c.value) && !UNSTORABLE_TEXT_LEFT_TO_SERVICE.has(c.coordinate)) {
        const refusal = errors.find((e) => e.extensions?.code === 'BAD_USER_INPUT' && e.extensions.field === c.field);
        if (!refusal) failures.push(`${shown}: not refused on ${c.field}: ${JSON.stringify(errors).slice(0, 200)}`);
      }
    };
    const queue = [...cases];
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let c = queue.shift(); c; c = queue.shift()) await run(c);
      }),
    );
    expect(failures).toEqual([]);
  }, 600_000);
});

describe('hostile addresses of plain HTTP routes (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it.each([
    '/export/concepts/FIN%00.csv',
    '/export/concepts/%00.ttl',
    '/export/mappings/SI-MER-FIN%00.sssom.tsv',
    '/export/concepts/%ED%A0%80.jsonld',
    '/export/concepts/%E0%A4%A.csv',
    '/concept/FIN-0001%00',
    '/system/%00/code/%ff',
    '/assets/app.js%00',
  ])('refuses %s as bad input, not as an internal error', async (address) => {
    const response = await t.http().get(address);
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ code: 'BAD_USER_INPUT', reason: 'INVALID_VALUE', message: expect.any(String), field: 'path' });
  });

  it('answers a malformed or oversized body as the client’s mistake', async () => {
    const post = () => t.http().post('/graphql').set('content-type', 'application/json');
    expect((await post().send('{"query": "{ serviceVersion }"')).status).toBe(400);
    expect((await post().send(JSON.stringify({ query: '{ serviceVersion }', variables: { x: 'a'.repeat(6 * 1024 * 1024) } }))).status).toBe(
      413,
    );
    expect((await post().send('{"query": "{ serviceVersion }", "variables": "\\u0000"}')).status).toBe(400);
  });

  it('still serves well-formed addresses, accents included', async () => {
    expect((await t.http().get('/export/concepts/FIN.csv')).status).toBe(200);
    expect((await t.http().get('/export/concepts/FINANC%C3%89.csv')).status).toBe(404);
    expect((await t.http().get('/concept/FIN-0001')).status).toBe(200);
  });
});
