import * as fs from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { Parser, Quad, Store } from 'n3';
import { JsonLdParser } from 'jsonld-streaming-parser';
import SHACLValidator from 'rdf-validate-shacl';
import { Client } from 'pg';
import { Principal, Role } from '@lexique/core';
import { InterchangeFormat } from '@lexique/interchange';
import { dictionarySnapshot } from '../support/dictionary-snapshot';
import { exportText, FIXTURES, importText } from '../support/interchange';
import { startTestApp, TestApp } from '../support/test-app';

const SKOS = 'http://www.w3.org/2004/02/skos/core#';
const READER: Principal = { id: 'user:rita', name: 'rita', kind: 'user', roles: [Role.READER], stewardDomains: [] };

/** Export → import into an empty database → export gives the same file, for every format. */
describe('interchange round trips on the demo vocabulary (integration)', () => {
  let seeded: TestApp;
  const empties: TestApp[] = [];
  const empty = async () => {
    const t = await startTestApp({ seed: false });
    empties.push(t);
    return t;
  };
  beforeAll(async () => {
    seeded = await startTestApp();
  });
  afterAll(() => Promise.all([seeded.close(), ...empties.map((t) => t.close())]));

  it.each([
    [InterchangeFormat.SKOS_TURTLE, 'concepts.ttl'],
    [InterchangeFormat.SKOS_JSONLD, 'concepts.jsonld'],
  ])('%s: the whole vocabulary comes back identical', async (format, fileName) => {
    const first = await exportText(seeded, format);
    const target = await empty();
    const report = await importText(target, first, { fileName, format });
    expect(report.problems).toEqual([]);
    expect(report.concepts.created).toBe(442);
    expect(await exportText(target, format)).toBe(first);
    const [mine, reference] = await Promise.all([dictionarySnapshot(target.databaseUrl), dictionarySnapshot(seeded.databaseUrl)]);
    expect(mine.concepts).toEqual(reference.concepts);
    expect(mine.domains).toEqual(reference.domains);
  });

  it('CONCEPTS_CSV: the whole vocabulary comes back identical (into a database holding only the domains)', async () => {
    const first = await exportText(seeded, InterchangeFormat.CONCEPTS_CSV);
    expect(first.startsWith('\uFEFFcode;domain;status;prefLabel@fr;')).toBe(true);
    const target = await empty();
    await copyDomains(seeded, target);
    const report = await importText(target, first, { fileName: 'concepts.csv', format: InterchangeFormat.CONCEPTS_CSV });
    expect(report.problems).toEqual([]);
    expect(report.concepts.created).toBe(442);
    expect(await exportText(target, InterchangeFormat.CONCEPTS_CSV)).toBe(first);
    const [mine, reference] = await Promise.all([dictionarySnapshot(target.databaseUrl), dictionarySnapshot(seeded.databaseUrl)]);
    expect(mine.concepts).toEqual(reference.concepts);
  });

  it.each([
    [InterchangeFormat.SSSOM_TSV, 'SI-MER-FIN.sssom.tsv'],
    [InterchangeFormat.MAPPINGS_CSV, 'mappings.csv'],
  ])('%s: the mappings come back identical', async (format, fileName) => {
    const target = await empty();
    expect(
      (
        await importText(target, await exportText(seeded, InterchangeFormat.SKOS_TURTLE), {
          fileName: 'v.ttl',
          format: InterchangeFormat.SKOS_TURTLE,
        })
      ).applied,
    ).toBe(true);
    expect(
      (
        await importText(target, await exportText(seeded, InterchangeFormat.SYSTEMS_CSV), {
          fileName: 'systems.csv',
          format: InterchangeFormat.SYSTEMS_CSV,
        })
      ).applied,
    ).toBe(true);
    // what readers get, which is every mapping of the demo: all published
    const first = await exportText(seeded, format, {}, READER);
    const report = await importText(target, first, { fileName, format });
    expect(report.problems).toEqual([]);
    expect(report.mappings.created).toBe(953);
    expect(await exportText(target, format, {}, READER)).toBe(first);
    const [mine, reference] = await Promise.all([dictionarySnapshot(target.databaseUrl), dictionarySnapshot(seeded.databaseUrl)]);
    expect(mine.mappings).toEqual(reference.mappings);
  });

  it('the SSSOM export of the demo has the columns, prefixes and rows of the fixture', async () => {
    const exported = await exportText(seeded, InterchangeFormat.SSSOM_TSV, {}, READER);
    const rows = (text: string) =>
      text
        .split('\n')
        .filter((line) => line && !line.startsWith('#') && !line.startsWith('subject_id'))
        .map((line) => line.split('\t'))
        .map(([subject, label, predicate, object, objectLabel, ...rest]) =>
          [subject, label, predicate, object, objectLabel, rest.at(-1)].join('\t'),
        )
        .sort();
    const fixture = fs.readFileSync(path.join(FIXTURES, 'mappings.sssom.tsv'), 'utf8');
    expect(rows(exported)).toEqual(rows(fixture));
  });

  describe('SKOS output', () => {
    let turtle: Quad[];
    beforeAll(async () => {
      turtle = new Parser().parse(
        await exportText(
          seeded,
          InterchangeFormat.SKOS_TURTLE,
          {},
          { id: 'anonymous', name: 'anonymous', kind: 'anonymous', roles: [], stewardDomains: [] },
        ),
      );
    });

    it('parses with an independent RDF parser, and the JSON-LD export is the same graph', async () => {
      expect(
        turtle.filter((q) => q.predicate.value === `${SKOS}prefLabel` && q.subject.value.includes('/concept/')).length,
      ).toBeGreaterThan(400);
      const jsonld = await parseJsonLd(
        await exportText(
          seeded,
          InterchangeFormat.SKOS_JSONLD,
          {},
          { id: 'anonymous', name: 'anonymous', kind: 'anonymous', roles: [], stewardDomains: [] },
        ),
      );
      const lines = (quads: Quad[]) => new Set(quads.map(nTriple));
      const fromTurtle = lines(turtle);
      const fromJsonLd = lines(jsonld);
      const conceptTriples = (set: Set<string>) =>
        [...set].filter((l) => l.startsWith('<https://vocabulaire.bordeaux-metropole.example/concept/')).sort();
      expect(conceptTriples(fromJsonLd)).toEqual(conceptTriples(fromTurtle));
    });

    it('holds published and deprecated concepts only for anonymous readers', () => {
      const statuses = new Set(turtle.filter((q) => q.predicate.value.endsWith('#status')).map((q) => q.object.value));
      expect([...statuses].sort()).toEqual(['DEPRECATED', 'PUBLISHED']);
    });

    it('passes the SHACL shape of SKOS integrity (one prefLabel per language, disjoint labels)', async () => {
      const shapes = new Store(new Parser().parse(fs.readFileSync(path.join(FIXTURES, 'skos-integrity.shacl.ttl'), 'utf8')));
      const report = await new SHACLValidator(shapes).validate(new Store(turtle));
      expect(report.results.map((r: any) => `${r.focusNode?.value}: ${r.message.map((m: any) => m.value).join()}`)).toEqual([]);
      expect(report.conforms).toBe(true);

      // and the validator does catch a breach
      const broken = new Parser().parse(
        `@prefix skos: <${SKOS}> . <x> a skos:Concept ; skos:prefLabel "a"@fr, "b"@fr ; skos:altLabel "a"@fr .`,
      );
      expect((await new SHACLValidator(shapes).validate(new Store(broken))).conforms).toBe(false);
    });

    it('has no cycle of broader concepts (checked on the parsed graph: SHACL Core cannot say it)', () => {
      const broader = new Map<string, string[]>();
      for (const q of turtle.filter((q) => q.predicate.value === `${SKOS}broader`)) {
        broader.set(q.subject.value, [...(broader.get(q.subject.value) ?? []), q.object.value]);
      }
      expect(broader.size).toBeGreaterThan(100);
      expect(findCycle(broader)).toBeNull();
      expect(
        findCycle(
          new Map([
            ['a', ['b']],
            ['b', ['c']],
            ['c', ['a']],
          ]),
        ),
      ).toEqual(['a', 'b', 'c', 'a']);
    });
  });
});

