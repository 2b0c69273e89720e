import { Client, DatabaseError } from 'pg';
import { createTestDatabase, dropTestDatabase } from '../support/test-server';

/**
 * What the database itself guarantees about a mapping's references, for a
 * write that bypassed the writer (integration, real PostgreSQL): checked
 * once per statement instead of by per-row foreign keys (migration
 * MappingBulkWrites), with the same error and the same locking as a
 * foreign key. Raw SQL on purpose: the writer never sends these rows.
 */
describe('mapping references (integration, real PostgreSQL)', () => {
  let url: string;
  let db: Client;
  let kept: string;
  let spare: string;

  const connect = async () => {
    const client = new Client({ connectionString: url });
    await client.connect();
    return client;
  };
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error('the statement was accepted');
      },
      (error: DatabaseError) => ({ code: error.code, constraint: error.constraint, detail: error.detail }),
    );
  const insertMapping = (client: Client, system: string, code: string, concept: string | null) =>
    client.query(
      `INSERT INTO mapping (system_code, local_code, concept_id, relation) VALUES ($1, $2, $3, CASE WHEN $3::uuid IS NULL THEN 'UNMAPPED' ELSE 'EXACT' END)
       RETURNING id`,
      [system, code, concept],
    );
  const addConcept = async (code: string) =>
    (
      await db.query(`INSERT INTO concept (code, domain_code, status, pref_label) VALUES ($1, 'REF', 'PUBLISHED', $2) RETURNING id`, [
        code,
        { fr: `Notion ${code}` },
      ])
    ).rows[0].id as string;

  beforeAll(async () => {
    url = await createTestDatabase();
    db = await connect();
    await db.query(`INSERT INTO domain (code, label, requires_review) VALUES ('REF', '{"fr": "Références"}', false)`);
    await db.query(
      `INSERT INTO information_system (code, name, kind, owner_code, owner_name, status)
       VALUES ('SI-REF', 'Système de référence', 'REF', '243300316', 'Bordeaux Métropole', 'ACTIVE'),
              ('SI-LIBRE', 'Système sans correspondance', 'REF', '243300316', 'Bordeaux Métropole', 'ACTIVE')`,
    );
    kept = await addConcept('REF-0001');
    spare = await addConcept('REF-0002');
    await insertMapping(db, 'SI-REF', 'A1', kept);
  });
  afterAll(async () => {
    await db.end();
    await dropTestDatabase(url);
  });

  it('refuses a mapping to a concept or a system that does not exist, as a foreign key would', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    expect(await refusal(insertMapping(db, 'SI-REF', 'B1', missing))).toEqual({
      code: '23503',
      constraint: 'mapping_concept_id_fkey',
      detail: `Key (concept_id)=(${missing}) is not present in table "concept".`,
    });
    expect(await refusal(insertMapping(db, 'SI-ABSENT', 'B1', kept))).toMatchObject({
      code: '23503',
      constraint: 'mapping_system_code_fkey',
    });
    expect(await refusal(db.query(`UPDATE mapping SET concept_id = $1 WHERE local_code = 'A1'`, [missing]))).toMatchObject({
      code: '23503',
      constraint: 'mapping_concept_id_fkey',
    });
    // one bad row among many refuses the whole statement
    expect(
      await refusal(
        db.query(
          `INSERT INTO mapping (system_code, local_code, concept_id, relation)
           SELECT 'SI-REF', 'C' || i, CASE WHEN i = 500 THEN $2::uuid ELSE $1::uuid END, 'EXACT' FROM generate_series(1, 1000) i`,
          [kept, missing],
        ),
      ),
    ).toMatchObject({ code: '23503', constraint: 'mapping_concept_id_fkey' });
    const { rows } = await db.query(`SELECT local_code, concept_id FROM mapping ORDER BY local_code`);
    expect(rows).toEqual([{ local_code: 'A1', concept_id: kept }]);
  });

  it('refuses to delete a concept or a system a mapping points to, and deletes one nothing points to', async () => {
    expect(await refusal(db.query(`DELETE FROM concept WHERE id = $1`, [kept]))).toMatchObject({
      code: '23503',
      constraint: 'mapping_concept_id_fkey',
    });
    expect(await refusal(db.query(`DELETE FROM information_system WHERE code = 'SI-REF'`))).toMatchObject({
      code: '23503',
      constraint: 'mapping_system_code_fkey',
    });
    expect(await refusal(db.query(`UPDATE concept SET id = gen_random_uuid() WHERE id = $1`, [kept]))).toMatchObject({ code: '23503' });
    await db.query(`DELETE FROM information_system WHERE code = 'SI-LIBRE'`);
    const unused = await addConcept('REF-0009');
    await db.query(`DELETE FROM concept WHERE id = $1`, [unused]);
    expect((await db.query(`SELECT count(*)::int AS n FROM concept WHERE id = $1`, [unused])).rows[0].n).toBe(0);
  });

  it("carries a system's mappings to its new code", async () => {
    await db.query(`UPDATE information_system SET code = 'SI-REF-2' WHERE code = 'SI-REF'`);
    expect((await db.query(`SELECT system_code FROM mapping WHERE local_code = 'A1'`)).rows).toEqual([{ system_code: 'SI-REF-2' }]);
    await db.query(`UPDATE information_system SET code = 'SI-REF' WHERE code = 'SI-REF-2'`);
  });

  it('a concept deleted while a mapping to it is being written: whichever commits first, no mapping points to nothing', async () => {
    // the mapping first: the deletion waits for it, then is refused
    const writer = await connect();
    const deleter = await connect();
    try {
      await writer.query('BEGIN');
      await insertMapping(writer, 'SI-REF', 'D1', spare);
      await deleter.query(`SET lock_timeout = '10s'`);
      const deletion = refusal(deleter.query(`DELETE FROM concept WHERE id = $1`, [spare]));
      await waitUntilBlocked(db, deleter);
      await writer.query('COMMIT');
      expect(await deletion).toMatchObject({ code: '23503', constraint: 'mapping_concept_id_fkey' });

      // the deletion first: the mapping waits for it, then is refused
      const doomed = await addConcept('REF-0003');
      await deleter.query('BEGIN');
      await deleter.query(`DELETE FROM concept WHERE id = $1`, [doomed]);
      await writer.query(`SET lock_timeout = '10s'`);
      const mapping = refusal(insertMapping(writer, 'SI-REF', 'D2', doomed));
      await waitUntilBlocked(db, writer);
      await deleter.query('COMMIT');
      expect(await mapping).toMatchObject({ code: '23503', constraint: 'mapping_concept_id_fkey' });
    } finally {
      await writer.end();
      await deleter.end();
    }
    const orphans =
      await db.query(`SELECT count(*)::int AS n FROM mapping m WHERE NOT EXISTS (SELECT 1 FROM concept c WHERE c.id = m.concept_id)
                                     AND m.concept_id IS NOT NULL`);
    expect(orphans.rows[0].n).toBe(0);
  });

  it('gives new mappings time-ordered ids, so that a large write appends to its indexes', async () => {
    const ids: string[] = [];
    for (const code of ['E1', 'E2', 'E3']) ids.push((await insertMapping(db, 'SI-REF', code, kept)).rows[0].id);
    const [{ version }] = (await db.query(`SELECT current_setting('server_version_num')::int AS version`)).rows;
    if (version >= 180000) {
      expect(ids.map((id) => id[14])).toEqual(['7', '7', '7']);
      expect([...ids].sort()).toEqual(ids);
    } else {
      expect(ids.map((id) => id[14])).toEqual(['4', '4', '4']);
    }
  });
});

/** Resolves once `client`'s backend waits for a lock. */
async function waitUntilBlocked(observer: Client, client: Client): Promise<void> {
  const pid = (client as unknown as { processID: number }).processID;
  for (let i = 0; i < 200; i++) {
    const { rows } = await observer.query(`SELECT wait_event_type FROM pg_stat_activity WHERE pid = $1`, [pid]);
    if (rows[0]?.wait_event_type === 'Lock') return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`backend ${pid} never waited for a lock`);
}
