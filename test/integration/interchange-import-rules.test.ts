import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { ImportReport, InterchangeFormat } from '@lexique/interchange';
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

  /** A report's problems as compared here: where, which field, which rule, what message (not the values the rule names). */
  const briefs = (report: ImportReport) => report.problems.map(({ values: _values, ...problem }) => problem);

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
      expect(briefs(report)).toEqual([
        { line: 3, field: 'encoding', reason: 'FILE_UNREADABLE', message: expect.stringContaining('not valid UTF-8') },
      ]);
    });

    it('CSV with a missing and an unknown column', async () => {
      const report = await refused('domain;definition@fr;label\nFIN;x;y\n', { fileName: 'c.csv', format: InterchangeFormat.CONCEPTS_CSV });
      expect(briefs(report)).toEqual([
        { line: 1, field: 'label', reason: 'INVALID_VALUE', message: expect.stringContaining('Unknown column "label"') },
        { line: 1, field: 'code', reason: 'INVALID_VALUE', message: 'Missing column "code"' },
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
      expect(briefs(noLabel)).toEqual([
        { line: 2, field: 'prefLabel.fr', reason: 'REQUIRED', message: 'FIN-0904 needs a French preferred label' },
      ]);
      const report = await refused(csv, { fileName: 'c.csv', format: InterchangeFormat.CONCEPTS_CSV });
      expect(briefs(report)).toEqual([
        { line: 4, field: 'broader[0]', reason: 'UNKNOWN_CONCEPT', message: 'Unknown concept "FIN-9999" in "broader"' },
        { line: 5, field: 'prefLabel.fr', reason: 'REQUIRED', message: 'FIN-0903 needs a French preferred label' },
        { line: 5, field: 'status', reason: 'INVALID_VALUE', message: expect.stringContaining('"MAYBE" is not a status') },
      ]);
      expect(report.concepts).toEqual({ created: 4, updated: 0, unchanged: 0, proposed: 0 });
    });

    it('CSV whose broader links make a cycle', async () => {
      const csv = 'code;domain;prefLabel@fr;broader\nFIN-0900;FIN;Un;FIN-0901\nFIN-0901;FIN;Deux;FIN-0900\n';
      const report = await refused(csv, { fileName: 'c.csv', format: InterchangeFormat.CONCEPTS_CSV });
      expect(briefs(report)).toEqual([
        {
          line: 2,
          field: 'broader',
          reason: 'BROADER_CYCLE',
          message: 'FIN-0900 would be broader than itself (a cycle of broader concepts: FIN-0900, FIN-0901)',
        },
        {
          line: 3,
          field: 'broader',
          reason: 'BROADER_CYCLE',
          message: 'FIN-0901 would be broader than itself (a cycle of broader concepts: FIN-0900, FIN-0901)',
        },
      ]);
    });

    it('broken Turtle: the line of the syntax error', async () => {
      const ttl = `${TURTLE_PREFIXES}bmc:FIN-0900 a skos:Concept ;\n    skos:inScheme bms:FIN ;\n    skos:prefLabel "Budget vert"@fr\n    bmo:status "DRAFT" .\n`;
      const report = await refused(ttl, { fileName: 'v.ttl', format: InterchangeFormat.SKOS_TURTLE });
      expect(briefs(report)).toEqual([
        { line: 8, field: 'Turtle', reason: 'FILE_UNREADABLE', message: expect.stringContaining('Not valid Turtle') },
      ]);
    });

    it('Turtle with unknown references: the subject of the triples', async () => {
      const ttl = `${TURTLE_PREFIXES}bmc:FIN-0900 a skos:Concept ;\n    skos:inScheme bms:FIN ;\n    skos:prefLabel "Budget vert municipal"@fr, "Budget vert bis"@fr ;\n    skos:broader bmc:FIN-9999 ;\n    skos:related <https://example.org/x> ;\n    bmo:status "DRAFT" .\n`;
      const report = await refused(ttl, { fileName: 'v.ttl', format: InterchangeFormat.SKOS_TURTLE });
      expect(briefs(report)).toEqual([
        {
          subject: `${CONCEPT}FIN-0900`,
          field: 'skos:prefLabel',
          reason: 'INVALID_VALUE',
          message: 'More than one value in language "fr"',
        },
        {
          subject: `${CONCEPT}FIN-0900`,
          field: 'skos:related',
          reason: 'INVALID_VALUE',
          message: expect.stringContaining('"https://example.org/x" is not a concept of this vocabulary'),
        },
      ]);
      const unknown = await refused(ttl.replace(', "Budget vert bis"@fr', '').replace('    skos:related <https://example.org/x> ;\n', ''), {
        fileName: 'v.ttl',
        format: InterchangeFormat.SKOS_TURTLE,
      });
      expect(briefs(unknown)).toEqual([
        {
          subject: `${CONCEPT}FIN-0900`,
          field: 'broader[0]',
          reason: 'UNKNOWN_CONCEPT',
          message: 'Unknown concept "FIN-9999" in "broader"',
        },
      ]);
    });

    it('broken JSON-LD', async () => {
      const report = await refused('{"@context": {"skos": "http://www.w3.org/2004/02/skos/core#"}, "@graph": [ {"@id": ', {
        fileName: 'v.jsonld',
        format: InterchangeFormat.SKOS_JSONLD,
      });
      expect(briefs(report)).toEqual([
        { subject: 'file', field: 'JSON-LD', reason: 'FILE_UNREADABLE', message: expect.stringContaining('Not valid JSON-LD') },
      ]);
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
      expect(briefs(report)).toEqual([
        { line: metadataLines + 2, field: 'concept', reason: 'INVALID_VALUE', message: 'Unknown concept "FIN-9999"' },
        {
          line: metadataLines + 3,
          field: 'subject_id',
          reason: 'INVALID_VALUE',
          message: expect.stringContaining('"nope:NEW2" is not a local code'),
        },
        {
          line: metadataLines + 4,
          field: 'predicate_id',
          reason: 'INVALID_VALUE',
          message: expect.stringContaining('"skos:sameAs" is not a SKOS mapping predicate'),
        },
      ]);
      expect(report.mappings).toEqual({ created: 2, updated: 0, unchanged: 0, proposed: 0 });
    });

    it('SSSOM without its object_id column', async () => {
      const report = await refused(`${SSSOM_METADATA}\nsubject_id\tpredicate_id\nmerfin:X\tskos:exactMatch\n`, {
        fileName: 'm.sssom.tsv',
        format: InterchangeFormat.SSSOM_TSV,
      });
      expect(briefs(report)).toEqual([
        { line: metadataLines + 1, field: 'object_id', reason: 'INVALID_VALUE', message: 'Missing column "object_id"' },
      ]);
    });

    it('mappings CSV with a bad relation, a missing concept and an unknown system', async () => {
      const csv = 'system,localCode,relation,concept\nSI-MER-FIN,Z1,SAME,FIN-0001\nSI-MER-FIN,Z2,EXACT,\nSI-NOPE,Z3,EXACT,FIN-0001\n';
      const report = await refused(csv, { fileName: 'mappings.csv', format: InterchangeFormat.MAPPINGS_CSV });
      expect(briefs(report)).toEqual([
        { line: 2, field: 'relation', reason: 'INVALID_VALUE', message: expect.stringContaining('"SAME" is not a relation') },
        { line: 3, field: 'concept', reason: 'INVALID_VALUE', message: 'A EXACT mapping names a concept' },
        { line: 4, field: 'system', reason: 'INVALID_VALUE', message: 'Unknown information system "SI-NOPE"' },
      ]);
    });

    it('mappings CSV limited to a system by --system', async () => {
      const csv = 'system;localCode;relation;concept\nSI-CBL-FIN;Z1;EXACT;FIN-0001\n';
      const report = await refused(csv, { fileName: 'mappings.csv', format: InterchangeFormat.MAPPINGS_CSV, system: 'SI-MER-FIN' });
      expect(briefs(report)).toEqual([
        { line: 2, field: 'system', reason: 'INVALID_VALUE', message: 'The import is limited to system SI-MER-FIN' },
      ]);
    });

    it('systems CSV with a bad owner', async () => {
      const csv = 'code,name,kind,owner,ownerName,status\nSI-NEW,Nouveau,FIN,3306,Bordeaux,ACTIVE\n';
      const report = await refused(csv, { fileName: 'systems.csv', format: InterchangeFormat.SYSTEMS_CSV });
      expect(briefs(report)).toEqual([
        { line: 2, field: 'owner', reason: 'INVALID_VALUE', message: expect.stringContaining('INSEE code') },
      ]);
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
      // a change to a published concept where review is required becomes its pending revision, as an edit does
      const proposed = await importText(
        t,
        'code;domain;prefLabel@fr\nFIN-0001;FIN;Instruction M57\n',
        { fileName: 'p.csv', format: InterchangeFormat.CONCEPTS_CSV },
        bob,
      );
      expect(proposed).toMatchObject({ applied: true, problems: [], concepts: { proposed: 1, updated: 0 } });
      expect(proposed.outcomes).toEqual([
        { line: 2, entity: 'CONCEPT', key: 'FIN-0001', outcome: 'PROPOSED', status: 'PUBLISHED', reasons: [] },
      ]);
      const { rows: pending } = await sql.query(
        `SELECT r.author, r.proposed->'prefLabel'->>'fr' AS label, c.pref_label->>'fr' AS current FROM revision r JOIN concept c ON c.id = r.entity_id
         WHERE c.code = 'FIN-0001' AND r.status = 'PENDING'`,
      );
      expect(pending).toEqual([{ author: 'user:bob', label: 'Instruction M57', current: expect.not.stringMatching(/^Instruction M57$/) }]);
      const deprecatedNew = await refused(
        'code;domain;status;prefLabel@fr\nFIN-0930;FIN;DEPRECATED;Ancien budget\n',
        { fileName: 'p.csv', format: InterchangeFormat.CONCEPTS_CSV },
        bob,
      );
      expect(briefs(deprecatedNew)).toEqual([
        {
          line: 2,
          field: 'status',
          reason: 'REVIEW_REQUIRED',
          message: "Publishing in domain FIN needs another person's approval: FIN-0930 cannot arrive deprecated",
        },
      ]);
      const elsewhere = await refused(
        'code;domain;prefLabel@fr\nRH-0900;RH;Télétravail\n',
        { fileName: 'p.csv', format: InterchangeFormat.CONCEPTS_CSV },
        bob,
      );
      expect(briefs(elsewhere)).toEqual([
        { line: 2, field: 'domain', reason: 'NOT_STEWARD', message: 'Only a steward of domain RH or an admin may change its concepts' },
      ]);
      const downgrade = await refused(
        'code;domain;status\nFIN-0001;FIN;DRAFT\n',
        { fileName: 'p.csv', format: InterchangeFormat.CONCEPTS_CSV },
        ADMIN,
      );
      expect(briefs(downgrade)).toEqual([
        {
          line: 2,
          field: 'status',
          reason: 'STATUS_DOWNGRADE',
          message: 'The concept is PUBLISHED: an import does not take it back to DRAFT',
        },
      ]);
    });

    it('stewards re-import unchanged schemes, but only admins create or change a domain', async () => {
      const scheme = (label: string) =>
        `${TURTLE_PREFIXES}bms:FIN a skos:ConceptScheme ;\n    skos:prefLabel "${label}"@fr, "Finance"@en ;\n    <http://purl.org/dc/terms/description> "Budget et comptabilité publique locale selon l'instruction M57 : préparation et vote du budget, exécution des dépenses et des recettes, gestion pluriannuelle, opérations de fin d'exercice et ressources de la collectivité."@fr .\n`;
      const bob = steward('bob', ['FIN']);
      const same = await importText(t, scheme('Finances'), { fileName: 'fin.ttl', format: InterchangeFormat.SKOS_TURTLE }, bob);
      expect(same).toMatchObject({ applied: true, problems: [], domains: { created: 0, updated: 0, unchanged: 1 } });
      const renamed = await refused(scheme('Finances publiques'), { fileName: 'fin.ttl', format: InterchangeFormat.SKOS_TURTLE }, bob);
      expect(briefs(renamed)).toEqual([
        {
          subject: 'https://vocabulaire.bordeaux-metropole.example/scheme/FIN',
          field: 'skos:ConceptScheme',
          reason: 'ADMIN_ONLY',
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
