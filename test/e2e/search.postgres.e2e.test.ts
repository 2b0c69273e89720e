import { Client } from 'pg';
import { startTestApp, TestApp } from '../support/test-app';
import { searchContract } from './search-contract';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

searchContract({ engine: 'postgresql', app: () => t, settle: () => Promise.resolve() });

describe('search on PostgreSQL', () => {
  it('reports an indexing lag of zero in /metrics: documents are written with the data', async () => {
    const response = await t.http().get('/metrics');
    expect(response.text).toContain('lexique_search_index_lag_seconds{engine="postgresql"} 0');
  });

  it('holds one search document per concept, written by the seeders without search code', async () => {
    const client = new Client({ connectionString: t.databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT (SELECT count(*) FROM concept)::int AS concepts, (SELECT count(*) FROM search_document)::int AS documents,
           (SELECT count(*) FROM concept c JOIN search_document d ON d.concept_id = c.id AND d.code = c.code AND d.status = c.status)::int AS same`,
      );
      expect(rows[0].documents).toBe(rows[0].concepts);
      expect(rows[0].same).toBe(rows[0].concepts);
    } finally {
      await client.end();
    }
  });
});
