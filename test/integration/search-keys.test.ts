import { Client } from 'pg';
import { searchKey } from '@lexique/search';
import { createTestDatabase, dropTestDatabase } from '../support/test-server';

/**
 * A query and a document are compared whole by their keys: the query's is
 * made in TypeScript (searchKey), the documents' in SQL (search_keys, by the
 * search migration). They must agree, or a label typed exactly would not be
 * found equal.
 */
describe('search keys: TypeScript and SQL fold texts alike', () => {
  let url: string;
  let sql: Client;
  beforeAll(async () => {
    url = await createTestDatabase();
    sql = new Client({ connectionString: url });
    await sql.connect();
  });
  afterAll(async () => {
    await sql.end();
    await dropTestDatabase(url);
  });

  it.each([
    'Marchés publics',
    "Régie d'avances",
    "Séance de l'organe délibérant",
    'Œuvres sociales',
    "Crit'Air",
    'EMC²',
    'PLURI.CP',
    'REM-IFSE',
    'FIN-0034',
    'Bus',
    'Prix',
    'Indemnités kilométriques',
    '  Saint-Médard-en-Jalles  ',
    'Catégorie A',
    'ÆON Ærodrome',
    'Vélos en libre-service',
  ])('%s', async (text) => {
    const { rows } = await sql.query<{ keys: string[] }>(`SELECT search_keys(ARRAY[$1]) AS keys`, [text]);
    expect(rows[0].keys).toEqual([searchKey(text)]);
  });
});
