import { getIntrospectionQuery } from 'graphql';
import { Role } from '@lexique/core';
import { bearer } from '../support/auth';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The anonymous floods a probe sent: introspection multiplied by aliases,
 * hundreds of thousands of `__typename`, batches of aliased searches,
 * uploads in a row. Each is refused before it costs the service.
 */
describe('floods of introspection, aliases and batches (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: false });
  });
  afterAll(() => t.close());

  const post = (body: object) => t.http().post('/graphql').set('content-type', 'application/json').send(body);

  it('answers an IDE’s introspection, and refuses it multiplied by aliases', async () => {
    const introspection = getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true });
    expect((await post({ query: introspection })).body.data.__schema.types.length).toBeGreaterThan(50);

    // 4,000 aliased __schema once made an 85 MB answer in 27 s
    const aliased = Array.from({ length: 4000 }, (_, i) => `s${i}: __schema { types { name fields { name } } }`).join(' ');
    const flood = await post({ query: `{ ${aliased} }` });
    expect(flood.status).toBe(400);
    expect(flood.body.errors[0].extensions.code).toMatch(/^(QUERY_TOO_COMPLEX|GRAPHQL_PARSE_FAILED)$/);
    expect(flood.text.length).toBeLessThan(1000);

    // within the token and alias limits, the cost still counts each copy
    const few = Array.from(
      { length: 25 },
      (_, i) => `s${i}: __schema { types { name fields { name args { name type { name ofType { name } } } } } }`,
    ).join(' ');
    const costly = await post({ query: `{ ${few} }` });
    expect(costly.status).toBe(400);
    expect(costly.body.errors[0]).toMatchObject({
      extensions: { code: 'QUERY_TOO_COMPLEX' },
      message: expect.stringContaining('could resolve about'),
    });
  });

  it('refuses 250,000 aliased __typename while parsing, before validation can take seconds', async () => {
    const aliases = Array.from({ length: 250_000 }, (_, i) => `a${i}:__typename`).join(' ');
    const response = await post({ query: `{ ${aliases} }` });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(response.body.errors[0].message).toContain('tokens');
    // and a few over the alias limit are refused as such
    const some = Array.from({ length: 31 }, (_, i) => `a${i}: __typename`).join(' ');
    expect((await post({ query: `{ ${some} }` })).body.errors[0]).toMatchObject({
      extensions: { code: 'QUERY_TOO_COMPLEX' },
      message: 'The query uses 31 aliases; the limit is 30',
    });
  });

  it('costs a batch as a whole: ten operations of thirty aliased searches are refused, not run', async () => {
    const searches = Array.from({ length: 30 }, (_, i) => `s${i}: search(query: "budget") { total }`).join(' ');
    const batch = await post(Array.from({ length: 10 }, () => ({ query: `{ ${searches} }` })));
    const codes = (batch.body as { data?: unknown; errors?: { extensions: { code: string } }[] }[]).map(
      (r) => r.errors?.[0]?.extensions.code,
    );
    // the first operation fits alone; each later one brings the batch past the limit
    expect(codes.slice(1)).toEqual(Array(9).fill('QUERY_TOO_COMPLEX'));
    expect(batch.body[1].errors[0].message).toMatch(/^The batch's operations use \d+ aliases; the limit is 30$/);
  });
});

describe('search and uploads take tokens from the rate limiter (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: false, env: { RATE_LIMIT_BURST: '20', RATE_LIMIT_PER_MINUTE: '1' } });
  });
  afterAll(() => t.close());

  it('limits searches per caller, aliases and batched operations included', async () => {
    const searches = Array.from({ length: 10 }, (_, i) => `s${i}: search(query: "budget") { total }`).join(' ');
    const batch = await t
      .http()
      .post('/graphql')
      .set('content-type', 'application/json')
      .send([{ query: `{ ${searches} }` }, { query: `{ ${searches} }` }, { query: `{ ${searches} }` }]);
    // 30 searches on a burst of 20: the third operation finds the bucket empty
    const [first, second, third] = batch.body as { data: unknown; errors?: { extensions: { code: string; retryAfter?: number } }[] }[];
    expect([first.errors, second.errors]).toEqual([undefined, undefined]);
    expect(third.data).toBeNull();
    expect(third.errors![0].extensions).toEqual({ code: 'RATE_LIMITED', reason: 'RATE_LIMITED', retryAfter: 60 });
  });

  it('charges an upload ten tokens', async () => {
    const steward = await bearer({ name: 'sofia', roles: [Role.STEWARD], domains: ['FIN'] });
    const upload = `mutation { importFile(input: { fileName: "FIN.csv", content: "code;domain;prefLabel@fr\\nFIN-0900;FIN;Budget vert\\n", dryRun: true }) { dryRun } }`;
    expect((await t.gql(upload, {}, steward)).errors).toBeUndefined();
    expect((await t.gql(upload, {}, steward)).errors).toBeUndefined();
    const third = await t.gql(upload, {}, steward);
    expect(third.errors![0].extensions).toEqual({ code: 'RATE_LIMITED', reason: 'RATE_LIMITED', retryAfter: expect.any(Number) });
  });
});

describe('schema details hidden in production (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    // as `npm run start:prod` sets it
    t = await startTestApp({ seed: false, env: { NODE_ENV: 'production' } });
  });
  afterAll(() => t.close());

  it('turns introspection off and gives no suggestions, unless asked', async () => {
    const introspection = await t.gql(`{ __schema { types { name } } }`);
    expect(introspection.errors![0].message).toContain('introspection');
    const typo = await t.gql(`{ concpt(code: "FIN-0001") { code } }`);
    expect(typo.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(typo.errors![0].message).not.toMatch(/did you mean|concept/i);
    const badEnum = await t.gql(`query($s: [ConceptStatus!]) { concepts(filter: { statuses: $s }) { totalCount } }`, { s: ['PUBLISHD'] });
    expect(badEnum.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(badEnum.errors![0].message).not.toMatch(/did you mean|PUBLISHED/i);
    expect((await t.gql(`{ serviceVersion }`)).errors).toBeUndefined();
  });
});

describe('anonymous callers behind a proxy (e2e)', () => {
  let t: TestApp;
  afterEach(() => t.close());

  const concepts = (address: string) => t.gql(`{ concepts(first: 1) { totalCount } }`, {}, { 'x-forwarded-for': address });

  it('share the proxy’s bucket unless TRUST_PROXY lets it tell their addresses', async () => {
    t = await startTestApp({ seed: false, env: { RATE_LIMIT_BURST: '1', RATE_LIMIT_PER_MINUTE: '1' } });
    expect((await concepts('10.0.0.1')).errors).toBeUndefined();
    expect((await concepts('10.0.0.2')).errors![0].extensions!.code).toBe('RATE_LIMITED');
    await t.close();

    t = await startTestApp({ seed: false, env: { RATE_LIMIT_BURST: '1', RATE_LIMIT_PER_MINUTE: '1', TRUST_PROXY: 'loopback' } });
    expect((await concepts('10.0.0.1')).errors).toBeUndefined();
    expect((await concepts('10.0.0.1')).errors![0].extensions!.code).toBe('RATE_LIMITED');
    expect((await concepts('10.0.0.2')).errors).toBeUndefined();
  });
});
