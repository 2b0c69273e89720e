import { DataSource } from 'typeorm';
import { SearchDocumentRefresher } from '@lexique/search';
import { MAPPING_MUTATIONS } from '../support/mapping-editing';
import { apiWithCallers } from '../support/callers';
import { ok, onlyError } from '../support/stewardship';

const item = (localCode: string, mapping: Record<string, unknown> = {}, version?: number) => ({
  mapping: { system: 'SI-MUT-FIN', localCode, relation: 'EXACT', concept: 'FIN-0001', justification: 'semapv:MappingImport', ...mapping },
  version,
});

describe('bulk mapping upsert (e2e)', () => {
  const { t, who } = apiWithCallers();
  let db: DataSource;
  beforeAll(async () => {
    db = t.app.get(DataSource);
    // only the calls' own statements are counted: the background refresh of search documents stopped
    await t.app.get(SearchDocumentRefresher).onApplicationShutdown();
  });

  const count = async (sql: string) => (await db.query<{ n: number }[]>(sql))[0].n;
  const bulkRows = () => count(`SELECT count(*)::int AS n FROM mapping WHERE system_code = 'SI-MUT-FIN' AND local_code LIKE 'XB%'`);
  const bulkChanges = () =>
    count(`SELECT count(*)::int AS n FROM change WHERE entity_type = 'MAPPING' AND entity_key LIKE 'SI-MUT-FIN/XB%'`);

  it('writes 10,000 mappings in one call, in a few statements, with one change row each', async () => {
    const inputs = Array.from({ length: 10_000 }, (_, i) => item(`XB${String(i).padStart(5, '0')}`));
    const statements = t.queryCount();
    const result = await ok(t, MAPPING_MUTATIONS.upsertMany, { inputs, reason: 'import SI-MUT-FIN' }, who.steward);
    expect(result).toEqual({ applied: true, created: 10_000, updated: 0, proposed: 0, unchanged: 0, errors: [] });
    expect(t.queryCount() - statements).toBeLessThan(30);
    expect(await bulkRows()).toBe(10_000);
    expect(await bulkChanges()).toBe(10_000);
    const [row] = await db.query(
      `SELECT status, author, justification FROM mapping WHERE system_code = 'SI-MUT-FIN' AND local_code = 'XB00042'`,
    );
    expect(row).toEqual({ status: 'DRAFT', author: 'user:alice', justification: 'semapv:MappingImport' });

    // the same batch again changes nothing; updates name their version
    const again = await ok(t, MAPPING_MUTATIONS.upsertMany, { inputs: inputs.slice(0, 3).map((i) => ({ ...i, version: 1 })) }, who.steward);
    expect(again).toMatchObject({ applied: true, unchanged: 3, created: 0 });
  });

  it('applies nothing when one item is refused, and reports each refused item with its index and field', async () => {
    const rowsBefore = await bulkRows();
    const changesBefore = await bulkChanges();
    const inputs = [
      item('XC1'),
      item('XC2', { concept: 'FIN-9999' }),
      item('XC3', { validFrom: '2026-01-01', validTo: '2025-01-01' }),
      item('XB00001', { note: 'sans version' }),
      item('XB00002', { note: 'version périmée' }, 7),
      item('XC1'),
    ];
    const result = await ok(t, MAPPING_MUTATIONS.upsertMany, { inputs }, who.steward);
    expect(result.applied).toBe(false);
    expect(result.created).toBe(0);
    expect(result.errors.map((e: any) => [e.index, e.code, e.field, e.currentVersion])).toEqual([
      [1, 'BAD_USER_INPUT', 'inputs[1].mapping.concept', null],
      [2, 'BAD_USER_INPUT', 'inputs[2].mapping.validTo', null],
      [3, 'CONFLICT', 'inputs[3].mapping.localCode', 1],
      [4, 'CONFLICT', 'inputs[4].version', 1],
      [5, 'BAD_USER_INPUT', 'inputs[5].mapping.localCode', null],
    ]);
    expect(await count(`SELECT count(*)::int AS n FROM mapping WHERE local_code LIKE 'XC%' AND system_code = 'SI-MUT-FIN'`)).toBe(0);
    expect(await bulkRows()).toBe(rowsBefore);
    expect(await bulkChanges()).toBe(changesBefore);
  });

  it('turns bulk edits of published mappings into pending revisions that translation does not see', async () => {
    const edits = ['1.4', '1.5'].map((localCode) => ({
      mapping: { system: 'SI-MER-FIN', localCode, relation: 'RELATED', concept: 'FIN-0001' },
      version: 1,
    }));
    expect(await ok(t, MAPPING_MUTATIONS.upsertMany, { inputs: edits, reason: 'revue' }, who.steward)).toMatchObject({
      applied: true,
      proposed: 2,
      created: 0,
    });
    const { data } = await t.gql(
      `{ translateBatch(system: "SI-MER-FIN", codes: ["1.4", "1.5"]) { relation concept { code } } }`,
      {},
      who.reader,
    );
    expect(data!.translateBatch).toEqual([
      { relation: 'EXACT', concept: { code: 'FIN-0007' } },
      { relation: 'EXACT', concept: { code: 'FIN-0008' } },
    ]);
    expect(
      await count(`SELECT count(*)::int AS n FROM revision r JOIN mapping m ON m.id = r.entity_id
                   WHERE r.status = 'PENDING' AND m.system_code = 'SI-MER-FIN' AND m.local_code IN ('1.4', '1.5')`),
    ).toBe(2);
  });

  it('refuses more than 10,000 items on inputs, and a caller outside the domain as a whole', async () => {
    const inputs = Array.from({ length: 10_001 }, (_, i) => item(`XD${i}`));
    expect(onlyError(await t.gql(MAPPING_MUTATIONS.upsertMany, { inputs }, who.steward)).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'inputs',
    });
    expect(onlyError(await t.gql(MAPPING_MUTATIONS.upsertMany, { inputs: [item('XE1')] }, who.otherSteward)).extensions!.code).toBe(
      'FORBIDDEN',
    );
    expect(await count(`SELECT count(*)::int AS n FROM mapping WHERE local_code ~ '^X[DE]' AND system_code = 'SI-MUT-FIN'`)).toBe(0);
  });
});
