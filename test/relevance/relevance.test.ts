import { MeiliIndexerRunner } from '@lexique/search';
import { untilChangesReadable } from '../support/change-log';
import { dropIndexes, meiliClient, meiliTarget, skipped, testIndex } from '../support/meilisearch';
import { startTestApp, TestApp } from '../support/test-app';
import { formatComparison, formatRelevance, labelledQueries, measureRelevance, RelevanceReport } from './relevance';

/** The floor every category must stay above, on every engine; `npm run relevance` prints the details. */
const RECALL_AT_1_FLOOR = 0.97;

/**
 * The labelled queries on both engines in one run: PostgreSQL always, and
 * Meilisearch when MEILI_HOST points at a server (the index built by the
 * API's own indexer from the same seeded dictionary).
 */
const target = meiliTarget();
if (!target) skipped('Relevance on Meilisearch', 'set MEILI_HOST (and MEILI_API_KEY) to measure it beside PostgreSQL');

describe('search relevance on the demo vocabulary', () => {
  const reports: RelevanceReport[] = [];
  afterAll(() => {
    if (reports.length > 1) process.stdout.write(formatComparison(reports) + '\n');
  });

  it('has labelled queries over every category agents type, and the ranking rules they rely on', () => {
    const queries = labelledQueries();
    expect(queries.length).toBeGreaterThanOrEqual(120);
    expect(new Set(queries.map((q) => q.category))).toEqual(
      new Set([
        'typo',
        'accents',
        'acronym',
        'synonym',
        'legacy_label',
        'legacy_code',
        'code',
        'english',
        'prefix',
        'singular_plural',
        'whole_label',
        'prefix_before_typo',
        'words_in_order',
      ]),
    );
  });

  const engines: [string, () => Promise<TestApp>, (t: TestApp) => Promise<void>][] = [
    ['postgresql', () => startTestApp(), () => Promise.resolve()],
  ];
  const index = testIndex('relevance');
  if (target) {
    engines.push([
      'meilisearch',
      () => startTestApp({ env: { MEILI_HOST: target.host, MEILI_API_KEY: target.apiKey, MEILI_INDEX: index } }),
      async (t) => {
        await untilChangesReadable(t.databaseUrl);
        await t.app.get(MeiliIndexerRunner).catchUp();
      },
    ]);
  }

  describe.each(engines)('on %s', (engine, start, settle) => {
    let t: TestApp;
    beforeAll(async () => {
      t = await start();
      await settle(t);
    }, 300_000);
    afterAll(async () => {
      await t?.close();
      if (target && engine === 'meilisearch') await dropIndexes(await meiliClient(target), index);
    });

    it(`puts the expected concept first in every category at least ${RECALL_AT_1_FLOOR * 100} % of the time`, async () => {
      const report = await measureRelevance(t);
      reports.push(report);
      process.stdout.write(formatRelevance(report) + '\n');
      expect(report.engine).toBe(engine);
      expect(report.categories.filter((c) => c.recallAt1 < RECALL_AT_1_FLOOR).map((c) => c.category)).toEqual([]);
    });
  });
});
