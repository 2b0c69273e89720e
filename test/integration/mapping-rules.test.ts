import { DataSource } from 'typeorm';
import { ImportReport, InterchangeFormat } from '@lexique/interchange';
import { exportText, importText, steward } from '../support/interchange';
import { freshCode, MAPPING_MUTATIONS } from '../support/mapping-editing';
import { apiWithCallers, Callers, Headers } from '../support/callers';
import { ok } from '../support/stewardship';
import { GraphQLResponse, TestApp } from '../support/test-app';

/**
 * Every rule of mappings through every door that can carry it, expecting the
 * same reason and field and nothing written: one row per rule, run through
 * upsertMapping, upsertMappings, a mappings CSV and an SSSOM file (a door
 * that cannot express a value, such as SSSOM's validity dates, is left out of
 * that row). Review rules go through submitMapping and approveMapping.
 */

type Door = 'upsertMapping' | 'upsertMappings' | 'mappingsCsv' | 'sssom';
const ALL: Door[] = ['upsertMapping', 'upsertMappings', 'mappingsCsv', 'sssom'];
const API_AND_CSV: Door[] = ['upsertMapping', 'upsertMappings', 'mappingsCsv'];
type Who = 'alice' | 'olga' | 'admin';
type Value = string | number | null;

interface Fixture {
  system: string;
  localCode: string;
  version?: number;
}

interface Rule {
  rule: string;
  reason: string;
  /** The field in the mapping (null: the rule names none); a door may place it elsewhere. */
  field: string | null;
  /** Where a door names the field differently. */
  fieldAt?: Partial<Record<Door, string | null>>;
  /** The mapping the door sends, over a fresh code of SI-MER-FIN mapped EXACT to FIN-0001. */
  mapping?: Record<string, Value>;
  /** Mappings the rule needs first, written by an admin; the write then names the code (and version) it returns. */
  setup?: (t: TestApp, who: Callers) => Promise<Fixture>;
  /** The version the write names (on the fixture's code). */
  version?: (fixture: Fixture) => number;
  as?: Who;
  doors: Door[];
}

const DRAFT = (t: TestApp, who: Callers, input: Record<string, unknown>): Promise<any> =>
  ok(
    t,
    MAPPING_MUTATIONS.upsert,
    { input: { system: 'SI-MER-FIN', localCode: freshCode(), relation: 'EXACT', concept: 'FIN-0001', ...input } },
    who.setup,
  );

