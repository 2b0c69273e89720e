import { SearchDocumentRefresher } from '@lexique/search';
import { Client } from 'pg';
import { readDemoVocabulary } from '@lexique/interchange';
import { startTestApp, TestApp } from '../support/test-app';

const demo = readDemoVocabulary();
const conceptByCode = new Map(demo.concepts.map((c) => [c.code, c]));
/** The demo's mappings, all published: the seeder's writer refuses a mapping to a concept readers cannot see. */
const published = demo.mappings;

const TRANSLATION = `system code found localLabel relation deprecated concept { code status } current { code status } mapping { localCode validFrom validTo note }`;

describe('systems, mappings and translation (e2e)', () => {
  let t: TestApp;
  let sql: Client;
  beforeAll(async () => {
    t = await startTestApp();
    // statements are counted per call: the background refresh of search documents stopped
    await t.app.get(SearchDocumentRefresher).onApplicationShutdown();
    sql = new Client({ connectionString: t.databaseUrl });
    await sql.connect();
  });
  afterAll(async () => {
    await sql.end();
    await t.close();
  });

  describe('systems', () => {
    it('lists the systems with their owner commune and coverage counted from the mappings', async () => {
      const { data, errors } = await t.gql(
        `{ systems { code status owner { code name concept { code } } coverage { total exact close broad narrow related unmapped mappedShare } } }`,
      );
      expect(errors).toBeUndefined();
      expect(data!.systems).toHaveLength(demo.systems.length);
      for (const system of data!.systems) {
        const source = demo.systems.find((s) => s.code === system.code)!;
        const mappings = published.filter((m) => m.system === system.code);
        const count = (relation: string) => mappings.filter((m) => m.relation === relation).length;
        expect(system.owner).toEqual({ code: source.owner, name: source.ownerName, concept: { code: `TER-${source.owner}` } });
        expect(system.coverage).toMatchObject({
          total: mappings.length,
          exact: count('EXACT'),
          close: count('CLOSE'),
          broad: count('BROAD'),
          narrow: count('NARROW'),
          related: count('RELATED'),
          unmapped: count('UNMAPPED'),
        });
        expect(system.coverage.mappedShare).toBeCloseTo((mappings.length - count('UNMAPPED')) / mappings.length, 6);
      }
    });

    it('filters by lifecycle status and finds one system by code', async () => {
      const { data } = await t.gql(
        `{ systems(status: [RETIRED]) { code } system(code: "SI-MER-FIN") { name kind status description } none: system(code: "SI-NOPE") { code } }`,
      );
      expect(data!.systems.map((s: any) => s.code)).toEqual(demo.systems.filter((s) => s.status === 'RETIRED').map((s) => s.code));
      expect(data!.system).toMatchObject({ name: 'Comptabilité Mérignac v4', kind: 'FIN', status: 'RETIRING' });
      expect(data!.none).toBeNull();
    });

    it("pages through a system's mappings by local code, filtered by relation", async () => {
      const expected = published
        .filter((m) => m.system === 'SI-BDX-GRH')
        .map((m) => m.localCode)
        .sort();
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page: any = await t.gql(
          `query($after: String) { system(code: "SI-BDX-GRH") { mappings(first: 25, after: $after) { totalCount edges { node { localCode } } pageInfo { hasNextPage endCursor } } } }`,
          { after },
        );
        const connection = page.data.system.mappings;
        expect(connection.totalCount).toBe(expected.length);
        seen.push(...connection.edges.map((e: any) => e.node.localCode));
        if (!connection.pageInfo.hasNextPage) break;
        after = connection.pageInfo.endCursor;
      }
      expect(seen).toEqual(expected);
      const unmapped = await t.gql(
        `{ system(code: "SI-BDX-GRH") { mappings(relation: UNMAPPED, first: 500) { totalCount edges { node { relation concept { code } note } } } } }`,
      );
      const edges = unmapped.data!.system.mappings.edges;
      expect(edges.length).toBe(published.filter((m) => m.system === 'SI-BDX-GRH' && m.relation === 'UNMAPPED').length);
      for (const edge of edges) expect(edge.node).toMatchObject({ relation: 'UNMAPPED', concept: null, note: expect.any(String) });
    });

    it('shows on a concept the codes of every system that maps to it, or of one system', async () => {
      const { data } = await t.gql(
        `{ concept(code: "RH-0004") { all: mappings { system { code } localCode relation } mut: mappings(system: "SI-MUT-RH") { localCode } } }`,
      );
      const expected = published.filter((m) => m.concept === 'RH-0004');
      expect(data!.concept.all).toHaveLength(expected.length);
      expect(data!.concept.mut.map((m: any) => m.localCode).sort()).toEqual(
        expected
          .filter((m) => m.system === 'SI-MUT-RH')
          .map((m) => m.localCode)
          .sort(),
      );
    });
  });

  describe('translate', () => {
    it.each(['EXACT', 'CLOSE', 'BROAD', 'NARROW', 'RELATED'])('translates a %s mapping to its concept', async (relation) => {
      const mapping = published.find((m) => m.relation === relation && conceptByCode.get(m.concept!)!.status === 'PUBLISHED')!;
      const { data, errors } = await t.gql(`query($s: String!, $c: String!) { translate(system: $s, code: $c) { ${TRANSLATION} } }`, {
        s: mapping.system,
        c: mapping.localCode,
      });
      expect(errors).toBeUndefined();
      expect(data!.translate).toMatchObject({
        system: mapping.system,
        code: mapping.localCode,
        found: true,
        localLabel: mapping.localLabel,
        relation,
        deprecated: false,
        concept: { code: mapping.concept, status: 'PUBLISHED' },
        current: { code: mapping.concept },
      });
    });

    it('says an UNMAPPED code is known and has no concept', async () => {
      const mapping = published.find((m) => m.relation === 'UNMAPPED')!;
      const { data } = await t.gql(`query($s: String!, $c: String!) { translate(system: $s, code: $c) { ${TRANSLATION} } }`, {
        s: mapping.system,
        c: mapping.localCode,
      });
      expect(data!.translate).toMatchObject({
        found: true,
        relation: 'UNMAPPED',
        concept: null,
        current: null,
        mapping: { note: mapping.note },
      });
    });

    it('answers found: false for an unknown code, and NOT_FOUND naming an unknown system', async () => {
      const unknown = await t.gql(`{ translate(system: "SI-MER-FIN", code: "ZZZ-999") { found concept { code } } }`);
      expect(unknown).toEqual({ data: { translate: { found: false, concept: null } } });
      const { errors } = await t.gql(`{ translate(system: "SI-NOWHERE", code: "1") { found } }`);
      expect(errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'system' });
      expect(errors![0].message).toContain('SI-NOWHERE');
    });

    it('compares local codes as exact strings after trimming', async () => {
      // SI-BDX-GRH has "0101"; "101" is another code
      const { data } = await t.gql(
        `{ a: translate(system: "SI-BDX-GRH", code: "0101") { found } b: translate(system: "SI-BDX-GRH", code: "101") { found } c: translate(system: "si-bdx-grh", code: "  0101 ") { found code concept { code } } }`,
      );
      expect(data!.a.found).toBe(true);
      expect(data!.b.found).toBe(false);
      expect(data!.c).toEqual({ found: true, code: '  0101 ', concept: { code: 'RH-0002' } });
    });

    it('says when the concept is deprecated and gives the published successor', async () => {
      const mapping = published.find((m) => m.concept && conceptByCode.get(m.concept)!.status === 'DEPRECATED')!;
      const successor = conceptByCode.get(mapping.concept!)!.replacedBy;
      const { data } = await t.gql(`query($s: String!, $c: String!) { translate(system: $s, code: $c) { ${TRANSLATION} } }`, {
        s: mapping.system,
        c: mapping.localCode,
      });
      expect(data!.translate).toMatchObject({
        deprecated: true,
        concept: { code: mapping.concept, status: 'DEPRECATED' },
        current: { code: successor, status: 'PUBLISHED' },
      });
    });

    it('follows a chain of replacements to the published end', async () => {
      // FIN-0002 (deprecated) → FIN-0001; deprecate FIN-0001 in favour of FIN-0003 to make a chain of two
      await sql.query(
        `UPDATE concept SET status = 'DEPRECATED', replaced_by_id = (SELECT id FROM concept WHERE code = 'FIN-0003') WHERE code = 'FIN-0001'`,
      );
      try {
        await sql.query(
          `INSERT INTO mapping (system_code, local_code, local_label, concept_id, relation) SELECT 'SI-MER-FIN', 'CHAIN-1', 'M14', id, 'EXACT' FROM concept WHERE code = 'FIN-0002'`,
        );
        const { data } = await t.gql(
          `{ translate(system: "SI-MER-FIN", code: "CHAIN-1") { deprecated concept { code } current { code } } }`,
        );
        expect(data!.translate).toEqual({ deprecated: true, concept: { code: 'FIN-0002' }, current: { code: 'FIN-0003' } });
      } finally {
        await sql.query(`DELETE FROM mapping WHERE local_code = 'CHAIN-1'`);
        await sql.query(`UPDATE concept SET status = 'PUBLISHED', replaced_by_id = NULL WHERE code = 'FIN-0001'`);
      }
    });

    it('translates as of a date with validity periods, the end being exclusive', async () => {
      await sql.query(`
        INSERT INTO mapping (system_code, local_code, local_label, concept_id, relation, valid_from, valid_to)
        SELECT 'SI-MER-FIN', 'VAL-1', 'ancien', id, 'EXACT', NULL::date, '2025-01-01'::date FROM concept WHERE code = 'FIN-0004'
        UNION ALL
        SELECT 'SI-MER-FIN', 'VAL-1', 'nouveau', id, 'EXACT', '2025-01-01'::date, NULL::date FROM concept WHERE code = 'FIN-0005'`);
      const q = `query($at: Date) { translate(system: "SI-MER-FIN", code: "VAL-1", at: $at) { localLabel concept { code } mapping { validFrom validTo } } }`;
      expect((await t.gql(q, { at: '2024-12-31' })).data!.translate).toEqual({
        localLabel: 'ancien',
        concept: { code: 'FIN-0004' },
        mapping: { validFrom: null, validTo: '2025-01-01' },
      });
      expect((await t.gql(q, { at: '2025-01-01' })).data!.translate).toMatchObject({
        localLabel: 'nouveau',
        concept: { code: 'FIN-0005' },
      });
      expect((await t.gql(q, {})).data!.translate).toMatchObject({ localLabel: 'nouveau' });
      const bad = await t.gql(q, { at: '2025-02-30' });
      expect(bad.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    });

    // the writer refuses every overlap first; the database catches what bypasses it (an open period beside a dated one is the writer's alone)
    it('refuses in the database itself two published periods of a code with dates that overlap, or two open-ended ones', async () => {
      await expect(
        sql.query(
          `INSERT INTO mapping (system_code, local_code, relation, valid_from) VALUES ('SI-MER-FIN', ' VAL-1', 'UNMAPPED', '2024-06-01')`,
        ),
      ).rejects.toThrow(/mapping_bounded_periods/);
      await expect(
        sql.query(`INSERT INTO mapping (system_code, local_code, relation) VALUES ('SI-MER-FIN', ' 1.1', 'UNMAPPED')`),
      ).rejects.toThrow(/mapping_one_open_period/);
    });
  });

  describe('translateBatch', () => {
    it('answers in the same order and length, duplicates alike, unknown codes as not found', async () => {
      const sample = published.filter((m) => m.system === 'SI-PES-GRH').slice(0, 30);
      const codes = [...sample.map((m) => m.localCode), 'UNKNOWN-1', sample[3].localCode, ` ${sample[5].localCode}`];
      const { data, errors } = await t.gql(
        `query($c: [String!]!) { translateBatch(system: "SI-PES-GRH", codes: $c) { code found relation concept { code } } }`,
        { c: codes },
      );
      expect(errors).toBeUndefined();
      const answers = data!.translateBatch;
      expect(answers).toHaveLength(codes.length);
      answers.forEach((answer: any, i: number) => expect(answer.code).toBe(codes[i]));
      sample.forEach((m, i) =>
        expect(answers[i]).toMatchObject({ found: true, relation: m.relation, concept: m.concept ? { code: m.concept } : null }),
      );
      expect(answers[30].found).toBe(false);
      expect({ ...answers[31], code: null }).toEqual({ ...answers[3], code: null });
      expect({ ...answers[32], code: null }).toEqual({ ...answers[5], code: null });
    });

    it('answers each code of a batch as translate answers it alone, deprecated concepts and their successors included', async () => {
      // one code and several take different prepared statements: they must agree
      const deprecated = published.find((m) => m.concept && conceptByCode.get(m.concept)!.status === 'DEPRECATED')!;
      const codes = [
        deprecated.localCode,
        ...published.filter((m) => m.system === deprecated.system && m !== deprecated).map((m) => m.localCode),
        'UNKNOWN-1',
      ].slice(0, 40);
      const fields = `code found relation deprecated localLabel concept { code status } current { code } mapping { localCode validFrom validTo }`;
      const batch = await t.gql(`query($s: String!, $c: [String!]!) { translateBatch(system: $s, codes: $c) { ${fields} } }`, {
        s: deprecated.system,
        c: codes,
      });
      expect(batch.errors).toBeUndefined();
      expect(batch.data!.translateBatch[0]).toMatchObject({
        deprecated: true,
        current: { code: conceptByCode.get(deprecated.concept!)!.replacedBy },
      });
      for (const [i, code] of codes.entries()) {
        const one = await t.gql(`query($s: String!, $c: String!) { translate(system: $s, code: $c) { ${fields} } }`, {
          s: deprecated.system,
          c: code,
        });
        expect(batch.data!.translateBatch[i]).toEqual(one.data!.translate);
      }
    });

    it('costs the same number of SQL statements for 1 or 1,000 codes', async () => {
      const codes = published.filter((m) => m.system === 'SI-BM-PATRI').map((m) => m.localCode);
      const many = Array.from({ length: 1000 }, (_, i) => (i % 3 === 0 ? `missing-${i}` : codes[i % codes.length]));
      const cost = async (list: string[]) => {
        const before = t.queryCount();
        const { errors } = await t.gql(
          `query($c: [String!]!) { translateBatch(system: "SI-BM-PATRI", codes: $c) { found concept { code prefLabel domain { code } } current { code } } }`,
          { c: list },
        );
        expect(errors).toBeUndefined();
        return t.queryCount() - before;
      };
      const one = await cost([codes[0]]);
      const thousand = await cost(many);
      expect(thousand).toBe(one);
      expect(thousand).toBeLessThanOrEqual(3);
    });

    it('accepts 10,000 codes and refuses 10,001 with BAD_USER_INPUT on codes', async () => {
      const ok = await t.gql(`query($c: [String!]!) { translateBatch(system: "SI-MER-FIN", codes: $c) { found } }`, {
        c: Array.from({ length: 10000 }, (_, i) => `C${i}`),
      });
      expect(ok.errors).toBeUndefined();
      expect(ok.data!.translateBatch).toHaveLength(10000);
      const tooMany = await t.gql(`query($c: [String!]!) { translateBatch(system: "SI-MER-FIN", codes: $c) { found } }`, {
        c: Array.from({ length: 10001 }, (_, i) => `C${i}`),
      });
      expect(tooMany.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'codes' });
    });

    it('refuses an empty code naming its position', async () => {
      const { errors } = await t.gql(`{ translateBatch(system: "SI-MER-FIN", codes: ["1", "  "]) { found } }`);
      expect(errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'codes.1' });
    });
  });

  describe('crosswalk', () => {
    it('gives the codes of the target system for the same concept, EXACT first, in both directions', async () => {
      const forward = await t.gql(
        `{ crosswalk(from: "SI-BDX-GRH", code: "0103", to: "SI-MUT-RH") { source { concept { code } } targets { localCode relation system { code } } } }`,
      );
      expect(forward.data!.crosswalk.source.concept.code).toBe('RH-0004');
      const expected = published.filter((m) => m.system === 'SI-MUT-RH' && m.concept === 'RH-0004');
      expect(forward.data!.crosswalk.targets.map((m: any) => m.localCode).sort()).toEqual(expected.map((m) => m.localCode).sort());
      expect(forward.data!.crosswalk.targets[0].relation).toBe('EXACT');

      const back = await t.gql(`{ crosswalk(from: "SI-MUT-RH", code: "STA-CTR", to: "SI-BDX-GRH") { targets { localCode relation } } }`);
      const codes = back.data!.crosswalk.targets.map((m: any) => m.localCode);
      expect(codes).toContain('0103');
      expect(back.data!.crosswalk.targets[0]).toEqual({ localCode: '0103', relation: 'EXACT' });
    });

    it('crosswalks through a deprecated concept to the codes of its successor', async () => {
      const mapping = published.find((m) => m.concept && conceptByCode.get(m.concept)!.status === 'DEPRECATED')!;
      const successor = conceptByCode.get(mapping.concept!)!.replacedBy!;
      const target = published.find((m) => m.concept === successor && m.system !== mapping.system);
      if (!target) throw new Error('the demo data should map the successor in another system');
      const { data } = await t.gql(
        `query($f: String!, $c: String!, $t: String!) { crosswalk(from: $f, code: $c, to: $t) { source { current { code } } targets { localCode } } }`,
        {
          f: mapping.system,
          c: mapping.localCode,
          t: target.system,
        },
      );
      expect(data!.crosswalk.source.current.code).toBe(successor);
      expect(data!.crosswalk.targets.map((m: any) => m.localCode)).toContain(target.localCode);
    });

    it('answers no targets for an unknown code and NOT_FOUND naming an unknown target system', async () => {
      const none = await t.gql(
        `{ crosswalk(from: "SI-BDX-GRH", code: "nope", to: "SI-MUT-RH") { source { found } targets { localCode } } }`,
      );
      expect(none.data!.crosswalk).toEqual({ source: { found: false }, targets: [] });
      const { errors } = await t.gql(`{ crosswalk(from: "SI-BDX-GRH", code: "0103", to: "SI-X") { targets { localCode } } }`);
      expect(errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'to' });
    });
  });
});
