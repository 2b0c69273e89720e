import { InterchangeFormat, readDemoVocabulary } from '@lexique/interchange';
import { exportText, importFixture, tableCounts } from '../support/interchange';
import { startTestApp, TestApp } from '../support/test-app';

const demo = readDemoVocabulary();

describe('importing the fixtures into an empty database (integration)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: false });
  });
  afterAll(() => t.close());

  it('loads the SKOS Turtle, the systems and the SSSOM mappings and gives the demo data', async () => {
    const vocabulary = await importFixture(t, 'vocabulary.ttl', InterchangeFormat.SKOS_TURTLE);
    expect(vocabulary.problems).toEqual([]);
    expect(vocabulary).toMatchObject({ applied: true, domains: { created: 8 }, concepts: { created: demo.concepts.length, updated: 0 } });
    const systems = await importFixture(t, 'systems.csv', InterchangeFormat.SYSTEMS_CSV);
    expect(systems.problems).toEqual([]);
    const mappings = await importFixture(t, 'mappings.sssom.tsv', InterchangeFormat.SSSOM_TSV);
    expect(mappings.problems).toEqual([]);
    expect(mappings.mappings).toEqual({ created: demo.mappings.length, updated: 0, unchanged: 0 });
    const counts = await tableCounts(t);
    expect(counts).toMatchObject({ domains: 8, concepts: 442, systems: 11, mappings: 979 });
    const csv = await exportText(t, InterchangeFormat.CONCEPTS_CSV);
    expect(csv.split('\r\n').length).toBeGreaterThan(442);
  });
});