const RULES: Rule[] = [
  { rule: 'an unknown system', reason: 'UNKNOWN_SYSTEM', field: 'system', mapping: { system: 'SI-NOPE' }, doors: ALL },
  { rule: 'an empty local code', reason: 'REQUIRED', field: 'localCode', mapping: { localCode: '  ' }, doors: API_AND_CSV },
  { rule: 'a local code over 100 characters', reason: 'TOO_LONG', field: 'localCode', mapping: { localCode: 'x'.repeat(101) }, doors: ALL },
  // the API's schema refuses an unknown relation before any resolver, SSSOM's reader an unknown predicate
  { rule: 'an unknown relation', reason: 'INVALID_VALUE', field: 'relation', mapping: { relation: 'SAME' }, doors: ['mappingsCsv'] },
  { rule: 'no concept for an EXACT relation', reason: 'REQUIRED', field: 'concept', mapping: { concept: null }, doors: API_AND_CSV },
  {
    rule: 'a concept with UNMAPPED',
    reason: 'CONCEPT_WITH_UNMAPPED',
    field: 'concept',
    mapping: { relation: 'UNMAPPED' },
    doors: API_AND_CSV,
  },
  { rule: 'an unknown concept', reason: 'UNKNOWN_CONCEPT', field: 'concept', mapping: { concept: 'FIN-9999' }, doors: ALL },
  { rule: 'a draft concept', reason: 'CONCEPT_NOT_PUBLISHED', field: 'concept', mapping: { concept: 'FIN-0059' }, doors: ALL },
  // the API's Date scalar refuses these two before the writer (BAD_USER_INPUT): files reach the writer's own check
  {
    rule: 'a 30th of February',
    reason: 'INVALID_FORMAT',
    field: 'validFrom',
    mapping: { validFrom: '2024-02-30' },
    doors: ['mappingsCsv'],
  },
  { rule: 'a 31st of February', reason: 'INVALID_FORMAT', field: 'validTo', mapping: { validTo: '2024-02-31' }, doors: ['mappingsCsv'] },
  { rule: 'year 0', reason: 'INVALID_FORMAT', field: 'validFrom', mapping: { validFrom: '0000-06-01' }, doors: API_AND_CSV },
  {
    rule: 'dates in the wrong order',
    reason: 'PERIOD_ORDER',
    field: 'validTo',
    mapping: { validFrom: '2026-01-01', validTo: '2025-01-01' },
    doors: API_AND_CSV,
  },
  {
    rule: 'a period overlapping another of the code',
    reason: 'PERIOD_OVERLAP',
    field: 'validFrom',
    setup: async (t, who) => DRAFT(t, who, { validFrom: '2020-01-01', validTo: '2022-01-01' }),
    mapping: { validFrom: '2021-01-01', relation: 'EXACT', concept: 'FIN-0006' },
    doors: API_AND_CSV,
  },
  {
    rule: 'a code of several periods without naming one',
    reason: 'PERIOD_AMBIGUOUS',
    field: 'validFrom',
    fieldAt: { upsertMapping: 'input.id' },
    setup: async (t, who) => {
      const first = await DRAFT(t, who, { validTo: '2020-01-01' });
      await DRAFT(t, who, { localCode: first.localCode, validFrom: '2020-01-01', concept: 'FIN-0006' });
      return first;
    },
    version: () => 1,
    mapping: { relation: 'EXACT', concept: 'FIN-0001', note: 'laquelle ?' },
    // a bulk item names its period by id like a single one; files by the start of the period, which SSSOM cannot give
    doors: ['upsertMapping', 'mappingsCsv', 'sssom'],
  },
  {
    rule: 'an unknown justification',
    reason: 'INVALID_VALUE',
    field: 'justification',
    mapping: { justification: 'semapv:Guesswork' },
    doors: ALL,
  },
  { rule: 'a confidence above 1', reason: 'INVALID_VALUE', field: 'confidence', mapping: { confidence: 1.5 }, doors: ALL },
  {
    rule: 'a mapping in a domain the writer does not steward',
    reason: 'NOT_STEWARD',
    field: 'concept',
    fieldAt: { upsertMappings: 'inputs[0]' },
    as: 'olga',
    doors: ALL,
  },
  {
    rule: "re-pointing another domain's draft mapping to one's own concept",
    reason: 'NOT_STEWARD',
    field: null,
    fieldAt: { upsertMappings: 'inputs[0]', mappingsCsv: 'row', sssom: 'row' },
    setup: async (t, who) => ({
      system: 'SI-MUT-RH',
      ...(await ok(
        t,
        MAPPING_MUTATIONS.upsert,
        { input: { system: 'SI-MUT-RH', localCode: freshCode(), relation: 'EXACT', concept: 'RH-0002' } },
        who.setup,
      )),
    }),
    version: (fixture) => fixture.version!,
    mapping: { concept: 'FIN-0001' },
    as: 'alice',
    doors: ALL,
  },
  {
    rule: 'a stale version',
    reason: 'STALE_VERSION',
    field: 'version',
    fieldAt: { upsertMappings: 'inputs[0].version' },
    setup: async (t, who) => {
      const created = await DRAFT(t, who, {});
      return ok(
        t,
        MAPPING_MUTATIONS.upsert,
        { input: { system: 'SI-MER-FIN', localCode: created.localCode, note: 'modifiée entre-temps' }, version: created.version },
        who.setup,
      );
    },
    version: (fixture) => fixture.version! - 1,
    mapping: { note: 'ma version' },
    // SSSOM carries no version
    doors: API_AND_CSV,
  },
];

