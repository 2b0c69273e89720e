import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { runCli } from '../../support/cli';

/** Changes the index has not taken in yet (all of them while it has never been built). */
async function pending(databaseUrl: string, index: string): Promise<number> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query<{ pending: number; built: boolean }>(
      `SELECT (SELECT count(*) FROM change c WHERE NOT EXISTS (SELECT 1 FROM search_checkpoint k
                WHERE k.index_name = $1 AND (c.txid, c.seq) <= (k.txid, k.seq)))::int AS pending,
              EXISTS (SELECT 1 FROM search_checkpoint WHERE index_name = $1) AS built`,
      [index],
    );
    return rows[0].built ? rows[0].pending : Number.POSITIVE_INFINITY;
  } finally {
    await db.end();
  }
}

/** Waits until the index holds every change of the log; resolves to the seconds waited. */
export async function untilIndexed(databaseUrl: string, index: string, timeoutSeconds = 3 * 3600): Promise<number> {
  const started = Date.now();
  while ((await pending(databaseUrl, index)) > 0) {
    if (Date.now() - started > timeoutSeconds * 1000) throw new Error(`index ${index} still behind after ${timeoutSeconds} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return (Date.now() - started) / 1000;
}

/**
 * Imports new definitions for the given concepts with the CLI (one change
 * row each, in one transaction), into DATABASE_URL's database; resolves to
 * the import's seconds.
 */
export async function importChanges(databaseUrl: string, codes: string[], log: (line: string) => void): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lexique-bench-changes-'));
  const file = path.join(dir, `changes-${codes.length}.csv`);
  const stamp = Date.now();
  fs.writeFileSync(
    file,
    'code;domain;definition@fr\n' +
      codes
        .map((code) => `${code};${code.slice(0, code.indexOf('-'))};Définition revue le ${stamp} pour mesurer le suivi de l'index.`)
        .join('\n') +
      '\n',
  );
  const previous = process.env.DATABASE_URL;
  process.env.DATABASE_URL = databaseUrl;
  try {
    const output: string[] = [];
    const started = Date.now();
    const status = await runCli(['import', file], (line) => output.push(line));
    if (status !== 0) throw new Error(`lexique import ${file} failed: ${output.join('\n')}`);
    const seconds = (Date.now() - started) / 1000;
    log(`  imported ${codes.length} concept changes in ${seconds.toFixed(1)} s`);
    return seconds;
  } finally {
    if (previous === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previous;
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The documents of a Meilisearch index, and its removal after the run. */
export async function indexDocuments(meili: { host: string; apiKey: string }, index: string): Promise<number> {
  const response = await fetch(`${meili.host}/indexes/${index}/stats`, { headers: { authorization: `Bearer ${meili.apiKey}` } });
  return ((await response.json()) as { numberOfDocuments: number }).numberOfDocuments;
}

export async function dropIndex(meili: { host: string; apiKey: string }, index: string): Promise<void> {
  await fetch(`${meili.host}/indexes/${index}`, { method: 'DELETE', headers: { authorization: `Bearer ${meili.apiKey}` } });
}
