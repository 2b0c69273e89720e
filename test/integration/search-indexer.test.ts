import type { Meilisearch } from 'meilisearch';
import { Client } from 'pg';
import { LEXIQUE_CONFIG, LexiqueConfig } from '@lexique/core';
import { ChangeLogReader, ChangePosition } from '@lexique/database';
import {
  IndexUnavailableError,
  MEILI_SETTINGS,
  MeiliConceptDocument,
  MeiliIndexer,
  MeiliReindexService,
  MeilisearchGateway,
  rebuildIndex,
  SearchCheckpointRepository,
  SearchDocumentSource,
  SearchIndexLock,
} from '@lexique/search';
import { untilChangesReadable } from '../support/change-log';
import { freePort } from '../support/free-port';
import { allDocuments, dropIndexes, meiliClient, MeiliTarget, meiliTarget, skipped, testIndex } from '../support/meilisearch';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The Meilisearch indexer on the real change log, checkpoints and documents
 * of a seeded PostgreSQL, writing into a real Meilisearch (MEILI_HOST).
 */
const target = meiliTarget();

if (!target) {
  skipped('Meilisearch indexer tests', 'set MEILI_HOST (and MEILI_API_KEY) to run them against a Meilisearch server');
  describe.skip('Meilisearch indexer: skipped, MEILI_HOST is not set', () => {
    it('needs a Meilisearch server', () => undefined);
  });
} else {
  describe('Meilisearch indexer (integration, real PostgreSQL, real Meilisearch)', () => {
    const prefix = testIndex('indexer');
    let t: TestApp;
    let meili: Meilisearch;
    let gateway: MeilisearchGateway;
    let reader: ChangeLogReader;
    let checkpoints: SearchCheckpointRepository;
    let documents: SearchDocumentSource;
    let sql: Client;
    const sleeps: number[] = [];
    const options = {
      batchSize: 100,
      maxAttempts: 4,
      baseDelayMs: 50,
      maxDelayMs: 1000,
      sleep: (ms: number) => (sleeps.push(ms), Promise.resolve()),
    };

    beforeAll(async () => {
      // the API on PostgreSQL alone: the indexers under test are this file's, on indexes of its own
      t = await startTestApp();
      reader = t.app.get(ChangeLogReader);
      checkpoints = t.app.get(SearchCheckpointRepository);
      documents = t.app.get(SearchDocumentSource);
      meili = await meiliClient(target);
      gateway = await MeilisearchGateway.connect(target.host, target.apiKey);
      sql = new Client({ connectionString: t.databaseUrl });
      await sql.connect();
    }, 120_000);
    afterAll(async () => {
      await sql?.end();
      await t?.close();
      if (meili) await dropIndexes(meili, prefix);
    });
    beforeEach(() => {
      sleeps.length = 0;
    });

    /** The index service of an API process configured with `index`, over `gateway`. */
    const service = (index: string, over: MeilisearchGateway = gateway) =>
      new MeiliReindexService(
        { ...t.app.get<LexiqueConfig>(LEXIQUE_CONFIG), meiliIndex: index },
        over,
        reader,
        checkpoints,
        documents,
        t.app.get(SearchIndexLock),
      );
    const follower = (index: string, over: MeilisearchGateway = gateway) => {
      const indexer = new MeiliIndexer(index, reader, checkpoints, documents, over, options);
      return { catchUp: () => untilChangesReadable(t.databaseUrl).then(() => indexer.catchUp()) };
    };
    const documentCount = async () => Number((await sql.query(`SELECT count(*) FROM search_document`)).rows[0].count);
    const byCode = async (index: string, code: string) =>
      (await allDocuments<MeiliConceptDocument & Record<string, unknown>>(meili, index)).find((d) => d.code === code);
    const head = async (): Promise<ChangePosition> => {
      const position = await reader.head();
      return { txid: position!.txid, seq: position!.seq };
    };
    async function write(statements: string[]) {
      await sql.query('BEGIN');
      for (const statement of statements) await sql.query(statement);
      await sql.query('COMMIT');
    }
    const conceptChange = (code: string, action: string) =>
      `INSERT INTO change (principal, entity_type, entity_id, entity_key, domain_code, action)
       SELECT 'test', 'CONCEPT', id::text, code, domain_code, '${action}' FROM concept WHERE code = '${code}'`;

    it('builds an index it has never built from PostgreSQL, then follows the change log from the head it read', async () => {
      const index = `${prefix}_first`;
      expect(await checkpoints.lagSeconds(index)).toBeGreaterThan(0);
      await untilChangesReadable(t.databaseUrl);
      const round = await service(index).round(true);
      expect(round).toEqual({ rebuilt: { index, documents: await documentCount() } });
      expect(await allDocuments(meili, index)).toHaveLength(await documentCount());
      expect(await checkpoints.load(index)).toEqual(await head());
      expect(await checkpoints.lagSeconds(index)).toBe(0);
      expect((await gateway.settingsOf(index)).searchableAttributes).toEqual(MEILI_SETTINGS.searchableAttributes);

      const ifse = (await byCode(index, 'RH-0021'))!;
      expect(ifse).toMatchObject({ domain: 'RH', status: 'PUBLISHED', search: { acronyms: ['ifse'] } });
      expect(ifse.search.legacyCodes).toContain('0412');
      expect(ifse.shown.legacyReferences).toContain('SI-BDX-GRH 0412');
      expect(ifse.systems).toContain('SI-BDX-GRH');
      expect(await service(index).round(true)).toEqual({ caughtUp: { batches: 0, changes: 0, upserted: 0, removed: 0 } });
      const { results } = await meili.getRawIndexes({ limit: 1000 });
      expect(results.map((i) => i.uid).filter((uid) => uid.startsWith(index))).toEqual([index]); // no rebuild index left
    });

    it('follows writes in batches and records its checkpoint only once a batch is applied', async () => {
      const index = `${prefix}_batches`;
      await service(index).round(true);
      for (const code of ['FIN-0003', 'FIN-0004', 'FIN-0005']) {
        await write([`UPDATE concept SET version = version + 1 WHERE code = '${code}'`, conceptChange(code, 'UPDATE')]);
      }
      await write([
        `UPDATE concept SET pref_label = '{"fr": "Budget de la métropole"}', version = version + 1 WHERE code = 'FIN-0003'`,
        conceptChange('FIN-0003', 'UPDATE'),
      ]);
      const indexer = new MeiliIndexer(index, reader, checkpoints, documents, gateway, { ...options, batchSize: 2 });
      await untilChangesReadable(t.databaseUrl);
      expect(await indexer.catchUp()).toEqual({ batches: 2, changes: 4, upserted: 4, removed: 0 });
      expect((await byCode(index, 'FIN-0003'))!.shown.prefLabel).toBe('Budget de la métropole');
      expect(await checkpoints.load(index)).toEqual(await head());
    });

    it('retries with exponential backoff while Meilisearch does not answer, loses nothing, then catches up', async () => {
      const index = `${prefix}_outage`;
      await service(index).round(true);
      const before = await checkpoints.load(index);
      await write([
        `UPDATE concept SET pref_label = '{"fr": "Marché public de la métropole"}', version = version + 1 WHERE code = 'ACH-0002'`,
        conceptChange('ACH-0002', 'UPDATE'),
      ]);
      await write([
        `DELETE FROM mapping WHERE system_code = 'SI-BDX-GRH' AND local_code = '0412'`,
        `INSERT INTO change (principal, entity_type, entity_id, entity_key, domain_code, action, before)
         VALUES ('test', 'MAPPING', '00000000-0000-4000-8000-000000000412', 'SI-BDX-GRH/0412', 'RH', 'DELETE', '{"concept": "RH-0021"}')`,
      ]);
      // the same client on a port where nothing listens
      const unreachable = await MeilisearchGateway.connect(`http://127.0.0.1:${await freePort()}`, target.apiKey);
      await expect(follower(index, unreachable).catchUp()).rejects.toThrow(IndexUnavailableError);
      expect(sleeps).toEqual([50, 100, 200]);
      expect(await checkpoints.load(index)).toEqual(before);
      expect(await checkpoints.lagSeconds(index)).toBeGreaterThan(0);

      expect(await follower(index).catchUp()).toMatchObject({ changes: 2, upserted: 2, removed: 0 });
      expect((await byCode(index, 'ACH-0002'))!.shown.prefLabel).toBe('Marché public de la métropole');
      expect((await byCode(index, 'RH-0021'))!.search.legacyCodes).not.toContain('0412');
      expect(await checkpoints.lagSeconds(index)).toBe(0);
    });

    it('removes the document of a deleted concept', async () => {
      const index = `${prefix}_removal`;
      await service(index).round(true);
      await write([
        `INSERT INTO concept (code, domain_code, status, pref_label) VALUES ('FIN-9100', 'FIN', 'PUBLISHED', '{"fr": "Éphémère"}')`,
        conceptChange('FIN-9100', 'CREATE'),
      ]);
      await follower(index).catchUp();
      const id = (await byCode(index, 'FIN-9100'))!.id;
      await write([
        `INSERT INTO change (principal, entity_type, entity_id, entity_key, domain_code, action) VALUES ('test', 'CONCEPT', '${id}', 'FIN-9100', 'FIN', 'DELETE')`,
        `DELETE FROM concept WHERE code = 'FIN-9100'`,
      ]);
      expect(await follower(index).catchUp()).toMatchObject({ changes: 1, removed: 1 });
      expect(await byCode(index, 'FIN-9100')).toBeUndefined();
    });

    it('rebuilds into a fresh index and swaps it in; a rebuild that fails half-way leaves the live index as it was', async () => {
      const index = `${prefix}_live`;
      await service(index).round(true);
      const ghost = { ...(await documents.allDocuments(1).next()).value![0], id: 'ghost', code: 'GHOST-1' };
      await gateway.upsert(index, [ghost]);
      expect(await byCode(index, 'GHOST-1')).toBeDefined();
      expect(await service(index).rebuild()).toEqual({ index, documents: await documentCount() });
      expect(await byCode(index, 'GHOST-1')).toBeUndefined();
      expect(await allDocuments(meili, index)).toHaveLength(await documentCount());
      expect(await checkpoints.load(index)).toEqual(await head());

      let pages = 0;
      const broken = {
        head,
        async *documents() {
          for await (const page of documents.allDocuments(100)) {
            if (++pages === 3) throw new Error('PostgreSQL went away');
            yield page;
          }
        },
        resetCheckpoint: (name: string, position: ChangePosition | null) => checkpoints.reset(name, position),
      };
      await expect(rebuildIndex(gateway, index, broken, () => 43)).rejects.toThrow('went away');
      expect(await allDocuments(meili, index)).toHaveLength(await documentCount());
      const { results } = await meili.getRawIndexes({ limit: 1000 });
      expect(results.map((i) => i.uid).filter((uid) => uid.startsWith(index))).toEqual([index]);
    });

    it('rebuilds an index that holds documents of another version, or that Meilisearch lost', async () => {
      const index = `${prefix}_upgrade`;
      await service(index).round(true);
      await gateway.applySettings(index, { searchableAttributes: ['prefLabel', 'code'] });
      expect(await service(index).round(true)).toMatchObject({ rebuilt: { index } });
      expect((await gateway.settingsOf(index)).searchableAttributes).toEqual(MEILI_SETTINGS.searchableAttributes);
      await gateway.dropIndex(index);
      expect(await service(index).round(true)).toMatchObject({ rebuilt: { index, documents: await documentCount() } });
    });

    it('starts again from a checkpoint a rebuild moved while a batch was in flight', async () => {
      const index = `${prefix}_raced`;
      await gateway.ensureIndex(index);
      const at = await head();
      let moved = false;
      const racing = {
        load: (name: string) => checkpoints.load(name),
        advance: async (name: string, expected: ChangePosition | null, next: ChangePosition) => {
          if (!moved) {
            moved = true;
            await checkpoints.reset(name, at);
          }
          return checkpoints.advance(name, expected, next);
        },
      };
      await untilChangesReadable(t.databaseUrl);
      const report = await new MeiliIndexer(index, reader, racing, documents, gateway, options).catchUp();
      expect(report.changes).toBe(0); // the first batch lost the race; the reset said everything was in
      expect(await checkpoints.load(index)).toEqual(at);
    });

    describe('two API processes on one PostgreSQL and one Meilisearch', () => {
      const index = `${prefix}_replicas`;
      let other: TestApp;
      const env = (on: MeiliTarget) => ({ MEILI_HOST: on.host, MEILI_API_KEY: on.apiKey, MEILI_INDEX: index });
      let one: TestApp;

      beforeAll(async () => {
        // both run the indexer on their own schedule, as replicas do
        one = await startTestApp({ databaseUrl: t.databaseUrl, env: env(target) });
        other = await startTestApp({ databaseUrl: t.databaseUrl, env: env(target) });
      }, 120_000);
      afterAll(async () => {
        await other?.close();
        await one?.close();
      });

      it('builds the index once when both find it missing at the same moment, one round at a time', async () => {
        const lock = t.app.get(SearchIndexLock);
        expect(await lock.holding(index, 0, () => lock.holding(index, 0, () => Promise.resolve('twice')))).toBeNull();

        // an index neither process's own indexer follows, asked of both processes at once
        const fresh = `${prefix}_both`;
        const serviceOf = (app: TestApp) =>
          new MeiliReindexService(
            { ...app.app.get<LexiqueConfig>(LEXIQUE_CONFIG), meiliIndex: fresh },
            gateway,
            app.app.get(ChangeLogReader),
            app.app.get(SearchCheckpointRepository),
            app.app.get(SearchDocumentSource),
            app.app.get(SearchIndexLock),
          );
        await untilChangesReadable(t.databaseUrl);
        const rounds = await Promise.all([
          serviceOf(one).round(false),
          serviceOf(other).round(false),
          serviceOf(one).round(true),
          serviceOf(other).round(true),
        ]);
        expect(rounds.filter((round) => round !== null && 'rebuilt' in round)).toHaveLength(1);
        expect(await allDocuments(meili, fresh)).toHaveLength(await documentCount());
        // a build ends by putting its fresh index in place: one swap (a rename, there was none) into this index
        const swaps = await meili.tasks.getTasks({ types: ['indexSwap'], limit: 1000 });
        const into = (task: (typeof swaps.results)[number]) =>
          (task.details as { swaps?: { indexes: string[] }[] } | undefined)?.swaps?.some((swap) => swap.indexes.includes(fresh));
        expect(swaps.results.filter(into)).toHaveLength(1);
      }, 120_000);

      it('follows writes made through either, and the index ends as PostgreSQL is', async () => {
        // writes through both while both index: each concept renamed many times
        for (let round = 1; round <= 5; round++) {
          for (const [app, code] of [
            [one, 'FIN-0007'],
            [other, 'FIN-0008'],
          ] as const) {
            const db = new Client({ connectionString: app.databaseUrl });
            await db.connect();
            await db.query('BEGIN');
            await db.query(`UPDATE concept SET pref_label = jsonb_build_object('fr', $1::text), version = version + 1 WHERE code = $2`, [
              `Libellé ${code} numéro ${round}`,
              code,
            ]);
            await db.query(conceptChange(code, 'UPDATE'));
            await db.query('COMMIT');
            await db.end();
          }
          await new Promise((resolve) => setTimeout(resolve, 300));
        }
        await untilChangesReadable(t.databaseUrl);
        for (let i = 0; i < 120 && (await checkpoints.lagSeconds(index)) > 0; i++) await new Promise((r) => setTimeout(r, 500));
        expect(await checkpoints.lagSeconds(index)).toBe(0);

        expect((await byCode(index, 'FIN-0007'))!.shown.prefLabel).toBe('Libellé FIN-0007 numéro 5');
        expect((await byCode(index, 'FIN-0008'))!.shown.prefLabel).toBe('Libellé FIN-0008 numéro 5');
        expect(await allDocuments(meili, index)).toHaveLength(await documentCount());
      }, 120_000);
    });
  });
}
