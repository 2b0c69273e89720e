import { Client } from 'pg';
import { Role } from '@lexique/core';
import { bearer } from '../support/auth';
import { startTestApp, TestApp } from '../support/test-app';

/** A transaction of another process (a CLI import, a migration) holding what the API needs. */
async function holding(databaseUrl: string, statement: string): Promise<{ release(): Promise<void> }> {
  const other = new Client({ connectionString: databaseUrl });
  await other.connect();
  await other.query('BEGIN');
  await other.query(statement);
  return {
    async release() {
      await other.query('ROLLBACK');
      await other.end();
    },
  };
}

const upload = (i: number) =>
  `mutation { importFile(input: { fileName: "FIN-${i}.csv", content: "code;domain;prefLabel@fr\\nFIN-09${String(i).padStart(2, '0')};FIN;Budget ${i}\\n", dryRun: true }) { dryRun } }`;

describe('uploads during a long import leave the pool to readers (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { DATABASE_LOCK_TIMEOUT: '500ms', RATE_LIMIT_BURST: '1000' } });
  });
  afterAll(() => t.close());

  it('answers BUSY with retryAfter to uploads while another import holds the lock, and serves lookups meanwhile', async () => {
    // the CLI import takes the same lock as every import
    const cliImport = await holding(t.databaseUrl, `SELECT pg_advisory_xact_lock(hashtext('lexique:import'))`);
    try {
      const stewards = await Promise.all(
        Array.from({ length: 12 }, (_, i) => bearer({ name: `steward-${i}`, roles: [Role.STEWARD], domains: ['FIN'] })),
      );
      const uploads = stewards.map((steward, i) => t.gql(upload(i), {}, steward));
      const lookups = Array.from({ length: 20 }, () => t.gql(`{ concept(code: "FIN-0001") { code } }`));
      const health = t.http().get('/health');
      const refused = (await Promise.all(uploads)).map((r) => r.errors?.[0]);
      expect(refused.map((e) => e?.extensions?.code)).toEqual(Array(12).fill('BUSY'));
      expect(refused.every((e) => (e!.extensions!.retryAfter as number) > 0)).toBe(true);
      expect(refused.some((e) => e!.message.startsWith('Another import is running'))).toBe(true);
      expect((await Promise.all(lookups)).map((r) => r.data?.concept?.code)).toEqual(Array(20).fill('FIN-0001'));
      expect((await health).status).toBe(200);
    } finally {
      await cliImport.release();
    }
    // once it is over, uploads go through again
    const after = await t.gql(upload(99), {}, await bearer({ name: 'late', roles: [Role.STEWARD], domains: ['FIN'] }));
    expect(after.errors).toBeUndefined();
  });
});

describe('lock waits and statements are bounded, and answered as retryable (e2e)', () => {
  let t: TestApp;
  afterEach(() => t.close());

  // on an empty dictionary: seeding takes longer than the short timeouts these tests set, and the read is what counts
  const lookup = () => t.gql(`{ concept(code: "FIN-0001") { code } }`);

  it('cancels a read held up past the statement timeout, with BUSY and retryAfter', async () => {
    t = await startTestApp({ seed: false, env: { DATABASE_LOCK_TIMEOUT: '10s', DATABASE_STATEMENT_TIMEOUT: '1s' } });
    // a migration, say, holds the table every lookup reads
    const migration = await holding(t.databaseUrl, `LOCK TABLE concept IN ACCESS EXCLUSIVE MODE`);
    try {
      const response = await lookup();
      expect(response.errors![0]).toMatchObject({
        message: 'The database took too long to answer: nothing was changed, try again in 5 s',
        extensions: { code: 'BUSY', retryAfter: 5 },
      });
    } finally {
      await migration.release();
    }
    const after = await lookup();
    expect(after.errors).toBeUndefined();
    expect(after.data!.concept).toBeNull();
  });

  it('stops a lock wait at the lock timeout, with BUSY', async () => {
    t = await startTestApp({ seed: false, env: { DATABASE_LOCK_TIMEOUT: '300ms', DATABASE_STATEMENT_TIMEOUT: '20s' } });
    const migration = await holding(t.databaseUrl, `LOCK TABLE concept IN ACCESS EXCLUSIVE MODE`);
    try {
      expect((await lookup()).errors![0].extensions).toEqual({ code: 'BUSY', reason: 'BUSY', retryAfter: 2 });
    } finally {
      await migration.release();
    }
  });

  it('answers callers who find every connection taken with BUSY rather than queueing them', async () => {
    t = await startTestApp({
      seed: false,
      env: { DATABASE_POOL_SIZE: '2', DATABASE_LOCK_TIMEOUT: '20s', DATABASE_STATEMENT_TIMEOUT: '20s' },
    });
    const migration = await holding(t.databaseUrl, `LOCK TABLE concept IN ACCESS EXCLUSIVE MODE`);
    let stuck: Promise<unknown>[] = [];
    try {
      // two lookups take both connections and wait on the lock; the third waits for a connection
      stuck = [lookup(), lookup()];
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((await lookup()).errors![0]).toMatchObject({
        message: 'Every database connection is busy: nothing was changed, try again in 1 s',
        extensions: { code: 'BUSY', retryAfter: 1 },
      });
    } finally {
      await migration.release();
      await Promise.all(stuck);
    }
  });
});
