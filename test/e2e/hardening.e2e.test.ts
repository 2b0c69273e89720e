import { Client } from 'pg';
import { Role } from '@lexique/core';
import { bearer } from '../support/auth';
import { startTestApp, TestApp } from '../support/test-app';

describe('query limits, batching and CSRF (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      seed: false,
      env: { GRAPHQL_MAX_DEPTH: '4', GRAPHQL_MAX_COST: '600', GRAPHQL_MAX_ALIASES: '3', GRAPHQL_BATCH_LIMIT: '3' },
    });
  });
  afterAll(() => t.close());

  const refusedAsTooComplex = (response: Awaited<ReturnType<TestApp['gql']>>, words: string) => {
    expect(response.data).toBeUndefined();
    expect(response.errors).toHaveLength(1);
    expect(response.errors![0].extensions!.code).toBe('QUERY_TOO_COMPLEX');
    expect(response.errors![0].message).toContain(words);
  };

  it('accepts a query at the depth limit and refuses one past it, fragments included', async () => {
    expect((await t.gql(`{ concept(code: "TER-33167") { broader { broader { code } } } }`)).errors).toBeUndefined();
    refusedAsTooComplex(await t.gql(`{ concept(code: "TER-33167") { broader { broader { broader { code } } } } }`), '5 levels deep');
    refusedAsTooComplex(
      await t.gql(`query { concept(code: "TER-33167") { ...up } } fragment up on Concept { broader { broader { narrower { code } } } }`),
      'the limit is 4',
    );
  });

  it('does not count introspection, which GRAPHQL_INTROSPECTION governs', async () => {
    const { errors } = await t.gql(`{ __schema { types { fields { type { ofType { ofType { name } } } } } } }`);
    expect(errors).toBeUndefined();
  });

  it('estimates cost from page sizes, including those given as variables', async () => {
    const query = `query($first: Int) { concepts(first: $first) { edges { node { code } } } }`;
    expect((await t.gql(query, { first: 100 })).errors).toBeUndefined();
    refusedAsTooComplex(await t.gql(query, { first: 500 }), 'the limit is 600');
    // every field of every node counts: 1 + 150 × (edge + node + code + prefLabel)
    expect((await t.gql(`{ concepts(first: 150) { edges { node { code } } } }`)).errors).toBeUndefined();
    refusedAsTooComplex(await t.gql(`{ concepts(first: 150) { edges { node { code prefLabel } } } }`), 'about 601 fields');
  });

  it('caps aliases', async () => {
    expect((await t.gql(`{ a: serviceVersion b: serviceVersion c: serviceVersion }`)).errors).toBeUndefined();
    refusedAsTooComplex(await t.gql(`{ a: serviceVersion b: serviceVersion c: serviceVersion d: serviceVersion }`), '4 aliases');
  });

  it('runs batches up to GRAPHQL_BATCH_LIMIT operations and refuses longer ones whole', async () => {
    const operation = { query: '{ serviceVersion }' };
    const ok = await t.http().post('/graphql').set('content-type', 'application/json').send([operation, operation, operation]);
    expect(ok.status).toBe(200);
    expect(ok.body).toHaveLength(3);
    expect(ok.body[2].data.serviceVersion).toEqual(expect.any(String));
    const tooMany = await t
      .http()
      .post('/graphql')
      .set('content-type', 'application/json')
      .send([operation, operation, operation, operation]);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors[0].extensions.code).toBe('BATCH_TOO_LARGE');
  });

  it('refuses requests a browser could send cross-site without a preflight (CSRF)', async () => {
    const form = await t.http().post('/graphql').set('content-type', 'text/plain').send('{"query":"{ serviceVersion }"}');
    expect(form.status).toBe(400);
    expect(form.text).not.toContain('"serviceVersion"');
    const simpleGet = await t.http().get('/graphql').query({ query: '{ serviceVersion }' });
    expect(simpleGet.status).toBe(400);
    const preflighted = await t.http().get('/graphql').query({ query: '{ serviceVersion }' }).set('apollo-require-preflight', 'true');
    expect(preflighted.status).toBe(200);
    expect(preflighted.body.data.serviceVersion).toEqual(expect.any(String));
  });
});

describe('rate limits per principal on expensive operations (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: false, env: { RATE_LIMIT_BURST: '3', RATE_LIMIT_PER_MINUTE: '1' } });
  });
  afterAll(() => t.close());

  it('lets a burst through, then answers RATE_LIMITED with a retry delay, to that principal only', async () => {
    const alice = await bearer({ name: 'alice', roles: [Role.READER] });
    const bob = await bearer({ name: 'bob', roles: [Role.READER] });
    const expensive = `{ concepts(first: 1) { totalCount } }`;
    // two aliases are two calls
    expect(
      (await t.gql(`{ a: concepts(first: 1) { totalCount } b: concepts(first: 1) { totalCount } }`, {}, alice)).errors,
    ).toBeUndefined();
    expect((await t.gql(expensive, {}, alice)).errors).toBeUndefined();
    const limited = await t.gql(expensive, {}, alice);
    expect(limited.errors).toHaveLength(1);
    expect(limited.errors![0].extensions).toEqual({ code: 'RATE_LIMITED', reason: 'RATE_LIMITED', retryAfter: 60 });
    expect(limited.errors![0].message).toContain('60 s');
    expect((await t.gql(expensive, {}, bob)).errors).toBeUndefined();
    // operations not marked expensive are not limited
    expect((await t.gql(`{ domains { code } }`, {}, alice)).errors).toBeUndefined();
  });
});

describe('introspection and IDE switched off (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: false, env: { GRAPHQL_INTROSPECTION: 'false', GRAPHQL_IDE: 'false' } });
  });
  afterAll(() => t.close());

  it('refuses introspection and serves no IDE, and still answers queries', async () => {
    const { errors } = await t.gql(`{ __schema { types { name } } }`);
    expect(errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(errors![0].message).toContain('introspection');
    const page = await t.http().get('/graphql').set('accept', 'text/html');
    expect(page.text).not.toContain('graphiql');
    expect((await t.gql(`{ serviceVersion }`)).errors).toBeUndefined();
  });
});

describe('internal errors (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: false });
    // a real failure inside PostgreSQL: the table the resolver reads is gone
    const db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    await db.query(`ALTER TABLE domain RENAME TO domain_moved_away`);
    await db.end();
  });
  afterAll(() => t.close());

  it('answers INTERNAL_SERVER_ERROR with no SQL, table name or stack trace', async () => {
    const response = await t.http().post('/graphql').set('content-type', 'application/json').send({ query: '{ domains { code } }' });
    const { errors } = response.body;
    expect(errors).toEqual([{ message: 'Internal server error', path: ['domains'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
    expect(response.text).not.toMatch(/select|relation|domain_moved_away|stacktrace|\.ts:|node_modules/i);
  });
});
