import { Client } from 'pg';
import { ChangeLogReader } from '@lexique/database';
import {
  IndexUnavailableError,
  MEILI_SETTINGS,
  MeiliIndexer,
  rebuildIndex,
  SearchCheckpointRepository,
  SearchDocumentSource,
} from '@lexique/search';
import { untilChangesReadable } from '../support/change-log';
import { FakeMeilisearch } from '../support/fake-meilisearch';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The Meilisearch indexer on the real change log, checkpoints and documents
 * of a seeded PostgreSQL, writing into an in-memory Meilisearch that can fail.
 */
describe('Meilisearch indexer (integration, real PostgreSQL, fake Meilisearch)', () => {
  let t: TestApp;
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
    t = await startTestApp();
    reader = t.app.get(ChangeLogReader);
    checkpoints = t.app.get(SearchCheckpointRepository);
    documents = t.app.get(SearchDocumentSource);
    sql = new Client({ connectionString: t.databaseUrl });
    await sql.connect();
  });
  afterAll(async () => {
    await sql.end();
    await t.close();
  });
  beforeEach(() => {
    sleeps.length = 0;
  });

  const indexer = (meili: FakeMeilisearch, index: string) => {
    const following = new MeiliIndexer(index, reader, checkpoints, documents, meili, options);
    return { catchUp: () => untilChangesReadable(t.databaseUrl).then(() => following.catchUp()) };
  };
  const documentCount = async () => Number((await sql.query(`SELECT count(*) FROM search_document`)).rows[0].count);
  const changeCount = async () => Number((await sql.query(`SELECT count(*) FROM change`)).rows[0].count);
  async function write(statements: string[]) {
    await sql.query('BEGIN');
    for (const statement of statements) await sql.query(statement);
    await sql.query('COMMIT');
  }
  const conceptChange = (code: string, action: string) =>
    `INSERT INTO change (principal, entity_type, entity_id, entity_key, domain_code, action)
     SELECT 'test', 'CONCEPT', id::text, code, domain_code, '${action}' FROM concept WHERE code = '${code}'`;

  it('follows the change log from the start in batches and records its checkpoint', async () => {
    const meili = new FakeMeilisearch();
    await meili.ensureIndex('first');
    expect(await checkpoints.lagSeconds('first')).toBeGreaterThan(0);
    await untilChangesReadable(t.databaseUrl);
    const report = await indexer(meili, 'first').catchUp();
    expect(report.changes).toBe(await changeCount());
    expect(report.batches).toBe(Math.ceil(report.changes / 100));
    expect(meili.documents('first')).toHaveLength(await documentCount());
    expect(await checkpoints.load('first')).toEqual(await reader.head().then((h) => ({ txid: h!.txid, seq: h!.seq })));
    expect(await checkpoints.lagSeconds('first')).toBe(0);

    const ifse = meili.documents('first').find((d) => d.code === 'RH-0021')!;
    expect(ifse).toMatchObject({ acronyms: ['IFSE'], domain: 'RH', status: 'PUBLISHED' });
    expect(ifse.legacyCodes).toContain('0412');
    expect(ifse.legacyReferences).toContain('SI-BDX-GRH 0412');
    expect(ifse.systems).toContain('SI-BDX-GRH');
    expect((await indexer(meili, 'first').catchUp()).changes).toBe(0);
  });

  it('retries a failing batch with exponential backoff', async () => {
    const meili = new FakeMeilisearch();
    await meili.ensureIndex('flaky');
    meili.failNext(3);
    await indexer(meili, 'flaky').catchUp();
    expect(sleeps).toEqual([50, 100, 200]);
    expect(meili.documents('flaky')).toHaveLength(await documentCount());
  });

  it('loses nothing through an outage: the checkpoint waits, then the index catches up', async () => {
    const meili = new FakeMeilisearch();
    await meili.ensureIndex('outage');
    await indexer(meili, 'outage').catchUp();
    const before = await checkpoints.load('outage');

    await write([
      `UPDATE concept SET pref_label = '{"fr": "Budget de la métropole"}', version = version + 1 WHERE code = 'FIN-0003'`,
      conceptChange('FIN-0003', 'UPDATE'),
    ]);
    await write([
      `DELETE FROM mapping WHERE system_code = 'SI-BDX-GRH' AND local_code = '0412'`,
      `INSERT INTO change (principal, entity_type, entity_id, entity_key, domain_code, action, before)
       VALUES ('test', 'MAPPING', '00000000-0000-4000-8000-000000000412', 'SI-BDX-GRH/0412', 'RH', 'DELETE', '{"concept": "RH-0021"}')`,
    ]);
    meili.failNext(100);
    await expect(indexer(meili, 'outage').catchUp()).rejects.toThrow(IndexUnavailableError);
    expect(sleeps).toEqual([50, 100, 200]);
    expect(await checkpoints.load('outage')).toEqual(before);
    expect(await checkpoints.lagSeconds('outage')).toBeGreaterThan(0);

    meili.failNext(0);
    const report = await indexer(meili, 'outage').catchUp();
    expect(report).toMatchObject({ changes: 2, upserted: 2, removed: 0 });
    const docs = meili.documents('outage');
    expect(docs.find((d) => d.code === 'FIN-0003')!.prefLabel).toBe('Budget de la métropole');
    expect(docs.find((d) => d.code === 'RH-0021')!.legacyCodes).not.toContain('0412');
  });

  it('removes the document of a deleted concept', async () => {
    const meili = new FakeMeilisearch();
    await meili.ensureIndex('removal');
    await write([
      `INSERT INTO concept (code, domain_code, status, pref_label) VALUES ('FIN-9100', 'FIN', 'PUBLISHED', '{"fr": "Éphémère"}')`,
      conceptChange('FIN-9100', 'CREATE'),
    ]);
    await indexer(meili, 'removal').catchUp();
    const id = meili.documents('removal').find((d) => d.code === 'FIN-9100')!.id;
    await write([
      `INSERT INTO change (principal, entity_type, entity_id, entity_key, domain_code, action) VALUES ('test', 'CONCEPT', '${id}', 'FIN-9100', 'FIN', 'DELETE')`,
      `DELETE FROM concept WHERE code = 'FIN-9100'`,
    ]);
    expect(await indexer(meili, 'removal').catchUp()).toMatchObject({ changes: 1, removed: 1 });
    expect(meili.documents('removal').some((d) => d.code === 'FIN-9100')).toBe(false);
  });

  it('rebuilds into a fresh index and swaps it in, then follows on from the head it read', async () => {
    const meili = new FakeMeilisearch();
    await meili.ensureIndex('live');
    await meili.upsert('live', [{ ...(await documents.allDocuments(1).next()).value![0], id: 'ghost', code: 'GHOST-1' }]);
    const sources = {
      head: () => reader.head().then((h) => (h ? { txid: h.txid, seq: h.seq } : null)),
      documents: () => documents.allDocuments(200),
      resetCheckpoint: (index: string, position: { txid: string; seq: string } | null) => checkpoints.reset(index, position),
    };
    await untilChangesReadable(t.databaseUrl);
    const report = await rebuildIndex(meili, 'live', sources, () => 42);
    expect(report.documents).toBe(await documentCount());
    expect(meili.documents('live').some((d) => d.id === 'ghost')).toBe(false);
    expect(meili.documents('live')).toHaveLength(await documentCount());
    expect(meili.settings.get('live_rebuild_42')).toBe(MEILI_SETTINGS); // the settings travelled with the swap's contents
    expect([...meili.indexes.keys()]).toEqual(['live']);
    const swapAt = meili.calls.indexOf('swap live live_rebuild_42');
    expect(meili.calls.slice(0, swapAt).filter((c) => c.startsWith('upsert live '))).toEqual(['upsert live 1']); // only the ghost
    expect(await checkpoints.load('live')).toEqual(await sources.head());
    expect((await indexer(meili, 'live').catchUp()).changes).toBe(0);

    // a rebuild that fails half-way leaves the live index as it was
    meili.failNext(0);
    const failing = new FakeMeilisearch();
    await failing.ensureIndex('live');
    await failing.upsert('live', meili.documents('live'));
    let pages = 0;
    const broken = {
      ...sources,
      async *documents() {
        for await (const page of documents.allDocuments(100)) {
          if (++pages === 3) throw new Error('PostgreSQL went away');
          yield page;
        }
      },
    };
    await expect(rebuildIndex(failing, 'live', broken, () => 43)).rejects.toThrow('went away');
    expect(failing.documents('live')).toHaveLength(await documentCount());
    expect([...failing.indexes.keys()]).toEqual(['live']);
  });

  it('starts again from a checkpoint a rebuild moved while a batch was in flight', async () => {
    const meili = new FakeMeilisearch();
    await meili.ensureIndex('raced');
    const head = await reader.head();
    let moved = false;
    const racing = {
      load: (index: string) => checkpoints.load(index),
      advance: async (index: string, expected: { txid: string; seq: string } | null, next: { txid: string; seq: string }) => {
        if (!moved) {
          moved = true;
          await checkpoints.reset(index, { txid: head!.txid, seq: head!.seq });
        }
        return checkpoints.advance(index, expected, next);
      },
    };
    await untilChangesReadable(t.databaseUrl);
    const report = await new MeiliIndexer('raced', reader, racing, documents, meili, options).catchUp();
    expect(report.changes).toBe(0); // the first batch lost the race; the reset said everything was in
    expect(await checkpoints.load('raced')).toEqual({ txid: head!.txid, seq: head!.seq });
  });
});
