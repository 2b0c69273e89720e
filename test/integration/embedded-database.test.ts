import { Client } from 'pg';
import { createTestDatabase, dropTestDatabase } from '../support/test-server';

/**
 * The cluster the embedded server creates (integration, real PostgreSQL; the
 * test server is one unless DATABASE_URL names another): PostgreSQL's own
 * C.UTF-8, which compares text byte by byte where the C library's locale of
 * the same name calls strcoll, for the same order and the same case mapping.
 */
(process.env.DATABASE_URL ? describe.skip : describe)('the embedded PostgreSQL cluster (integration)', () => {
  let url: string;
  let db: Client;

  beforeAll(async () => {
    url = await createTestDatabase();
    db = new Client({ connectionString: url });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await dropTestDatabase(url);
  });

  it("uses PostgreSQL's builtin C.UTF-8 locale", async () => {
    const { rows } = await db.query(
      `SELECT datlocprovider AS provider, datlocale AS locale, pg_encoding_to_char(encoding) AS encoding
       FROM pg_database WHERE datname = current_database()`,
    );
    expect(rows).toEqual([{ provider: 'b', locale: 'C.UTF-8', encoding: 'UTF8' }]);
  });

  it('sorts by code point and maps the case of accented letters, as the C library locale did', async () => {
    const { rows } = await db.query(
      `SELECT array_agg(w ORDER BY w) AS sorted, lower('ÉCOLE DES ŒUVRES') AS lowered, upper('crèche') AS uppered
       FROM unnest(ARRAY['école', 'Zone', 'eau', 'Éclairage', 'zèbre']) AS w`,
    );
    expect(rows[0]).toEqual({
      sorted: ['Zone', 'eau', 'zèbre', 'Éclairage', 'école'],
      lowered: 'école des œuvres',
      uppered: 'CRÈCHE',
    });
  });
});
