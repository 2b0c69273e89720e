import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { runCli } from '../support/cli';
import { createTestDatabase, dropTestDatabase } from '../support/test-server';
import { runImportBench } from './import-bench';
import { lexiqueInThisProcess } from './lexique-command';

/** The benchmark at a small scale, so that `npm test` keeps it (and the CLI's import command) working. */
describe('import benchmark (smoke run through the CLI)', () => {
  it('generates the files and imports every row', async () => {
    const url = await createTestDatabase();
    const previous = process.env.DATABASE_URL;
    process.env.DATABASE_URL = url;
    try {
      const results = await runImportBench({ concepts: 500, mappings: 2000 }, () => undefined, lexiqueInThisProcess);
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

      // the export command, then a dry run of importing its file back: nothing would change
      const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lexique-cli-')), 'SI-BENCH-03.sssom.tsv');
      const printed: string[] = [];
      expect(await runCli(['export', '--system', 'SI-BENCH-03', '--out', out], (line) => printed.push(line))).toBe(0);
      expect(
        fs
          .readFileSync(out, 'utf8')
          .split('\n')
          .filter((line) => line.startsWith('bench03:')),
      ).toHaveLength(100);
      expect(await runCli(['import', out, '--dry-run'], (line) => printed.push(line))).toBe(0);
      expect(printed.at(-1)).toBe('Dry run, nothing written. Would be: 100 rows read; mappings: 0 created, 0 updated, 100 unchanged.');
      fs.writeFileSync(out, 'subject_id\tpredicate_id\tobject_id\nbench03:X\tskos:exactMatch\tbmc:NOPE-1\n');
      expect(await runCli(['import', out], (line) => printed.push(line))).toBe(1);
      expect(printed.slice(-2)).toEqual([
        'line 2, subject_id: "bench03:X" is not a local code of a system (its prefix must map to https://vocabulaire.bordeaux-metropole.example/system/<system>/code/ in curie_map)',
        '1 problem(s): nothing imported. Would have been: 0 rows read; nothing to import.',
      ]);
      process.exitCode = undefined;
      fs.rmSync(path.dirname(out), { recursive: true, force: true });
    } finally {
      if (previous === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = previous;
      await dropTestDatabase(url);
    }
  });
});