async function copyDomains(from: TestApp, to: TestApp) {
  const source = new Client({ connectionString: from.databaseUrl });
  const target = new Client({ connectionString: to.databaseUrl });
  await Promise.all([source.connect(), target.connect()]);
  const { rows } = await source.query(`SELECT code, label, description, requires_review FROM domain`);
  for (const d of rows) {
    await target.query(`INSERT INTO domain (code, label, description, requires_review) VALUES ($1, $2, $3, $4)`, [
      d.code,
      d.label,
      d.description,
      d.requires_review,
    ]);
  }
  await Promise.all([source.end(), target.end()]);
}

function parseJsonLd(text: string): Promise<Quad[]> {
  return new Promise((resolve, reject) => {
    const quads: Quad[] = [];
    const parser = new JsonLdParser();
    parser.on('data', (q: Quad) => quads.push(q));
    parser.on('error', reject);
    parser.on('end', () => resolve(quads));
    Readable.from([text]).pipe(parser);
  });
}

function nTriple(q: Quad): string {
  const term = (t: Quad['object']) =>
    t.termType === 'Literal'
      ? `${JSON.stringify(t.value)}${t.language ? '@' + t.language : t.datatype.value.endsWith('#string') || t.datatype.value.endsWith('#langString') ? '' : '^^<' + t.datatype.value + '>'}`
      : `<${t.value}>`;
  return `<${q.subject.value}> <${q.predicate.value}> ${term(q.object)} .`;
}

function findCycle(edges: Map<string, string[]>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const walk = (node: string, trail: string[]): string[] | null => {
    if (state.get(node) === 'open') return [...trail.slice(trail.indexOf(node)), node];
    if (state.get(node) === 'done') return null;
    state.set(node, 'open');
    for (const next of edges.get(node) ?? []) {
      const cycle = walk(next, [...trail, node]);
      if (cycle) return cycle;
    }
    state.set(node, 'done');
    return null;
  };
  for (const node of edges.keys()) {
    const cycle = walk(node, []);
    if (cycle) return cycle;
  }
  return null;
}
