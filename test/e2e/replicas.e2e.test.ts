import { Client } from 'pg';
import { databaseUrl as withDatabase } from '@lexique/database';
import { Role } from '@lexique/core';
import { bearer } from '../support/auth';
import { SourceApiProcess, startSourceApiProcess } from '../support/api-process';
import { dropTestDatabase, TEST_SERVER_URL_VARIABLE } from '../support/test-server';

type Response = { data?: Record<string, any>; errors?: { message: string; extensions?: Record<string, unknown> }[] };

async function gql(api: SourceApiProcess, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const response = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as Response;
}

/**
 * Two API processes on one PostgreSQL behave as one service: started
 * together on an empty database they prepare it once, a write through
 * either is seen by both, the change feed reads the same, concurrent
 * writes have one winner. Rate limits are counted per replica.
 */
describe('two API replicas on one database (e2e)', () => {
  let url: string;
  let a: SourceApiProcess;
  let b: SourceApiProcess;
  let admin: Record<string, string>;
  let integrator: Record<string, string>;

  beforeAll(async () => {
    // an empty database, not even migrated: both replicas start on it at once
    const server = process.env[TEST_SERVER_URL_VARIABLE]!;
    const name = `lexique_test_replicas_${process.pid}`;
    const postgres = new Client({ connectionString: withDatabase(server, 'postgres') });
    await postgres.connect();
    await postgres.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await postgres.query(`CREATE DATABASE ${name}`);
    await postgres.end();
    url = withDatabase(server, name);
    const env = {
      DATABASE_URL: url,
      LEXIQUE_SEED_DEMO: 'true',
      LEXIQUE_ANONYMOUS_READ: 'true',
      RATE_LIMIT_BURST: '2',
      RATE_LIMIT_PER_MINUTE: '1',
    };
    [a, b] = await Promise.all([startSourceApiProcess(env), startSourceApiProcess(env)]);
    admin = await bearer({ name: 'ada', roles: [Role.ADMIN] });
    integrator = await bearer({ name: 'ivan', roles: [Role.INTEGRATOR] });
  }, 300_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    if (url) await dropTestDatabase(url);
  });

  it('migrate and load the demo dictionary once, though started together', async () => {
    const [fromA, fromB] = await Promise.all(
      [a, b].map((api) => gql(api, `{ concepts(first: 1) { totalCount } domains { code } }`, {}, admin)),
    );
    expect(fromA.data!.concepts.totalCount).toBe(442);
    expect(fromB.data).toEqual(fromA.data);
  });

  it('show through one replica what was written through the other, at once', async () => {
    const created = await gql(
      a,
      `mutation { createDomain(input: { code: "ENV", label: { fr: "Environnement" } }) { code version } }`,
      {},
      admin,
    );
    expect(created.errors).toBeUndefined();
    expect((await gql(b, `{ domain(code: "ENV") { label } }`)).data!.domain).toEqual({ label: 'Environnement' });
    const updated = await gql(
      b,
      `mutation { updateDomain(code: "ENV", version: 1, input: { label: { fr: "Écologie" } }) { version } }`,
      {},
      admin,
    );
    expect(updated.data!.updateDomain.version).toBe(2);
    expect((await gql(a, `{ domain(code: "ENV") { label } }`)).data!.domain).toEqual({ label: 'Écologie' });
  });

  it('let exactly one of two concurrent writes of the same version win, whichever replica it came through', async () => {
    const write = (api: SourceApiProcess, label: string) =>
      gql(api, `mutation { updateDomain(code: "ENV", version: 2, input: { label: { fr: "${label}" } }) { version } }`, {}, admin);
    const [fromA, fromB] = await Promise.all([write(a, 'Par A'), write(b, 'Par B')]);
    const outcomes = [fromA, fromB].map((r) => (r.errors ? r.errors[0].extensions!.code : 'WON'));
    expect(outcomes.sort()).toEqual(['CONFLICT', 'WON']);
  });

  it('serve the same change feed', async () => {
    const feed = `{ changes(first: 500) { edges { cursor node { sequence key action } } pageInfo { endCursor hasNextPage } } }`;
    const [fromA, fromB] = await Promise.all([gql(a, feed, {}, integrator), gql(b, feed, {}, integrator)]);
    expect(fromA.errors).toBeUndefined();
    expect(fromA.data!.changes.edges.length).toBeGreaterThan(0);
    expect(fromB.data).toEqual(fromA.data);
    // and a cursor of one replica resumes on the other
    const after = fromA.data!.changes.edges[10].cursor as string;
    const resumed = await gql(
      b,
      `query($after: String) { changes(first: 5, after: $after) { edges { node { sequence } } } }`,
      { after },
      integrator,
    );
    expect(resumed.data!.changes.edges.map((e: { node: { sequence: string } }) => e.node.sequence)).toEqual(
      fromA.data!.changes.edges.slice(11, 16).map((e: { node: { sequence: string } }) => e.node.sequence),
    );
  });

  it('count rate limits per replica, as documented', async () => {
    const reader = await bearer({ name: 'rita', roles: [Role.READER] });
    const expensive = `{ concepts(first: 1) { totalCount } }`;
    expect((await gql(a, expensive, {}, reader)).errors).toBeUndefined();
    expect((await gql(a, expensive, {}, reader)).errors).toBeUndefined();
    expect((await gql(a, expensive, {}, reader)).errors![0].extensions!.code).toBe('RATE_LIMITED');
    // the other replica has its own buckets
    expect((await gql(b, expensive, {}, reader)).errors).toBeUndefined();
  });
});
