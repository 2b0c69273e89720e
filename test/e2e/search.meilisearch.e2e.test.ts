import { MeiliIndexerRunner } from '@lexique/search';
import { untilChangesReadable } from '../support/change-log';
import { dropIndexes, meiliClient, meiliTarget, skipped, testIndex } from '../support/meilisearch';
import { startTestApp, TestApp } from '../support/test-app';
import { searchContract } from './search-contract';

/**
 * The same contract on a real Meilisearch (MEILI_HOST): the index is built
 * from the seeded PostgreSQL by the API's own indexer, then followed.
 */
const target = meiliTarget();
let t: TestApp;

if (!target) {
  skipped('Meilisearch contract suite', 'set MEILI_HOST (and MEILI_API_KEY) to run it against a Meilisearch server');
  describe.skip('search contract (meilisearch): skipped, MEILI_HOST is not set', () => {
    it('needs a Meilisearch server', () => undefined);
  });
} else {
  const index = testIndex('contract');
  beforeAll(async () => {
    t = await startTestApp({ env: { MEILI_HOST: target.host, MEILI_API_KEY: target.apiKey, MEILI_INDEX: index } });
    await untilChangesReadable(t.databaseUrl);
    await t.app.get(MeiliIndexerRunner).catchUp(); // builds the index: it has never been
  }, 300_000);
  afterAll(async () => {
    await t?.close();
    await dropIndexes(await meiliClient(target), index);
  });

  searchContract({
    engine: 'meilisearch',
    app: () => t,
    settle: async () => {
      await untilChangesReadable(t.databaseUrl);
      await t.app.get(MeiliIndexerRunner).catchUp();
    },
  });
}
