import { Client } from 'pg';
import { MeiliIndexerRunner, SearchCheckpointRepository } from '@lexique/search';
import { untilChangesReadable } from '../support/change-log';
import { allDocuments, meiliClient, MeiliServer, skipped } from '../support/meilisearch';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Meilisearch killed and started again while concepts are written, on a
 * server of the test's own (MEILI_BIN): searches go on from PostgreSQL and
 * say so, /health says search is degraded, nothing written is lost, and the
 * index catches up; a server that lost its data gets the index rebuilt.
 */
const binary = MeiliServer.binary();

if (!binary) {
  skipped('Meilisearch outage tests', 'set MEILI_BIN to a Meilisearch binary (the test starts, kills and restarts its own server)');
  describe.skip('Meilisearch outage: skipped, MEILI_BIN is not set', () => {
    it('needs a Meilisearch binary', () => undefined);
  });
} else {
  describe('search through a Meilisearch outage (e2e, real servers)', () => {
    let server: MeiliServer;
    let t: TestApp;
    let sql: Client;
    const index = 'concepts';
    const SEARCH = `query($q: String!) { search(query: $q, first: 50) { total engine degraded hits { concept { code } } } }`;
    const written: string[] = [];

    async function writeConcept(n: number) {
      const code = `FIN-${8000 + n}`;
      await sql.query('BEGIN');
      await sql.query(
        `INSERT INTO concept (code, domain_code, status, pref_label) VALUES ($1, 'FIN', 'PUBLISHED', jsonb_build_object('fr', 'Panne témoin ' || $2::text))`,
        [code, String(n)],
      );
      await sql.query(
        `INSERT INTO change (principal, entity_type, entity_id, entity_key, domain_code, action)
         SELECT 'test', 'CONCEPT', id::text, code, domain_code, 'CREATE' FROM concept WHERE code = $1`,
        [code],
      );
      await sql.query('COMMIT');
      written.push(code);
    }
    /** Writes a concept every 50 ms while `during` runs. */
    async function writingWhile(during: () => Promise<void>) {
      let writing = true;
      const writer = (async () => {
        while (writing) {
          await writeConcept(written.length);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      })();
      try {
        await during();
      } finally {
        writing = false;
        await writer;
      }
    }
    const search = async (q: string) => (await t.gql(SEARCH, { q })).data!.search;
    const indexed = async () => new Set((await allDocuments<{ code: string }>(await meiliClient(server.target), index)).map((d) => d.code));
    async function untilCaughtUp() {
      await untilChangesReadable(t.databaseUrl);
      const checkpoints = t.app.get(SearchCheckpointRepository);
      for (let i = 0; i < 240 && (await checkpoints.lagSeconds(index)) > 0; i++) await new Promise((r) => setTimeout(r, 250));
      expect(await checkpoints.lagSeconds(index)).toBe(0);
    }

    beforeAll(async () => {
      server = await MeiliServer.start(binary);
      t = await startTestApp({ env: { MEILI_HOST: server.target.host, MEILI_API_KEY: server.target.apiKey, MEILI_INDEX: index } });
      sql = new Client({ connectionString: t.databaseUrl });
      await sql.connect();
      await untilChangesReadable(t.databaseUrl);
      await t.app.get(MeiliIndexerRunner).catchUp();
    }, 300_000);
    afterAll(async () => {
      await sql?.end();
      await t?.close();
      await server?.close();
    });

    it('answers from PostgreSQL while Meilisearch is down, loses no write, and catches up when it is back', async () => {
      expect(await search('budget')).toMatchObject({ engine: 'meilisearch', degraded: false });
      await writingWhile(async () => {
        await new Promise((resolve) => setTimeout(resolve, 500));
        await server.stop();
        await new Promise((resolve) => setTimeout(resolve, 1500));

        const committed = written.length;
        const during = await search('panne temoin');
        expect(during).toMatchObject({ engine: 'postgresql', degraded: true });
        // PostgreSQL sees every write committed before the search, and those committed while it ran at most
        expect(during.total).toBeGreaterThanOrEqual(committed);
        expect(during.total).toBeLessThanOrEqual(written.length);
        const health = await t.http().get('/health');
        expect(health.status).toBe(200);
        expect(health.body).toMatchObject({ status: 'degraded', checks: { database: { status: 'up' }, search: { status: 'degraded' } } });

        await server.startAgain();
        await new Promise((resolve) => setTimeout(resolve, 1000));
      });
      await untilCaughtUp();
      const inIndex = await indexed();
      expect(written.filter((code) => !inIndex.has(code))).toEqual([]);
      expect(written.length).toBeGreaterThan(20);

      await new Promise((resolve) => setTimeout(resolve, 5000)); // the failover asks Meilisearch again after 5 s
      const after = await search('panne temoin');
      expect(after).toMatchObject({ engine: 'meilisearch', degraded: false, total: written.length });
      expect((await t.http().get('/health')).body).toMatchObject({
        status: 'ok',
        checks: { search: { status: 'up', answering: 'meilisearch' } },
      });
    }, 180_000);

    it('rebuilds the index when Meilisearch comes back without its data', async () => {
      await server.stop();
      server.wipe();
      await server.startAgain();
      await writeConcept(written.length);
      // the index is missing: the next round builds it from PostgreSQL
      for (let i = 0; i < 240 && !(await indexed().catch(() => new Set<string>())).has(written[written.length - 1]); i++) {
        await new Promise((r) => setTimeout(r, 250));
      }
      await untilCaughtUp();
      const inIndex = await indexed();
      expect(written.filter((code) => !inIndex.has(code))).toEqual([]);
      expect(inIndex.has('RH-0021')).toBe(true);
    }, 180_000);
  });
}
