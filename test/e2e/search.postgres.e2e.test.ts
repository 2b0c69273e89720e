import { Client } from 'pg';
import { MATCH_BOUND, SearchDocumentRefresher } from '@lexique/search';
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

  it('estimates a result too broad to count, and still finds the label typed in full', async () => {
    const client = new Client({ connectionString: t.databaseUrl });
    await client.connect();
    try {
      // a broad prefix, then the one concept whose label is the whole query, written last (read last)
      await client.query(
        `INSERT INTO concept (code, domain_code, status, pref_label, alt_labels, hidden_labels, acronyms, definition)
         SELECT CASE WHEN n % 4 = 0 THEN 'RH-' ELSE 'FIN-' END || (5000 + n), CASE WHEN n % 4 = 0 THEN 'RH' ELSE 'FIN' END, 'PUBLISHED',
           jsonb_build_object('fr', 'Zéphyrine numéro ' || n), '{"fr": []}', '{}', '{}', '{"fr": ""}'
         FROM generate_series(1, $1::int) AS n`,
        [MATCH_BOUND + 200],
      );
      await client.query(
        `INSERT INTO concept (code, domain_code, status, pref_label, alt_labels, hidden_labels, acronyms, definition)
         VALUES ('FIN-7999', 'FIN', 'PUBLISHED', '{"fr": "Zéphyr"}', '{"fr": []}', '{}', '{}', '{"fr": ""}')`,
      );
    } finally {
      await client.end();
    }
    // a statement of that size leaves its documents to the refresher
    await t.app.get(SearchDocumentRefresher).catchUp();
    const query = `query Search($q: String!) {
      search(query: $q) { total totalIsEstimate hits { concept { code } } facets { domains { value count } } } }`;
    const broad = (await t.gql(query, { q: 'zeph' })).data!.search;
    expect(broad.totalIsEstimate).toBe(true);
    expect(broad.total).toBeGreaterThan(MATCH_BOUND);
    expect(broad.hits[0].concept.code).toBe('FIN-7999');
    expect(broad.facets.domains.map((f: { value: string }) => f.value).sort()).toEqual(['FIN', 'RH']);
    const whole = (await t.gql(query, { q: 'zephyr' })).data!.search;
    expect(whole.hits[0].concept.code).toBe('FIN-7999');

    const narrow = (await t.gql(query, { q: 'zephyrine numero 12' })).data!.search;
    expect(narrow.totalIsEstimate).toBe(false);
    expect(narrow.hits[0].concept.code).toBe('RH-5012');
  });
});