const CSV_COLUMNS = [
  'system',
  'localCode',
  'localLabel',
  'relation',
  'concept',
  'note',
  'validFrom',
  'validTo',
  'justification',
  'confidence',
  'version',
];

describe('mapping rules at every door (integration, real PostgreSQL)', () => {
  const { t, who } = apiWithCallers();
  let db: DataSource;
  beforeAll(() => {
    db = t.app.get(DataSource);
  });

  const headers = (as: Who): Headers => ({ alice: who.steward, olga: who.otherSteward, admin: who.admin })[as];
  const principal = (as: Who) => (as === 'alice' ? steward('alice', ['FIN']) : as === 'olga' ? steward('olga', ['RH']) : undefined);
  const written = async () =>
    (
      await db.query(
        `SELECT (SELECT count(*) FROM mapping)::int AS mappings, (SELECT count(*) FROM change WHERE entity_type = 'MAPPING')::int AS changes,
           (SELECT count(*) FROM revision WHERE entity_type = 'MAPPING')::int AS revisions, (SELECT max(version) FROM mapping)::int AS versions`,
      )
    )[0];

  /** What a door answers about the write: the reason and field of its first problem. */
  async function send(
    door: Door,
    mapping: Record<string, Value>,
    version: number | undefined,
    as: Who,
  ): Promise<{ reason: unknown; field: unknown }> {
    const { system, localCode, ...fields } = mapping;
    switch (door) {
      case 'upsertMapping': {
        const response = await t.gql(MAPPING_MUTATIONS.upsert, { input: mapping, version }, headers(as));
        const [error] = response.errors ?? [];
        return { reason: error?.extensions?.reason, field: error?.extensions?.field ?? null };
      }
      case 'upsertMappings': {
        const response: GraphQLResponse = await t.gql(MAPPING_MUTATIONS.upsertMany, { inputs: [{ mapping, version }] }, headers(as));
        if (response.errors) return { reason: response.errors[0].extensions?.reason, field: response.errors[0].extensions?.field ?? null };
        const [error] = response.data!.upsertMappings.errors;
        return { reason: error?.reason, field: error?.field ?? null };
      }
      case 'mappingsCsv': {
        const row: Record<string, Value | undefined> = { system, localCode, ...fields, version };
        const columns = CSV_COLUMNS.filter((column) => row[column] !== undefined);
        const cell = (value: Value | undefined) => (value === null ? '' : `"${String(value).replace(/"/g, '""')}"`);
        const csv = `${columns.join(';')}\n${columns.map((column) => cell(row[column])).join(';')}\n`;
        return firstProblem(
          await importText(t, csv, { fileName: 'mappings.csv', format: InterchangeFormat.MAPPINGS_CSV }, principal(as)),
          2,
        );
      }
      case 'sssom': {
        const object = mapping.relation === 'UNMAPPED' ? 'sssom:NoTermFound' : `bmc:${String(fields.concept)}`;
        const predicate =
          mapping.relation === 'UNMAPPED' ? 'skos:exactMatch' : `skos:${String(fields.relation ?? 'EXACT').toLowerCase()}Match`;
        const tsv = [
          '# curie_map:',
          `#   sys: "https://vocabulaire.bordeaux-metropole.example/system/${String(system)}/code/"`,
          'subject_id\tpredicate_id\tobject_id\tmapping_justification\tconfidence\tcomment',
          `sys:${encodeURIComponent(String(localCode))}\t${predicate}\t${object}\t${String(fields.justification ?? '')}\t${fields.confidence ?? ''}\t${String(fields.note ?? '')}`,
        ].join('\n');
        return firstProblem(await importText(t, tsv, { fileName: 'm.sssom.tsv', format: InterchangeFormat.SSSOM_TSV }, principal(as)), 4);
      }
    }
  }

  function firstProblem(report: ImportReport, line: number) {
    expect(report.applied).toBe(false);
    const [problem] = report.problems;
    expect(problem?.line).toBe(line);
    expect(report.outcomes[0]).toMatchObject({ line, entity: 'MAPPING', outcome: 'REFUSED' });
    return { reason: problem?.reason, field: problem?.field ?? null };
  }

  const cases = RULES.flatMap((rule) => rule.doors.map((door) => [rule.rule, door, rule] as const));
  it.each(cases)('refuses %s through %s, with its reason and field, writing nothing', async (_name, door, rule) => {
    const fixture = rule.setup ? await rule.setup(t, who) : null;
    const mapping = {
      system: fixture?.system ?? 'SI-MER-FIN',
      localCode: fixture?.localCode ?? freshCode(),
      ...(fixture ? {} : { relation: 'EXACT', concept: 'FIN-0001' }),
      ...rule.mapping,
    };
    const before = await written();
    const answer = await send(door, mapping, fixture && rule.version ? rule.version(fixture) : undefined, rule.as ?? 'alice');
    const field = door in (rule.fieldAt ?? {}) ? rule.fieldAt![door] : rule.field;
    const placed =
      field === null || door === 'mappingsCsv' || door === 'sssom' || (rule.fieldAt && door in rule.fieldAt)
        ? field
        : door === 'upsertMapping'
          ? field === 'version' || field === 'id'
            ? field
            : `input.${field}`
          : `inputs[0].mapping.${field}`;
    expect(answer).toEqual({ reason: rule.reason, field: placed });
    expect(await written()).toEqual(before);
  });

  describe('review rules', () => {
    const ref = (m: { localCode: string; version: number }, system = 'SI-MER-FIN') => ({
      system,
      localCode: m.localCode,
      version: m.version,
    });

    it.each([
      ['approving one’s own edit', 'approve', 'SELF_APPROVAL', 'steward'],
      ['submitting a mapping already in review', 'submit', 'TRANSITION_NOT_ALLOWED', 'steward'],
      ['approving a draft where review is required', 'draft', 'TRANSITION_NOT_ALLOWED', 'reviewer'],
      ['a stale version', 'stale', 'STALE_VERSION', 'reviewer'],
    ] as const)('refuses %s with its reason, writing nothing', async (_what, action, reason, as) => {
      const created = await ok(
        t,
        MAPPING_MUTATIONS.upsert,
        { input: { system: 'SI-MER-FIN', localCode: freshCode(), relation: 'EXACT', concept: 'FIN-0001' } },
        who.steward,
      );
      const submitted = action === 'draft' ? created : await ok(t, MAPPING_MUTATIONS.submit, ref(created), who.steward);
      const before = await written();
      const mutation = action === 'submit' ? MAPPING_MUTATIONS.submit : MAPPING_MUTATIONS.approve;
      const version = action === 'stale' ? submitted.version - 1 : submitted.version;
      const response = await t.gql(mutation, { ...ref(submitted), version }, as === 'steward' ? who.steward : who.reviewer);
      expect(response.errors?.[0].extensions).toMatchObject({ reason });
      expect(await written()).toEqual(before);
    });
  });

  describe('edits that change nothing, or only what they name', () => {
    it('refuses an edit that changes nothing (UNCHANGED) and counts it unchanged in bulk and files, recording nothing', async () => {
      const created = await ok(
        t,
        MAPPING_MUTATIONS.upsert,
        { input: { system: 'SI-MER-FIN', localCode: freshCode(), relation: 'EXACT', concept: 'FIN-0001', localLabel: 'Libellé' } },
        who.steward,
      );
      const before = await written();
      const same = { system: 'SI-MER-FIN', localCode: created.localCode, relation: 'EXACT', concept: 'FIN-0001' };
      const single = await t.gql(MAPPING_MUTATIONS.upsert, { input: same, version: created.version }, who.steward);
      expect(single.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UNCHANGED' });
      const bulk = await ok(t, MAPPING_MUTATIONS.upsertMany, { inputs: [{ mapping: same, version: created.version }] }, who.steward);
      expect(bulk).toMatchObject({ applied: true, unchanged: 1, created: 0, updated: 0, errors: [] });
      const csv = await importText(
        t,
        `system;localCode;relation;concept;localLabel\nSI-MER-FIN;${created.localCode};EXACT;FIN-0001;Libellé\n`,
        { fileName: 'mappings.csv', format: InterchangeFormat.MAPPINGS_CSV },
        steward('alice', ['FIN']),
      );
      expect(csv).toMatchObject({ applied: true, problems: [], mappings: { unchanged: 1, created: 0, updated: 0 } });
      expect(csv.outcomes).toEqual([
        { line: 2, entity: 'MAPPING', key: `SI-MER-FIN/${created.localCode}`, outcome: 'UNCHANGED', status: 'DRAFT', reasons: [] },
      ]);
      expect(await written()).toEqual(before);
    });

    it('keeps the fields an update leaves out, and clears those it sets to null', async () => {
      const created = await ok(
        t,
        MAPPING_MUTATIONS.upsert,
        {
          input: {
            system: 'SI-MER-FIN',
            localCode: freshCode(),
            relation: 'CLOSE',
            concept: 'FIN-0001',
            localLabel: 'Budget',
            note: 'à revoir',
            confidence: 0.7,
            justification: 'semapv:LexicalMatching',
            validFrom: '2024-01-01',
          },
        },
        who.steward,
      );
      const key = { system: 'SI-MER-FIN', localCode: created.localCode };
      const noted = await ok(t, MAPPING_MUTATIONS.upsert, { input: { ...key, note: 'revu' }, version: created.version }, who.steward);
      expect(noted).toMatchObject({
        relation: 'CLOSE',
        concept: { code: 'FIN-0001' },
        localLabel: 'Budget',
        note: 'revu',
        confidence: 0.7,
        justification: 'semapv:LexicalMatching',
        validFrom: '2024-01-01',
      });
      const cleared = await ok(
        t,
        MAPPING_MUTATIONS.upsert,
        { input: { ...key, localLabel: null, confidence: null }, version: noted.version },
        who.steward,
      );
      expect(cleared).toMatchObject({ localLabel: null, confidence: null, note: 'revu', justification: 'semapv:LexicalMatching' });
    });
  });

  describe('imports', () => {
    const csvImport = (csv: string, dryRun: boolean, as = steward('alice', ['FIN'])) =>
      importText(t, csv, { fileName: 'mappings.csv', format: InterchangeFormat.MAPPINGS_CSV, dryRun }, as);

    it('reports in a dry run exactly what the real run refuses: overlapping periods and 2024-02-31', async () => {
      const code = freshCode();
      const csv = [
        'system;localCode;relation;concept;validFrom;validTo',
        `SI-MER-FIN;${code};EXACT;FIN-0001;2020-01-01;2022-01-01`,
        `SI-MER-FIN;${code};EXACT;FIN-0006;2021-01-01;`,
        `SI-MER-FIN;${freshCode()};EXACT;FIN-0001;;2024-02-31`,
      ].join('\n');
      const before = await written();
      const dry = await csvImport(csv, true);
      const real = await csvImport(csv, false);
      expect(dry.problems.map((p) => [p.line, p.field, p.reason])).toEqual([
        [2, 'validFrom', 'PERIOD_OVERLAP'],
        [3, 'validFrom', 'PERIOD_OVERLAP'],
        [4, 'validTo', 'INVALID_FORMAT'],
      ]);
      expect(real.problems).toEqual(dry.problems);
      expect(real.applied).toBe(false);
      expect(await written()).toEqual(before);
    });

    const SSSOM = (row: string) =>
      `# curie_map:\n#   merfin: "https://vocabulaire.bordeaux-metropole.example/system/SI-MER-FIN/code/"\nsubject_id\tpredicate_id\tobject_id\tconfidence\n${row}\n`;
    const MALFORMED: [string, string | Buffer, InterchangeFormat][] = [
      [
        'a quote inside an unquoted cell',
        'system;localCode;relation;concept\nSI-MER-FIN;A"B;EXACT;FIN-0001\n',
        InterchangeFormat.MAPPINGS_CSV,
      ],
      [
        'a quoted cell with text after its closing quote',
        'system;localCode;relation;concept\nSI-MER-FIN;"AB"C;EXACT;FIN-0001\n',
        InterchangeFormat.MAPPINGS_CSV,
      ],
      ['an unclosed quote', 'system;localCode;relation;concept\nSI-MER-FIN;"AB;EXACT;FIN-0001\n', InterchangeFormat.MAPPINGS_CSV],
      ['a NUL in a local code', 'system;localCode;relation;concept\nSI-MER-FIN;A\u0000B;EXACT;FIN-0001\n', InterchangeFormat.MAPPINGS_CSV],
      [
        'a NUL in a note',
        'system;localCode;relation;concept;note\nSI-MER-FIN;NUL1;EXACT;FIN-0001;a\u0000b\n',
        InterchangeFormat.MAPPINGS_CSV,
      ],
      [
        '2024-02-30',
        'system;localCode;relation;concept;validFrom\nSI-MER-FIN;D1;EXACT;FIN-0001;2024-02-30\n',
        InterchangeFormat.MAPPINGS_CSV,
      ],
      ['year 0', 'system;localCode;relation;concept;validTo\nSI-MER-FIN;D2;EXACT;FIN-0001;0000-01-01\n', InterchangeFormat.MAPPINGS_CSV],
      [
        'overlapping periods of one code',
        'system;localCode;relation;concept;validFrom;validTo\nSI-MER-FIN;O1;EXACT;FIN-0001;;2021-01-01\nSI-MER-FIN;O1;EXACT;FIN-0001;2020-01-01;\n',
        InterchangeFormat.MAPPINGS_CSV,
      ],
      ['a confidence that is no number', SSSOM('merfin:C1\tskos:exactMatch\tbmc:FIN-0001\tbeaucoup'), InterchangeFormat.SSSOM_TSV],
      [
        'a version that is no number',
        'system;localCode;relation;concept;version\nSI-MER-FIN;1.1;EXACT;FIN-0001;v2\n',
        InterchangeFormat.MAPPINGS_CSV,
      ],
      [
        'Latin-1 bytes',
        Buffer.from('system;localCode;relation;concept;note\nSI-MER-FIN;L1;EXACT;FIN-0001;Dépense\n', 'latin1'),
        InterchangeFormat.MAPPINGS_CSV,
      ],
    ];
    it.each(MALFORMED)(
      'reports %s with its line and field, never an internal error, and writes nothing',
      async (_what, content, format) => {
        const before = await written();
        const report = await importText(t, content, {
          fileName: format === InterchangeFormat.SSSOM_TSV ? 'm.sssom.tsv' : 'mappings.csv',
          format,
        });
        expect(report.applied).toBe(false);
        expect(report.problems.length).toBeGreaterThan(0);
        for (const problem of report.problems) {
          expect(problem.line).toEqual(expect.any(Number));
          expect(problem.field).toEqual(expect.any(String));
          expect(problem.reason).toEqual(expect.any(String));
        }
        expect(await written()).toEqual(before);
      },
    );

    it('refuses a row whose mapping changed since the file was exported (its version column), naming the line', async () => {
      const created = await ok(
        t,
        MAPPING_MUTATIONS.upsert,
        { input: { system: 'SI-MER-FIN', localCode: freshCode(), relation: 'EXACT', concept: 'FIN-0001' } },
        who.steward,
      );
      const exported = (await exportText(t, InterchangeFormat.MAPPINGS_CSV, { system: 'SI-MER-FIN' })).split(/\r?\n/);
      const header = exported[0];
      const row = exported.find((line) => line.split(';')[1] === created.localCode)!;
      expect(row.split(';').at(-1)).toBe(String(created.version));
      await ok(
        t,
        MAPPING_MUTATIONS.upsert,
        { input: { system: 'SI-MER-FIN', localCode: created.localCode, note: 'entre-temps' }, version: created.version },
        who.reviewer,
      );
      const report = await importText(t, `${header}\n${row.replace(';EXACT;', ';CLOSE;')}\n`, {
        fileName: 'mappings.csv',
        format: InterchangeFormat.MAPPINGS_CSV,
      });
      expect(report.problems.map((p) => [p.line, p.field, p.reason, p.values])).toEqual([
        [2, 'version', 'STALE_VERSION', { currentVersion: created.version + 1 }],
      ]);
    });

    it('never overwrites silently an API edit made while an import of the same codes runs', async () => {
      const target = await ok(
        t,
        MAPPING_MUTATIONS.upsert,
        { input: { system: 'SI-MER-FIN', localCode: freshCode(), relation: 'EXACT', concept: 'FIN-0001' } },
        who.steward,
      );
      const rows = Array.from({ length: 3000 }, (_, i) => `SI-MER-FIN;IMP${process.pid % 1000}-${i};EXACT;FIN-0001;`);
      const csv = ['system;localCode;relation;concept;note', `SI-MER-FIN;${target.localCode};EXACT;FIN-0001;du fichier`, ...rows].join(
        '\n',
      );
      const [report, edit] = await Promise.all([
        csvImport(csv, false),
        t.gql(
          MAPPING_MUTATIONS.upsert,
          { input: { system: 'SI-MER-FIN', localCode: target.localCode, localLabel: 'de l’API' }, version: target.version },
          who.reviewer,
        ),
      ]);
      expect(report.applied).toBe(true);
      // whichever came first, each change starts from what the one before left: no edit vanishes from the history
      const history: { before: any; after: any }[] = await db.query(
        `SELECT before, after FROM change WHERE entity_type = 'MAPPING' AND entity_key = $1 ORDER BY seq`,
        [`SI-MER-FIN/${target.localCode}`],
      );
      for (let i = 1; i < history.length; i++) expect(history[i].before).toEqual(history[i - 1].after);
      const [stored] = await db.query(`SELECT local_label, note FROM mapping WHERE system_code = 'SI-MER-FIN' AND local_code = $1`, [
        target.localCode,
      ]);
      expect(stored).toEqual({ local_label: edit.errors ? null : 'de l’API', note: 'du fichier' });
      expect(history.at(-1)!.after).toMatchObject({ localLabel: stored.local_label, note: 'du fichier', status: 'DRAFT' });
    });

    it('records the status and the domain in the change rows of an import, and readers see none of a draft', async () => {
      const code = freshCode();
      await csvImport(`system;localCode;relation;concept;localLabel\nSI-MER-FIN;${code};EXACT;FIN-0001;Secret de brouillon\n`, false);
      const [change] = await db.query(`SELECT domain_code, after FROM change WHERE entity_type = 'MAPPING' AND entity_key = $1`, [
        `SI-MER-FIN/${code}`,
      ]);
      expect(change).toMatchObject({
        domain_code: 'FIN',
        after: { status: 'IN_REVIEW', localLabel: 'Secret de brouillon', concept: 'FIN-0001' },
      });
      const HISTORY = `query($key: String!) { history(entity: MAPPING, key: $key) { action after } }`;
      expect((await t.gql(HISTORY, { key: `SI-MER-FIN/${code}` }, {})).data!.history).toEqual([]);
      expect((await t.gql(HISTORY, { key: `SI-MER-FIN/${code}` }, who.reviewer)).data!.history).toHaveLength(1);
    });
  });
});
