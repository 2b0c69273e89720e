import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { DatabaseNotifications } from '@lexique/database';
import { SearchDocumentRefresher, SearchDocumentSource, StaleDocumentsRepository } from '@lexique/search';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Search documents after large writes (integration, real PostgreSQL): a
 * statement touching more concepts than the limit marks them for the
 * refresher instead of rebuilding them in the writing transaction; a small
 * one still refreshes them at once. The tests lower the limit for their own
 * sessions, so that a few demo concepts make a "large" statement.
 */
describe('search documents follow large writes (integration, real PostgreSQL)', () => {
  let t: TestApp;
  let stale: StaleDocumentsRepository;

  beforeAll(async () => {
    t = await startTestApp();
    stale = t.app.get(StaleDocumentsRepository);
    // the API's background rounds stopped, so that each step below is seen; catchUp still refreshes on demand
    await t.app.get(SearchDocumentRefresher).onApplicationShutdown();
  });
  afterAll(() => t.close());

  /** A session of its own, whose statements count as large past `limit` concepts. */
  async function writer(limit: number): Promise<Client> {
    const client = new Client({ connectionString: t.databaseUrl });
    await client.connect();
    await client.query(`SET lexique.search_refresh_in_statement_limit = ${limit}`);
    return client;
  }

  const definitions = async (codes: string[]) =>
    (await t.app.get(DataSource).query(`SELECT code, definition FROM search_document WHERE code = ANY($1) ORDER BY code`, [codes])).map(
      (row: { code: string; definition: string }) => [row.code, row.definition],
    );
  const marked = async () => (await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM search_document_stale`))[0].n as number;
  const rewrite = (client: Client, codes: string[], text: string) =>
    client.query(`UPDATE concept SET definition = jsonb_set(definition, '{fr}', to_jsonb($2::text)) WHERE code = ANY($1)`, [codes, text]);

  const FIN = ['FIN-0001', 'FIN-0002', 'FIN-0003', 'FIN-0004', 'FIN-0005', 'FIN-0006'];

  it('refreshes the documents of a small statement in it, leaving nothing marked', async () => {
    const client = await writer(10);
    try {
      await rewrite(client, FIN, 'Petite écriture');
    } finally {
      await client.end();
    }
    expect(await definitions(FIN)).toEqual(FIN.map((code) => [code, 'Petite écriture']));
    expect(await marked()).toBe(0);
  });

  it('leaves those of a large statement to the refresher, which brings them up to date after the commit', async () => {
    const client = await writer(3);
    try {
      await client.query('BEGIN');
      await rewrite(client, FIN, 'Grande écriture');
      // in the writing transaction: marked, not rebuilt
      expect((await client.query(`SELECT count(*)::int AS n FROM search_document_stale`)).rows[0].n).toBe(FIN.length);
      expect((await client.query(`SELECT count(*)::int AS n FROM search_document WHERE definition = 'Grande écriture'`)).rows[0].n).toBe(0);
      await client.query('COMMIT');
    } finally {
      await client.end();
    }
    await t.app.get(SearchDocumentRefresher).catchUp();
    expect(await definitions(FIN)).toEqual(FIN.map((code) => [code, 'Grande écriture']));
    expect(await marked()).toBe(0);
    const health = await t.http().get('/health');
    expect(health.body.checks.search).toMatchObject({ status: 'up', staleDocuments: 0 });
  });

  it('never writes back a document read before a write still running: the write holds its marks until it commits', async () => {
    const first = await writer(3);
    const second = await writer(3);
    try {
      await rewrite(first, FIN, 'Première version'); // committed, left to the refresher
      expect(await marked()).toBe(FIN.length);
      await second.query('BEGIN');
      await rewrite(second, FIN, 'Seconde version'); // marks them again, and holds the marks
      // the refresher passes over marks a running write holds
      expect(await stale.refreshNext(100)).toBe(0);
      await second.query('COMMIT');
      expect(await stale.refreshNext(100)).toBe(FIN.length);
    } finally {
      await first.end();
      await second.end();
    }
    expect(await definitions(FIN)).toEqual(FIN.map((code) => [code, 'Seconde version']));
    expect(await marked()).toBe(0);
  });

  it('hands the Meilisearch indexer documents as their concepts are now, refreshing the stale ones it reads', async () => {
    const client = await writer(3);
    try {
      await rewrite(client, FIN, 'Pour l’index');
    } finally {
      await client.end();
    }
    const ids: { id: string }[] = await t.app.get(DataSource).query(`SELECT id::text FROM concept WHERE code = ANY($1)`, [FIN.slice(0, 2)]);
    const changes = ids.map((row, i) => ({
      seq: String(i),
      txid: '1',
      at: new Date(),
      principal: 'test',
      entityType: 'CONCEPT' as const,
      entityId: row.id,
      entityKey: '',
      domain: 'FIN',
      action: 'UPDATE',
      before: null,
      after: null,
      reason: null,
    }));
    const { upserts } = await t.app.get(SearchDocumentSource).documentsFor(changes);
    expect(upserts.map((document) => document.shown.definition)).toEqual(['Pour l’index', 'Pour l’index']);
    // the two it read are refreshed; the other four still wait for the refresher
    expect(await marked()).toBe(FIN.length - 2);
    await t.app.get(SearchDocumentRefresher).catchUp();
    expect(await marked()).toBe(0);
  });

  describe('the refresher, woken by the notification of a large write', () => {
    let refresher: SearchDocumentRefresher;
    beforeAll(async () => {
      // it looks on its own once an hour: within a test, only a notification can make it refresh
      refresher = new SearchDocumentRefresher(stale, t.app.get(DatabaseNotifications), 3_600_000);
      await refresher.onApplicationBootstrap();
    });
    afterAll(() => refresher.onApplicationShutdown());

    async function largeWrite(text: string) {
      const client = await writer(3);
      try {
        await rewrite(client, FIN, text);
      } finally {
        await client.end();
      }
    }

    /** Waits for the refresher to leave nothing marked; nothing asks it to. */
    async function untilNothingMarked() {
      for (const deadline = Date.now() + 30_000; (await marked()) > 0;) {
        if (Date.now() > deadline) throw new Error(`${await marked()} documents still marked: the refresher was not woken`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }

    /** The backends listening for the refresher on this test's database. */
    const listeners = async (): Promise<number[]> =>
      (
        await t.app
          .get(DataSource)
          .query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'lexique-api-listener'`)
      ).map((row: { pid: number }) => row.pid);

    it('refreshes the documents of a large write once it commits, without waiting to look', async () => {
      await largeWrite('Réveillé par la notification');
      await untilNothingMarked();
      expect(await definitions(FIN)).toEqual(FIN.map((code) => [code, 'Réveillé par la notification']));
    });

    it('listens again when its connection is cut, and refreshes what was written while nobody listened', async () => {
      const [cut] = await listeners();
      expect(await listeners()).toEqual([cut]);
      await t.app.get(DataSource).query(`SELECT pg_terminate_backend($1)`, [cut]);
      await largeWrite('Écrit pendant la coupure');
      await untilNothingMarked();
      expect(await definitions(FIN)).toEqual(FIN.map((code) => [code, 'Écrit pendant la coupure']));

      const again = await listeners();
      expect(again).toHaveLength(1);
      expect(again[0]).not.toBe(cut);
      await largeWrite('Après la coupure');
      await untilNothingMarked();
      expect(await definitions(FIN)).toEqual(FIN.map((code) => [code, 'Après la coupure']));
    });
  });
});
