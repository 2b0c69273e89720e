import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { InterchangeFormat } from '@lexique/interchange';
import { ADMIN, FIXTURES, importText, steward, tableCounts } from '../support/interchange';
import { startTestApp, TestApp } from '../support/test-app';

const CONCEPT = 'https://vocabulaire.bordeaux-metropole.example/concept/';
const TURTLE_PREFIXES = `@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix bmo: <https://vocabulaire.bordeaux-metropole.example/ontology#> .
@prefix bms: <https://vocabulaire.bordeaux-metropole.example/scheme/> .
@prefix bmc: <${CONCEPT}> .
`;
const SSSOM_METADATA = fs
  .readFileSync(path.join(FIXTURES, 'mappings.sssom.tsv'), 'utf8')
  .split('\n')
  .filter((line) => line.startsWith('#'))
  .join('\n');
const SSSOM_HEADER = 'subject_id\tsubject_label\tpredicate_id\tobject_id\tobject_label\tmapping_justification\tsubject_source\tcomment';
const metadataLines = SSSOM_METADATA.split('\n').length;

/**
 * Bad files change nothing and say precisely what is wrong; good ones are
 * attributed, idempotent and follow the publication rules.
 */
describe('import rules (integration)', () => {
  let t: TestApp;
  let sql: Client;
  beforeAll(async () => {
    t = await startTestApp();
    sql = new Client({ connectionString: t.databaseUrl });
    await sql.connect();
  });
  afterAll(async () => {
    await sql.end();
    await t.close();
  });

  /** Imports and checks that nothing at all was written, change log included. */
  async function refused(
    content: string | Buffer,
    options: { fileName: string; format: InterchangeFormat; system?: string },
    principal = ADMIN,
  ) {
    const before = await tableCounts(t);
    const report = await importText(t, content, options, principal);
    expect(report.applied).toBe(false);
    expect(report.problemCount).toBe(report.problems.length);
    expect(await tableCounts(t)).toEqual(before);
    return report;
  }

  describe('malformed files change nothing and report line, field and message', () => {
    it('CSV in Latin-1: the line of the first bad byte', async () => {
      const latin1 = Buffer.from('code;domain;prefLabel@fr\nFIN-0900;FIN;Budget\nFIN-0901;FIN;Dépense engagée\n', 'latin1');
      const report = await refused(latin1, { fileName: 'concepts.csv', format: InterchangeFormat.CONCEPTS_CSV });
      expect(report.problems).toEqual([{ line: 3, field: 'encoding', message: expect.stringContaining('not valid UTF-8') }]);
    });

    it('CSV with a missing and an unknown column', async () => {
      const report = await refused('domain;definition@fr;label\nFIN;x;y\n', { fileName: 'c.csv', format: InterchangeFormat.CONCEPTS_CSV });
      expect(report.problems).toEqual([
        { line: 1, field: 'label', message: expect.stringContaining('Unknown column "label"') },
        { line: 1, field: 'code', message: 'Missing column "code"' },
      ]);
    });

    it('CSV with an unknown reference: all or nothing, every row counted', async () => {
      const csv = [
        'code;domain;status;prefLabel@fr;broader;related',
        'FIN-0900;FIN;DRAFT;Budget annexe vert;FIN-0003;',
        'FIN-0901;FIN;DRAFT;Budget annexe bleu;FIN-0900;',
        'FIN-0902;FIN;DRAFT;Budget annexe rouge;FIN-9999;FIN-0001 | ACH-0001',
        'FIN-0903;FIN;MAYBE;;;',
      ].join('\n');
      const noLabel = await refused('code;domain\nFIN-0904;FIN\n', { fileName: 'c.csv', format: InterchangeFormat.CONCEPTS_CSV });
      expect(noLabel.problems).toEqual([{ line: 2, field: 'prefLabel@fr', message: 'Every concept has a French preferred label' }]);
      const report = await refused(csv, { fileName: 'c.csv', format: InterchangeFormat.CONCEPTS_CSV });
      expect(report.problems).toEqual([
        { line: 4, field: 'broader', message: 'Unknown concept "FIN-9999"' },
        { line: 5, field: 'status', message: expect.stringContaining('"MAYBE" is not a status') },
        { line: 5, field: 'prefLabel@fr', message: 'Every concept has a French preferred label' },
      ]);
      expect(report.concepts).toEqual({ created: 4, updated: 0, unchanged: 0 });
    });

    it('CSV whose broader links make a cycle', async () => {
      const csv = 'code;domain;prefLabel@fr;broader\nFIN-0900;FIN;Un;FIN-0901\nFIN-0901;FIN;Deux;FIN-0900\n';
      const report = await refused(csv, { fileName: 'c.csv', format: InterchangeFormat.CONCEPTS_CSV });
      expect(report.problems).toEqual([
        { line: 2, field: 'broader', message: 'FIN-0900 would be broader than itself (a cycle of broader concepts)' },
        { line: 3, field: 'broader', message: 'FIN-0901 would be broader than itself (a cycle of broader concepts)' },
      ]);
    });

    it('broken Turtle: the line of the syntax error', async () => {
      const ttl = `${TURTLE_PREFIXES}bmc:FIN-0900 a skos:Concept ;\n    skos:inScheme bms:FIN ;\n    skos:prefLabel "Budget vert"@fr\n    bmo:status "DRAFT" .\n`;
      const report = await refused(ttl, { fileName: 'v.ttl', format: InterchangeFormat.SKOS_TURTLE });
      expect(report.problems).toEqual([{ line: 8, field: 'Turtle', message: expect.stringContaining('Not valid Turtle') }]);
    });

    it('Turtle with unknown references: the subject of the triples', async () => {
      const ttl = `${TURTLE_PREFIXES}bmc:FIN-0900 a skos:Concept ;\n    skos:inScheme bms:FIN ;\n    skos:prefLabel "Budget vert"@fr, "Budget vert bis"@fr ;\n    skos:broader bmc:FIN-9999 ;\n    skos:related <https://example.org/x> ;\n    bmo:status "DRAFT" .\n`;
      const report = await refused(ttl, { fileName: 'v.ttl', format: InterchangeFormat.SKOS_TURTLE });
      expect(report.problems).toEqual([
        { subject: `${CONCEPT}FIN-0900`, field: 'skos:prefLabel', message: 'More than one value in language "fr"' },
        {
          subject: `${CONCEPT}FIN-0900`,
          field: 'skos:related',
          message: expect.stringContaining('"https://example.org/x" is not a concept of this vocabulary'),
        },
      ]);
      const unknown = await refused(ttl.replace(', "Budget vert bis"@fr', '').replace('    skos:related <https://example.org/x> ;\n', ''), {
        fileName: 'v.ttl',
        format: InterchangeFormat.SKOS_TURTLE,
      });
      expect(unknown.problems).toEqual([{ subject: `${CONCEPT}FIN-0900`, field: 'broader', message: 'Unknown concept "FIN-9999"' }]);
    });

    it('broken JSON-LD', async () => {
      const report = await refused('{"@context": {"skos": "http://www.w3.org/2004/02/skos/core#"}, "@graph": [ {"@id": ', {
        fileName: 'v.jsonld',
        format: InterchangeFormat.SKOS_JSONLD,
      });
      expect(report.problems).toEqual([{ subject: 'file', field: 'JSON-LD', message: expect.stringContaining('Not valid JSON-LD') }]);
    });

    it('SSSOM with unknown references, an unknown prefix and a bad predicate: lines counted from the top of the file', async () => {
      const tsv = [
        SSSOM_METADATA,
        SSSOM_HEADER,
        'merfin:NEW1\tNouveau\tskos:exactMatch\tbmc:FIN-9999\t\tsemapv:ManualMappingCuration\tbmsys:SI-MER-FIN\t',
        'nope:NEW2\tNouveau\tskos:exactMatch\tbmc:FIN-0001\t\tsemapv:ManualMappingCuration\tbmsys:SI-MER-FIN\t',
        'merfin:NEW3\tNouveau\tskos:sameAs\tbmc:FIN-0001\t\tsemapv:ManualMappingCuration\tbmsys:SI-MER-FIN\t',
        'merfin:NEW4\tNouveau\tskos:exactMatch\tbmc:FIN-0001\t\tsemapv:ManualMappingCuration\tbmsys:SI-MER-FIN\t',
      ].join('\n');
      const report = await refused(tsv, { fileName: 'm.sssom.tsv', format: InterchangeFormat.SSSOM_TSV });
      expect(report.problems).toEqual([
        { line: metadataLines + 2, field: 'concept', message: 'Unknown concept "FIN-9999"' },
        { line: metadataLines + 3, field: 'subject_id', message: expect.stringContaining('"nope:NEW2" is not a local code') },
        {
          line: metadataLines + 4,
          field: 'predicate_id',
          message: expect.stringContaining('"skos:sameAs" is not a SKOS mapping predicate'),
        },
      ]);
      expect(report.mappings).toEqual({ created: 2, updated: 0, unchanged: 0 });
    });

    it('SSSOM without its object_id column', async () => {
      const report = await refused(`${SSSOM_METADATA}\nsubject_id\tpredicate_id\nmerfin:X\tskos:exactMatch\n`, {
        fileName: 'm.sssom.tsv',
        format: InterchangeFormat.SSSOM_TSV,
      });
      expect(report.problems).toEqual([{ line: metadataLines + 1, field: 'object_id', message: 'Missing column "object_id"' }]);
    });

    it('mappings CSV with a bad relation, a missing concept and an unknown system', async () => {
      const csv = 'system,localCode,relation,concept\nSI-MER-FIN,Z1,SAME,FIN-0001\nSI-MER-FIN,Z2,EXACT,\nSI-NOPE,Z3,EXACT,FIN-0001\n';
      const report = await refused(csv, { fileName: 'mappings.csv', format: InterchangeFormat.MAPPINGS_CSV });
      expect(report.problems).toEqual([
        { line: 2, field: 'relation', message: expect.stringContaining('"SAME" is not a relation') },
        { line: 3, field: 'concept', message: 'A EXACT mapping names a concept' },
        { line: 4, field: 'system', message: 'Unknown information system "SI-NOPE"' },
      ]);
    });

    it('mappings CSV limited to a system by --system', async () => {
      const csv = 'system;localCode;relation;concept\nSI-CBL-FIN;Z1;EXACT;FIN-0001\n';
      const report = await refused(csv, { fileName: 'mappings.csv', format: InterchangeFormat.MAPPINGS_CSV, system: 'SI-MER-FIN' });
      expect(report.problems).toEqual([{ line: 2, field: 'system', message: 'The import is limited to system SI-MER-FIN' }]);
    });

    it('systems CSV with a bad owner', async () => {
      const csv = 'code,name,kind,owner,ownerName,status\nSI-NEW,Nouveau,FIN,3306,Bordeaux,ACTIVE\n';
      const report = await refused(csv, { fileName: 'systems.csv', format: InterchangeFormat.SYSTEMS_CSV });
      expect(report.problems).toEqual([{ line: 2, field: 'owner', message: expect.stringContaining('INSEE code') }]);
    });
  });

  describe('good files', () => {
    const csv =
      '\uFEFFcode,domain,status,prefLabel@fr,altLabels@fr,acronyms\r\nFIN-0910,FIN,DRAFT,"Budget vert, annexe",Budget climat | Budget écologique,BV\r\nFIN-0911,FIN,DRAFT,Taxonomie verte,,\r\n';

    it('a dry run reports what would change and writes nothing; the import then writes it, attributed; a second import changes nothing', async () => {
      const before = await tableCounts(t);
      const dry = await importText(t, csv, { fileName: 'vert.csv', format: InterchangeFormat.CONCEPTS_CSV, dryRun: true });
      expect(dry).toMatchObject({ applied: false, dryRun: true, problems: [], concepts: { created: 2, updated: 0, unchanged: 0 } });
      expect(await tableCounts(t)).toEqual(before);

      const real = await importText(
        t,
        csv,
        { fileName: '/tmp/vert.csv', format: InterchangeFormat.CONCEPTS_CSV },
        steward('alice', ['FIN']),
      );
      expect(real).toMatchObject({ applied: true, problems: [], concepts: { created: 2 } });
      const { rows } = await sql.query(
        `SELECT entity_key, action, principal, reason, after->'altLabels' AS alt FROM change WHERE entity_key LIKE 'FIN-091%' ORDER BY entity_key`,
      );
      expect(rows).toEqual([
        {
          entity_key: 'FIN-0910',
          action: 'CREATE',
          principal: 'user:alice',
          reason: 'import vert.csv',
          alt: { fr: ['Budget climat', 'Budget écologique'] },
        },
        { entity_key: 'FIN-0911', action: 'CREATE', principal: 'user:alice', reason: 'import vert.csv', alt: {} },
      ]);

      const counts = await tableCounts(t);
      const again = await importText(t, csv, { fileName: 'vert.csv', format: InterchangeFormat.CONCEPTS_CSV }, steward('alice', ['FIN']));
      expect(again).toMatchObject({ applied: true, concepts: { created: 0, updated: 0, unchanged: 2 } });
      expect(await tableCounts(t)).toEqual(counts);
    });

    it('a column left out keeps the field; a present one replaces it (one update, one change row)', async () => {
      const report = await importText(t, 'code;domain;acronyms\nFIN-0910;FIN;BV | BVA\nFIN-0911;FIN;\n', {
        fileName: 'sigles.csv',
        format: InterchangeFormat.CONCEPTS_CSV,
      });
      expect(report).toMatchObject({ applied: true, problems: [], concepts: { created: 0, updated: 1, unchanged: 1 } });
      const { rows } = await sql.query(
        `SELECT code, pref_label->>'fr' AS label, acronyms, version FROM concept WHERE code IN ('FIN-0910', 'FIN-0911') ORDER BY code`,
      );
      expect(rows).toEqual([
        { code: 'FIN-0910', label: 'Budget vert, annexe', acronyms: ['BV', 'BVA'], version: 2 },
        { code: 'FIN-0911', label: 'Taxonomie verte', acronyms: [], version: 1 },
      ]);
    });
  });

  describe('publication rules', () => {
    it('a steward of a domain that requires review: new published concepts arrive IN_REVIEW', async () => {
      const report = await importText(
        t,
        'code;domain;status;prefLabel@fr\nFIN-0920;FIN;PUBLISHED;Budget participatif\n',
        { fileName: 'bp.csv', format: InterchangeFormat.CONCEPTS_CSV },
        steward('bob', ['FIN']),
      );
      expect(report).toMatchObject({ applied: true, problems: [], sentToReview: 1, concepts: { created: 1 } });
      const { rows } = await sql.query(`SELECT status FROM concept WHERE code = 'FIN-0920'`);
      expect(rows).toEqual([{ status: 'IN_REVIEW' }]);
    });

    it('refuses what would bypass review, leave the steward’s domains or downgrade a published entry', async () => {
      const bob = steward('bob', ['FIN']);
      const published = await refused(
        'code;domain;prefLabel@fr\nFIN-0001;FIN;Instruction M57\n',
        { fileName: 'p.csv', format: InterchangeFormat.CONCEPTS_CSV },
        bob,
      );
      expect(published.problems).toEqual([
        {
          line: 2,
          field: 'status',
          message: 'The concept is PUBLISHED and domain FIN requires review: change it through the API (four eyes)',
        },
      ]);
      const deprecatedNew = await refused(
        'code;domain;status;prefLabel@fr\nFIN-0930;FIN;DEPRECATED;Ancien budget\n',
        { fileName: 'p.csv', format: InterchangeFormat.CONCEPTS_CSV },
        bob,
      );
      expect(deprecatedNew.problems).toEqual([
        {
          line: 2,
          field: 'status',
          message: "Publishing in domain FIN needs another person's approval: submit the concept for review instead",
        },
      ]);
      const elsewhere = await refused(
        'code;domain;prefLabel@fr\nRH-0900;RH;Télétravail\n',
        { fileName: 'p.csv', format: InterchangeFormat.CONCEPTS_CSV },
        bob,
      );
      expect(elsewhere.problems).toEqual([{ line: 2, field: 'domain', message: 'You are not a steward of domain RH' }]);
      const downgrade = await refused(
        'code;domain;status\nFIN-0001;FIN;DRAFT\n',
        { fileName: 'p.csv', format: InterchangeFormat.CONCEPTS_CSV },
        ADMIN,
      );
      expect(downgrade.problems).toEqual([
        { line: 2, field: 'status', message: 'The concept is PUBLISHED: an import does not take it back to DRAFT' },
      ]);
    });

    it('stewards re-import unchanged schemes, but only admins create or change a domain', async () => {
      const scheme = (label: string) =>
        `${TURTLE_PREFIXES}bms:FIN a skos:ConceptScheme ;\n    skos:prefLabel "${label}"@fr, "Finance"@en ;\n    <http://purl.org/dc/terms/description> "Budget et comptabilité publique locale selon l'instruction M57 : préparation et vote du budget, exécution des dépenses et des recettes, gestion pluriannuelle, opérations de fin d'exercice et ressources de la collectivité."@fr .\n`;
      const bob = steward('bob', ['FIN']);
      const same = await importText(t, scheme('Finances'), { fileName: 'fin.ttl', format: InterchangeFormat.SKOS_TURTLE }, bob);
      expect(same).toMatchObject({ applied: true, problems: [], domains: { created: 0, updated: 0, unchanged: 1 } });
      const renamed = await refused(scheme('Finances publiques'), { fileName: 'fin.ttl', format: InterchangeFormat.SKOS_TURTLE }, bob);
      expect(renamed.problems).toEqual([
        {
          subject: 'https://vocabulaire.bordeaux-metropole.example/scheme/FIN',
          field: 'skos:ConceptScheme',
          message: 'Creating or changing domain FIN is for admins',
        },
      ]);
    });

    it('readers and integrators may not import', async () => {
      await expect(
        importText(
          t,
          'code;domain;prefLabel@fr\n',
          { fileName: 'p.csv', format: InterchangeFormat.CONCEPTS_CSV },
          { ...ADMIN, id: 'user:r', roles: [] },
        ),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    });
  });
});
