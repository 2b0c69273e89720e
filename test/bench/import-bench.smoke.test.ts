import { Client } from 'pg';
import { createTestDatabase, dropTestDatabase } from '../support/test-server';
import { runImportBench } from './import-bench';

/** The benchmark at a small scale, so that `npm test` keeps it (and the CLI's import command) working. */
describe('import benchmark (smoke run through the CLI)', () => {
  it('generates the files and imports every row', async () => {
    const url = await createTestDatabase();
    const previous = process.env.DATABASE_URL;
    process.env.DATABASE_URL = url;
    try {
      const results = await runImportBench({ concepts: 500, mappings: 2000 }, () => undefined);
      expect(results.map((r) => [r.file, r.rows])).toEqual([
        ['concepts-500.csv', 500],
        ['mappings-2000.sssom.tsv', 2000],
      ]);
      expect(results[1].output.at(-1)).toContain('mappings: 2000 created, 0 updated, 0 unchanged');
      const sql = new Client({ connectionString: url });
      await sql.connect();
      const { rows } = await sql.query(
        `SELECT (SELECT count(*) FROM concept)::int AS concepts, (SELECT count(*) FROM mapping)::int AS mappings,
           (SELECT count(*) FROM concept_broader)::int > 0 AS hierarchy, (SELECT count(DISTINCT principal) FROM change)::int AS principals`,
      );
      await sql.end();
      expect(rows).toEqual([{ concepts: 500, mappings: 2000, hierarchy: true, principals: 1 }]);
    } finally {
      if (previous === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = previous;
      await dropTestDatabase(url);
    }
  });
});
