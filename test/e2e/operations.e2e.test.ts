import { startTestApp, TestApp } from '../support/test-app';

describe('operations endpoints (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: false });
  });
  afterAll(() => t.close());

  it('reports health with the database and search states', async () => {
    const response = await t.http().get('/health');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      status: 'ok',
      checks: { database: { status: 'up' }, search: { status: 'up', engine: 'postgresql', answering: 'postgresql' } },
    });
  });

  it('exposes Prometheus metrics with GraphQL latency per operation and the database pool', async () => {
    await t.gql(`query ServiceVersion { serviceVersion }`);
    const response = await t.http().get('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    expect(response.text).toMatch(/lexique_graphql_request_duration_seconds_count\{operation="ServiceVersion",type="query"\} 1/);
    expect(response.text).toContain('lexique_db_pool_connections{state="total"}');
    expect(response.text).toContain('lexique_db_queries_total');
  });

  it('counts errors by code', async () => {
    await t.gql(`query Broken { concepts(first: 9999) { totalCount } }`);
    const response = await t.http().get('/metrics');
    expect(response.text).toMatch(/lexique_graphql_errors_total\{operation="Broken",code="BAD_USER_INPUT"\} 1/);
  });

  it('echoes a request id, or makes one', async () => {
    const given = await t.http().get('/health').set('X-Request-Id', 'abc-123');
    expect(given.headers['x-request-id']).toBe('abc-123');
    const made = await t.http().get('/health');
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves GraphiQL from its own assets, with no CDN', async () => {
    const page = await t.http().get('/graphql').set('accept', 'text/html');
    expect(page.status).toBe(200);
    expect(page.text).toContain('/ide/graphiql.min.js');
    expect(page.text).not.toMatch(/https?:\/\//);
    for (const asset of ['graphiql.min.js', 'graphiql.min.css', 'react.production.min.js', 'react-dom.production.min.js']) {
      const response = await t.http().get(`/ide/${asset}`);
      expect(response.status).toBe(200);
    }
    expect((await t.http().get('/ide/..%2Fpackage.json')).status).toBe(404);
  });

  it('hides internals: an unknown field is a validation error, no stack trace', async () => {
    const { errors } = await t.gql(`{ nope }`);
    expect(errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(errors)).not.toContain('stacktrace');
  });
});
