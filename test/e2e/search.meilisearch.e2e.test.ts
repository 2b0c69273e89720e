import { MeiliIndexerRunner, MeiliReindexService } from '@lexique/search';
import { untilChangesReadable } from '../support/change-log';
import { startTestApp, TestApp } from '../support/test-app';
import { searchContract } from './search-contract';

/**
 * The same contract on Meilisearch. No Meilisearch server can run where this
 * project is built: the suite runs when MEILI_HOST points at one and says so
 * plainly otherwise.
 */
const host = process.env.MEILI_HOST;
let t: TestApp;

if (!host) {
  process.stdout.write(
    'Meilisearch contract suite SKIPPED: set MEILI_HOST (and MEILI_API_KEY if needed) to run it against a Meilisearch server.\n',
  );
  describe.skip('search contract (meilisearch): skipped, MEILI_HOST is not set', () => {
    it('needs a Meilisearch server', () => undefined);
  });
} else {
  beforeAll(async () => {
    const index = `lexique_test_${process.pid}_${Date.now()}`;
    t = await startTestApp({ env: { MEILI_HOST: host, MEILI_API_KEY: process.env.MEILI_API_KEY ?? '', MEILI_INDEX: index } });
    await untilChangesReadable(t.databaseUrl);
    await t.app.get(MeiliReindexService).rebuild();
  }, 120_000);
  afterAll(() => t?.close());

  searchContract({
    engine: 'meilisearch',
    app: () => t,
    settle: async () => {
      await untilChangesReadable(t.databaseUrl);
      await t.app.get(MeiliIndexerRunner).catchUp();
    },
  });
}
