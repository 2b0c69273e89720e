import { Client } from 'pg';
import { Role } from '@lexique/core';
import { InterchangeFormat } from '@lexique/interchange';
import { bearer } from '../support/auth';
import { exportText, importText, steward } from '../support/interchange';
import { GraphQLResponse, startTestApp, TestApp } from '../support/test-app';

const UPDATE = `mutation($code: String!, $version: Int!, $input: UpdateConceptInput!) { updateConcept(code: $code, version: $version, input: $input) { version } }`;

/**
 * An import never overwrites an edit made while it ran, or since the file was
 * exported: it waits for the same locks as editing, reads under them, and
 * refuses the rows of a spreadsheet whose version is no longer current.
 */
describe('imports and concurrent edits (integration)', () => {
  let t: TestApp;
  let sql: Client;
  let alice: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp();
    sql = new Client({ connectionString: t.databaseUrl });
    await sql.connect();
    alice = await bearer({ name: 'alice', roles: [Role.STEWARD], domains: ['FIN'] });
  });
  afterAll(async () => {
    await sql.end();
    await t.close();
  });

  async function ok(query: string, variables: Record<string, unknown>): Promise<any> {
    const response: GraphQLResponse = await t.gql(query, variables, alice);
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    return Object.values(response.data!)[0];
  }

  it('refuses the rows of an exported spreadsheet edited in the dictionary since, naming them, and writes nothing', async () => {
    const exported = await exportText(t, InterchangeFormat.CONCEPTS_CSV, { domain: 'FIN' }, steward('bob', ['FIN']));
    const header = exported
      .replace(/^\uFEFF/, '')
      .split('\r\n')[0]
      .split(';');
    const lines = exported.split('\r\n');
    const at = lines.findIndex((line) => line.startsWith('FIN-0005;'));
    // someone edits FIN-0005 after the export (a published concept: the edit waits as its revision, and moves the version)
    const version = (await sql.query(`SELECT version FROM concept WHERE code = 'FIN-0005'`)).rows[0].version;
    await ok(UPDATE, { code: 'FIN-0005', version, input: { definition: { fr: 'Définition revue par Alice' } } });
    // the spreadsheet's author changes the same concept, and another, offline
    const edited = lines.map((line, i) => {
      if (i !== at && !line.startsWith('FIN-0007;')) return line;
      const cells = line.split(';');
      cells[header.indexOf('acronyms')] = 'DM';
      return cells.join(';');
    });
    const before = (await sql.query(`SELECT count(*)::int AS n FROM change`)).rows[0].n;
    const report = await importText(
      t,
      edited.join('\r\n'),
      { fileName: 'fin.csv', format: InterchangeFormat.CONCEPTS_CSV },
      steward('bob', ['FIN']),
    );
    expect(report.applied).toBe(false);
    expect(report.problems).toEqual([
      expect.objectContaining({ line: at + 1, field: 'version', reason: 'STALE_VERSION', values: { currentVersion: version + 1 } }),
    ]);
    expect(report.outcomes.find((row) => row.key === 'FIN-0005')).toMatchObject({ outcome: 'REFUSED', reasons: ['STALE_VERSION'] });
    expect((await sql.query(`SELECT count(*)::int AS n FROM change`)).rows[0].n).toBe(before);
  });

  it('lets an import and an edit of the same concept take turns on its domain, each building on the other', async () => {
    const created = await ok(
      `mutation { createConcept(input: { domain: "FIN", code: "FIN-0970", prefLabel: { fr: "Provision concurrente" } }) { version } }`,
      {},
    );
    // another writer holds the domain: both the import and the edit must wait for it, then for each other
    const holder = new Client({ connectionString: t.databaseUrl });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query(`SELECT code FROM domain WHERE code = 'FIN' FOR UPDATE`);
    const imported = importText(
      t,
      'code;domain;acronyms\nFIN-0970;FIN;PC\n',
      { fileName: 'sigles.csv', format: InterchangeFormat.CONCEPTS_CSV },
      steward('bob', ['FIN']),
    );
    const edited = t.gql(
      UPDATE,
      { code: 'FIN-0970', version: created.version, input: { definition: { fr: 'Écrite pendant l’import' } } },
      alice,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const waiting = await sql.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    expect(waiting.rows[0].n).toBeGreaterThanOrEqual(1);
    await holder.query('COMMIT');
    await holder.end();
    const [report, edit] = await Promise.all([imported, edited]);
    expect(report).toMatchObject({ applied: true, problems: [] });
    // the edit went first or second, never lost: either it succeeded, or it found the import's version and was told so
    const { rows } = await sql.query(`SELECT acronyms, definition->>'fr' AS definition FROM concept WHERE code = 'FIN-0970'`);
    if (edit.errors) {
      expect(edit.errors[0].extensions).toMatchObject({ reason: 'STALE_VERSION' });
      expect(rows[0]).toEqual({ acronyms: ['PC'], definition: null });
    } else {
      expect(rows[0]).toEqual({ acronyms: ['PC'], definition: 'Écrite pendant l’import' });
    }
    // each change row starts where the previous one ended: nothing vanished from the history
    const history = (await sql.query(`SELECT before, after FROM change WHERE entity_key = 'FIN-0970' ORDER BY seq`)).rows;
    for (let i = 1; i < history.length; i++) expect(history[i].before).toEqual(history[i - 1].after);
  });
});
