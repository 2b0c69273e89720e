import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { systemContext } from '@lexique/core';
import { DemoDataService, DemoVocabulary, readDemoVocabulary } from '@lexique/interchange';
import { dictionarySnapshot } from '../support/dictionary-snapshot';
import { tableCounts } from '../support/interchange';
import { startTestApp, TestApp } from '../support/test-app';

const demo = readDemoVocabulary();

/**
 * The demo dictionary is loaded through the writers (DESIGN principle 6):
 * what the file says is what the database holds, every rule of the writers
 * holds for it, and a file that breaks one is refused whole, naming it. The
 * tests run in order on one database: refusals while it is empty, then the
 * load, then loads on a database that holds it.
 */
describe('loading the demo dictionary (integration)', () => {
  let t: TestApp;
  let seeder: DemoDataService;
  let dir: string;
  const seed = (options?: { force?: boolean; file?: string }) => seeder.seed(systemContext('test-seed'), options);
  const demoWith = (change: (data: DemoVocabulary) => void): string => {
    const data = structuredClone(demo);
    change(data);
    const file = path.join(dir, `vocabulary-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
    fs.writeFileSync(file, JSON.stringify(data));
    return file;
  };
  const query = async <T>(text: string): Promise<T[]> => {
    const sql = new Client({ connectionString: t.databaseUrl });
    await sql.connect();
    try {
      return (await sql.query(text)).rows as T[];
    } finally {
      await sql.end();
    }
  };

  beforeAll(async () => {
    t = await startTestApp({ seed: false });
    seeder = t.app.get(DemoDataService);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lexique-demo-seed-'));
  });
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  it('refuses a mapping to a draft concept, naming it and the rule, and writes nothing', async () => {
    const file = demoWith((data) =>
      data.mappings.push({ system: 'SI-MER-FIN', localCode: 'BROUILLON', localLabel: 'Tiers', concept: 'FIN-0059', relation: 'EXACT' }),
    );
    expect(demo.concepts.find((c) => c.code === 'FIN-0059')?.status).toBe('DRAFT');
    await expect(seed({ file })).rejects.toThrow(
      "The vocabulary's mappings are refused: SI-MER-FIN/BROUILLON concept CONCEPT_NOT_PUBLISHED: A mapping must point to a published concept (FIN-0059 is DRAFT)",
    );
    expect(await seeder.isEmpty()).toBe(true);
    expect(Object.values(await tableCounts(t)).every((n) => n === 0)).toBe(true);
  });

  it('refuses a system that breaks a rule, naming it, and writes nothing', async () => {
    const file = demoWith((data) => (data.systems[1].owner = 'Bordeaux'));
    await expect(seed({ file })).rejects.toThrow(
      `The vocabulary's systems are refused: ${demo.systems[1].code} owner INVALID_FORMAT: "owner" must be an INSEE commune code`,
    );
    expect(Object.values(await tableCounts(t)).every((n) => n === 0)).toBe(true);
  });

  it('holds every system and mapping of the file, published, each with the change row its writer records', async () => {
    expect(await seed()).toEqual({
      seeded: true,
      domains: demo.domains.length,
      concepts: demo.concepts.length,
      systems: demo.systems.length,
      mappings: demo.mappings.length,
    });
    const { systems, mappings } = await dictionarySnapshot(t.databaseUrl);
    expect(systems.map((s) => [s.code, s.name, s.kind, s.owner_code, s.owner_name, s.status])).toEqual(
      demo.systems.map((s) => [s.code, s.name, s.kind, s.owner, s.ownerName, s.status]).sort(([a], [b]) => (a < b ? -1 : 1)),
    );
    const key = (m: { system: string; localCode: string }) => `${m.system}/${m.localCode}`;
    expect(new Map(mappings.map((m) => [key(m), [m.localLabel, m.concept, m.relation, m.note, m.status]]))).toEqual(
      new Map(demo.mappings.map((m) => [key(m), [m.localLabel ?? null, m.concept, m.relation, m.note ?? null, 'PUBLISHED']])),
    );

    const changes = await query<{ type: string; action: string; principal: string; reason: string; n: number }>(
      `SELECT entity_type AS type, action, principal, reason, count(*)::int AS n FROM change GROUP BY 1, 2, 3, 4 ORDER BY 1`,
    );
    expect(changes).toEqual([
      { type: 'CONCEPT', action: 'CREATE', principal: 'system', reason: 'demo data', n: demo.concepts.length },
      { type: 'DOMAIN', action: 'CREATE', principal: 'system', reason: 'demo data', n: demo.domains.length },
      { type: 'MAPPING', action: 'CREATE', principal: 'system', reason: 'demo data', n: demo.mappings.length },
      { type: 'SYSTEM', action: 'CREATE', principal: 'system', reason: 'demo data', n: demo.systems.length },
    ]);
    // snapshots say the status (history and the feed hide what readers may not see by it); rows name the mapping's domain:
    // its concept's, or for an UNMAPPED code the domain its system's kind names, if any
    const mappingChanges = await query<{ key: string; domain: string | null; status: string }>(
      `SELECT entity_key AS key, domain_code AS domain, after ->> 'status' AS status FROM change WHERE entity_type = 'MAPPING'`,
    );
    const domainOf = new Map(demo.concepts.map((c) => [c.code, c.domain]));
    const domains = new Set(demo.domains.map((d) => d.code));
    const kindOf = new Map(demo.systems.map((s) => [s.code, s.kind]));
    expect(new Map(mappingChanges.map((c) => [c.key, [c.domain, c.status]]))).toEqual(
      new Map(
        demo.mappings.map((m) => [
          key(m),
          [m.concept ? domainOf.get(m.concept) : domains.has(kindOf.get(m.system)!) ? kindOf.get(m.system) : null, 'PUBLISHED'],
        ]),
      ),
    );
  });

  it('answers every mapped code of the file to a reader: translate finds them all', async () => {
    for (const system of demo.systems.map((s) => s.code)) {
      const codes = demo.mappings.filter((m) => m.system === system).map((m) => m.localCode);
      const { data, errors } = await t.gql<{ translateBatch: { code: string; found: boolean; concept: { code: string } | null }[] }>(
        `query($s: String!, $c: [String!]!) { translateBatch(system: $s, codes: $c) { code found concept { code } } }`,
        { s: system, c: codes },
      );
      expect(errors).toBeUndefined();
      expect(data!.translateBatch.filter((r) => !r.found).map((r) => `${system}/${r.code}`)).toEqual([]);
    }
  });

  it('loads nothing on a database that holds a dictionary, and --force reloads the same one', async () => {
    const before = await tableCounts(t);
    const dictionary = await dictionarySnapshot(t.databaseUrl);
    expect(await seed()).toEqual({ seeded: false, domains: 0, concepts: 0, systems: 0, mappings: 0 });
    expect(await tableCounts(t)).toEqual(before);

    expect(await seed({ force: true })).toMatchObject({ seeded: true, systems: demo.systems.length, mappings: demo.mappings.length });
    expect(await dictionarySnapshot(t.databaseUrl)).toEqual(dictionary);
    // the log keeps the first load and records the second
    expect(await tableCounts(t)).toEqual({ ...before, changes: 2 * before.changes });
  });
});
