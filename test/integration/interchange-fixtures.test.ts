import { Client } from 'pg';
import { InterchangeFormat, readDemoVocabulary } from '@lexique/interchange';
import { dictionarySnapshot } from '../support/dictionary-snapshot';
import { ADMIN, importFixture, tableCounts } from '../support/interchange';
import { startTestApp, TestApp } from '../support/test-app';

const demo = readDemoVocabulary();

/**
 * The fixtures (SKOS Turtle, systems CSV, SSSOM) describe the demo
 * vocabulary: importing them into an empty database must give what the demo
 * seeder writes from demo/vocabulary.json.
 */
describe('importing the fixtures into an empty database (integration)', () => {
  let imported: TestApp;
  let seeded: TestApp;
  beforeAll(async () => {
    [imported, seeded] = await Promise.all([startTestApp({ seed: false }), startTestApp()]);
  });
  afterAll(() => Promise.all([imported.close(), seeded.close()]));

  it('gives the demo data, attributed to the importer with the file name as reason, and a second import changes nothing', async () => {
    // the demo's mappings are all published (its seeder's writer, like the import's, maps only to published concepts)
    const published = demo.mappings;
    const vocabulary = await importFixture(imported, 'vocabulary.ttl', InterchangeFormat.SKOS_TURTLE);
    expect(vocabulary.problems).toEqual([]);
    expect(vocabulary).toMatchObject({
      applied: true,
      domains: { created: demo.domains.length, updated: 0, unchanged: 0 },
      concepts: { created: demo.concepts.length, updated: 0, unchanged: 0 },
    });
    const systems = await importFixture(imported, 'systems.csv', InterchangeFormat.SYSTEMS_CSV);
    expect(systems).toMatchObject({ applied: true, problems: [], systems: { created: demo.systems.length } });
    const mappings = await importFixture(imported, 'mappings.sssom.tsv', InterchangeFormat.SSSOM_TSV);
    expect(mappings).toMatchObject({ applied: true, problems: [], mappings: { created: published.length, updated: 0, unchanged: 0 } });

    const mine = await dictionarySnapshot(imported.databaseUrl);
    const reference = await dictionarySnapshot(seeded.databaseUrl);
    expect(mine.concepts).toEqual(reference.concepts);
    expect(mine.mappings).toEqual(reference.mappings);
    expect(mine.systems).toEqual(reference.systems.map((s) => s));
    expect(mine.domains.map((d) => d.code)).toEqual(reference.domains.map((d) => d.code));
    expect(mine.domains.map((d) => d.label)).toEqual(reference.domains.map((d) => d.label));
    // and what the demo file says, directly
    expect(mine.concepts.filter((c) => c.status === 'DEPRECATED')).toHaveLength(
      demo.concepts.filter((c) => c.status === 'DEPRECATED').length,
    );
    const fin1 = demo.concepts.find((c) => c.code === 'FIN-0001')!;
    expect(mine.concepts.find((c) => c.code === 'FIN-0001')).toMatchObject({
      acronyms: fin1.acronyms,
      altLabels: { fr: fin1.altLabels!.fr },
      hiddenLabels: fin1.hiddenLabels,
    });

    const sql = new Client({ connectionString: imported.databaseUrl });
    await sql.connect();
    const changes = (await sql.query(`SELECT principal, reason, entity_type, count(*)::int AS n FROM change GROUP BY 1, 2, 3 ORDER BY 3`))
      .rows;
    await sql.end();
    expect(changes).toEqual([
      { principal: ADMIN.id, reason: 'import vocabulary.ttl', entity_type: 'CONCEPT', n: demo.concepts.length },
      { principal: ADMIN.id, reason: 'import vocabulary.ttl', entity_type: 'DOMAIN', n: demo.domains.length },
      { principal: ADMIN.id, reason: 'import mappings.sssom.tsv', entity_type: 'MAPPING', n: published.length },
      { principal: ADMIN.id, reason: 'import systems.csv', entity_type: 'SYSTEM', n: demo.systems.length },
    ]);

    const before = await tableCounts(imported);
    const again = [
      await importFixture(imported, 'vocabulary.ttl', InterchangeFormat.SKOS_TURTLE),
      await importFixture(imported, 'systems.csv', InterchangeFormat.SYSTEMS_CSV),
      await importFixture(imported, 'mappings.sssom.tsv', InterchangeFormat.SSSOM_TSV),
    ];
    expect(again.map((r) => [r.problems, r.domains, r.concepts, r.systems, r.mappings])).toEqual([
      [[], { ...zero(), unchanged: 8 }, { ...zero(), unchanged: 442 }, zero(), zero()],
      [[], zero(), zero(), { ...zero(), unchanged: 11 }, zero()],
      [[], zero(), zero(), zero(), { ...zero(), unchanged: published.length }],
    ]);
    expect(await tableCounts(imported)).toEqual(before);
  });
});

const zero = () => ({ created: 0, updated: 0, unchanged: 0, proposed: 0 });
