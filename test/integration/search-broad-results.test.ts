import { Client } from 'pg';
import { Gql } from '@lexique/core';
import { MATCH_BOUND, SEARCH_ENGINE, SearchDocumentRefresher, SearchEngine, SearchQuery } from '@lexique/search';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The PostgreSQL engine on a dictionary larger than its counting bound: it
 * reads at most the bound's worth of matches, adds what the indexes find
 * directly (whole labels, labels starting with the query), and estimates the
 * total; below the bound it counts exactly.
 */
describe('PostgreSQL search beyond the counting bound (integration, real PostgreSQL)', () => {
  let t: TestApp;
  let engine: SearchEngine;
  let sql: Client;
  const codes = new Map<string, string>();
  const search = (text: string, extra: Partial<SearchQuery> = {}) =>
    engine.search({
      text,
      scope: { publicStatuses: ['PUBLISHED', 'DEPRECATED'], unpublishedStatuses: [], unpublishedDomains: [] },
      limit: 20,
      offset: 0,
      ...extra,
    });
  const codeOf = (conceptId: string) => codes.get(conceptId);

  const insert = (code: string, domain: string, label: string, definition: string) =>
    sql.query(
      `INSERT INTO concept (code, domain_code, status, pref_label, alt_labels, hidden_labels, acronyms, definition)
       VALUES ($1, $2, 'PUBLISHED', jsonb_build_object('fr', $3::text), '{"fr": []}', '{}', '{}', jsonb_build_object('fr', $4::text))`,
      [code, domain, label, definition],
    );

  beforeAll(async () => {
    t = await startTestApp();
    engine = t.app.get<SearchEngine>(SEARCH_ENGINE);
    sql = new Client({ connectionString: t.databaseUrl });
    await sql.connect();
    // many labels with a word starting with "xyl", none of them at the start of the label
    await sql.query(
      `INSERT INTO concept (code, domain_code, status, pref_label, alt_labels, hidden_labels, acronyms, definition)
       SELECT CASE WHEN n % 4 = 0 THEN 'RH-' ELSE 'FIN-' END || (8000 + n), CASE WHEN n % 4 = 0 THEN 'RH' ELSE 'FIN' END, 'PUBLISHED',
         jsonb_build_object('fr', 'Registre annexe xylvane ' || n), '{"fr": []}', '{}', '{}', '{"fr": ""}'
       FROM generate_series(1, $1::int) AS n`,
      [MATCH_BOUND + 300],
    );
    // written last, so read after the bound in the table's order
    await insert('FIN-9901', 'FIN', 'Xylophage travail', '');
    await insert('FIN-9902', 'FIN', 'Xylo', '');
    await insert('RH-9903', 'RH', 'Horaire variable', 'Plage où la présence est libre, dite zorglubienne.');
    await insert('RH-9904', 'RH', 'Zorglubienne', '');
    await insert('RH-9905', 'RH', 'Pointage', 'Relevé des heures zorglubiennes.');
    // the first statement's size left its documents to the refresher
    await t.app.get(SearchDocumentRefresher).catchUp();
    const { rows } = await sql.query(`SELECT id, code FROM concept`);
    for (const row of rows) codes.set(row.id, row.code);
  });
  afterAll(async () => {
    await sql.end();
    await t.close();
  });

  it('answers a short prefix with the labels starting with it first, and flags the total as an estimate', async () => {
    const result = await search('xyl');
    expect(result.totalIsEstimate).toBe(true);
    expect(result.total).toBeGreaterThan(MATCH_BOUND);
    expect(result.hits.slice(0, 2).map((hit) => codeOf(hit.conceptId))).toEqual(['FIN-9902', 'FIN-9901']);
    expect(result.hits.every((hit) => hit.matchedOn === Gql.MatchField.PREF_LABEL)).toBe(true);
    expect(result.facets.domains.map((facet) => facet.value).sort()).toEqual(['FIN', 'RH']);
    const sampled = result.facets.domains.reduce((sum, facet) => sum + facet.count, 0);
    expect(Math.abs(sampled - result.total)).toBeLessThanOrEqual(2);
  });

  it('still counts exactly, and finds the words only in definitions, below the bound', async () => {
    const result = await search('zorglubienne');
    expect(result.totalIsEstimate).toBe(false);
    expect(result.total).toBe(3);
    // singular and plural alike: the shorter definition first
    expect(result.hits.map((hit) => [codeOf(hit.conceptId), hit.matchedOn])).toEqual([
      ['RH-9904', Gql.MatchField.PREF_LABEL],
      ['RH-9905', Gql.MatchField.DEFINITION],
      ['RH-9903', Gql.MatchField.DEFINITION],
    ]);
  });

  it('narrows a broad prefix by another word in the labels, exactly', async () => {
    // 12, 120 to 129 and 1200 to 1299
    const result = await search('registre xylvane 12');
    expect(result.totalIsEstimate).toBe(false);
    expect(result.total).toBe(111);
    expect(result.hits.every((hit) => hit.matchedOn === Gql.MatchField.PREF_LABEL)).toBe(true);
  });
});
