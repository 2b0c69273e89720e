import type { Meilisearch } from 'meilisearch';
import { DataSource } from 'typeorm';
import { MeiliIndexerRunner, SearchCheckpointRepository, SearchIndexLock } from '@lexique/search';
import { untilChangesReadable } from '../support/change-log';
import { allDocuments, dropIndexes, meiliClient, meiliTarget, skipped, testIndex } from '../support/meilisearch';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * One round of indexing at a time (SearchIndexLock): a forced round (`lexique
 * reindex`, a catch-up) asked while another process's round runs waits for
 * that round to end, however much longer than the pool's lock timeout it
 * takes, and gives up only past its own bound.
 */
const target = meiliTarget();
if (!target)
  skipped('The forced round of the Meilisearch indexer', 'set MEILI_HOST (and MEILI_API_KEY) to run it against a Meilisearch server');

// a lock timeout far shorter than a round: the wait for a round must not be bound by it
const SHORT_LOCK_TIMEOUT = { DATABASE_LOCK_TIMEOUT: '100ms' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the search index lock (integration, real PostgreSQL)', () => {
  let t: TestApp;
  let lock: SearchIndexLock;
  beforeAll(async () => {
    t = await startTestApp({ env: SHORT_LOCK_TIMEOUT });
    lock = t.app.get(SearchIndexLock);
  });
  afterAll(() => t?.close());

  /** A round of another process on `index`, holding the lock until it is ended. */
  async function runningRound(index: string) {
    let end!: () => void;
    let started!: () => void;
    const holding = new Promise<void>((resolve) => (started = resolve));
    const round = lock.holding(index, 0, () => {
      started();
      return new Promise<void>((resolve) => (end = resolve));
    });
    await holding;
    return { end: () => (end(), round) };
  }

  /** What `work` under the lock came to, without leaving a rejection unhandled while the test waits. */
  const outcome = <T>(promise: Promise<T>) =>
    promise.then(
      (value) => ({ value }),
      (error: Error) => ({ error }),
    );

  it('runs a round that waits once the running one ends, after many times the lock timeout', async () => {
    const index = testIndex('lock_wait');
    const events: string[] = [];
    const other = await runningRound(index);
    let settled = false;
    const forced = outcome(lock.holding(index, 60_000, () => Promise.resolve(events.push('forced round')))).finally(() => (settled = true));

    await sleep(1500); // fifteen times the lock timeout
    expect(settled).toBe(false);
    events.push('other round ended');
    await other.end();
    expect(await forced).toEqual({ value: 2 });
    expect(events).toEqual(['other round ended', 'forced round']);
  });

  it('skips a round that does not wait while another runs, and gives up waiting past the bound asked, with its reason', async () => {
    const index = testIndex('lock_bound');
    const other = await runningRound(index);
    let ran = false;
    expect(await lock.holding(index, 0, () => Promise.resolve((ran = true)))).toBeNull();
    const { error } = (await outcome(lock.holding(index, 500, () => Promise.resolve((ran = true))))) as { error: Error };
    expect(error.message).toBe(`The index ${index} stayed busy with another round for 0.5 s: nothing was done, try again later`);
    expect(ran).toBe(false);
    await other.end();
    expect(await lock.holding(index, 0, () => Promise.resolve('free again'))).toBe('free again');
  });

  (target ? describe : describe.skip)('the API’s catch-up while another process indexes (real Meilisearch)', () => {
    const index = testIndex('lock_catch_up');
    let api: TestApp;
    let meili: Meilisearch;
    afterAll(async () => {
      await api?.close();
      if (meili) await dropIndexes(meili, index);
    });

    it('waits for the round running elsewhere, then leaves the index as PostgreSQL is', async () => {
      meili = await meiliClient(target!);
      // the other process's round holds the index from before this API starts: its own rounds skip meanwhile
      const other = await runningRound(index);
      api = await startTestApp({
        databaseUrl: t.databaseUrl,
        env: { ...SHORT_LOCK_TIMEOUT, MEILI_HOST: target!.host, MEILI_API_KEY: target!.apiKey, MEILI_INDEX: index },
      });
      await untilChangesReadable(t.databaseUrl);
      let settled = false;
      const catchUp = outcome(api.app.get(MeiliIndexerRunner).catchUp()).finally(() => (settled = true));

      await sleep(1500);
      expect(settled).toBe(false);
      await other.end();
      // a rebuild, or a catch-up after the API's own round rebuilt it first
      expect(await catchUp).toEqual({ value: expect.anything() });
      const [{ documents }] = await api.app.get(DataSource).query(`SELECT count(*)::int AS documents FROM search_document`);
      expect(await allDocuments(meili, index)).toHaveLength(documents);
      expect(await api.app.get(SearchCheckpointRepository).lagSeconds(index)).toBe(0);
    }, 120_000);
  });
});
