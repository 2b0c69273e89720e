import { startTestApp, TestApp } from '../support/test-app';
import { formatRelevance, labelledQueries, measureRelevance } from './relevance';

/** The floor the labelled queries must stay above; `npm run relevance` prints the details. */
const RECALL_AT_3_FLOOR = 0.9;

describe('search relevance on the demo vocabulary', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('has at least 60 labelled queries over every category agents type', () => {
    const queries = labelledQueries();
    expect(queries.length).toBeGreaterThanOrEqual(60);
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

  it(`keeps recall@3 at or above ${RECALL_AT_3_FLOOR}`, async () => {
    const report = await measureRelevance(t);
    process.stdout.write(formatRelevance(report) + '\n');
    expect(report.overall.recallAt3).toBeGreaterThanOrEqual(RECALL_AT_3_FLOOR);
  });
});
