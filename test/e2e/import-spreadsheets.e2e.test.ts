import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Role } from '@lexique/core';
import { bearer } from '../support/auth';
import { cli } from '../support/entry-points';
import { tableCounts } from '../support/interchange';
import { startTestApp, TestApp } from '../support/test-app';

const IMPORT = `mutation($input: ImportFileInput!) {
  importFile(input: $input) {
    applied rows concepts { created } sentToReview problemCount
    problems { line field reason message }
    outcomes { line entity key outcome status }
  }
}`;

/** A French Excel file, "CSV (séparateur : point-virgule)": French headers, Windows-1252 bytes. */
const EXCEL_TEXT =
  'Code;Domaine;Libellé préféré (français);Sigles;Définition (français)\r\n' +
  'FIN-0960;FIN;Dépense d’équipement;DE;Dépense qui accroît le patrimoine, hors œuvres d’art.\r\n' +
  'FIN-0961;FIN;Coût complet;;Coût d’un service, 12 € par habitant et par an.\r\n';
/** Windows-1252 is Latin-1 but for a few characters of 0x80-0x9F, such as ’, œ and €. */
const WINDOWS_1252: Record<string, number> = { '’': 0x92, œ: 0x9c, '€': 0x80 };
const excelBytes = () => Buffer.from([...EXCEL_TEXT].map((c) => WINDOWS_1252[c] ?? c.charCodeAt(0)));

describe('spreadsheet imports: French headers, Windows-1252 and templates (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('serves the templates with French headers and an example row', async () => {
    const reader = await bearer({ name: 'rita', roles: [Role.READER] });
    const concepts = await t.http().get('/export/templates/concepts.csv').set(reader);
    expect(concepts.status).toBe(200);
    expect(concepts.headers['content-disposition']).toBe('attachment; filename="modele-concepts.csv"');
    const [header, example] = concepts.text.replace(/^\uFEFF/, '').split('\r\n');
    expect(header.split(';').slice(0, 4)).toEqual(['Code', 'Domaine', 'Statut', 'Libellé préféré (français)']);
    expect(example.split(';')[0]).toBe('FIN-0900');
    const mappings = await t.http().get('/export/templates/mappings.csv').set(reader);
    expect(mappings.text).toContain('Système;Code local;Libellé local;Relation;Concept');
    expect((await t.http().get('/export/templates/systems.csv').set(reader)).status).toBe(404);
  });

  it('takes each template back unchanged: a steward trying the example first meets no refusal', async () => {
    const admin = await bearer({ name: 'ada', roles: [Role.ADMIN] });
    for (const [template, created] of [
      ['concepts', { concepts: { created: 1 } }],
      ['mappings', {}],
    ] as const) {
      const file = await t.http().get(`/export/templates/${template}.csv`).set(admin);
      const input = { fileName: `modele-${template}.csv`, content: file.text, dryRun: true };
      const report = (await t.gql(IMPORT, { input }, admin)).data!.importFile;
      expect({ template, problems: report.problems }).toEqual({ template, problems: [] });
      expect(report).toMatchObject({ rows: 1, ...created });
    }
  });

  it('imports a French Excel file in Windows-1252 when told its charset, and refuses it as UTF-8', async () => {
    const alice = await bearer({ name: 'alice', roles: [Role.STEWARD], domains: ['FIN'] });
    const content = excelBytes().toString('base64');
    const before = await tableCounts(t);
    const asUtf8 = await t.gql(IMPORT, { input: { fileName: 'excel.csv', content, encoding: 'BASE64', dryRun: true } }, alice);
    expect(asUtf8.data!.importFile).toMatchObject({
      problemCount: 1,
      problems: [{ line: 1, field: 'encoding', reason: 'FILE_UNREADABLE' }], // the header's é,
    });

    const textWithCharset = await t.gql(IMPORT, { input: { fileName: 'excel.csv', content: 'Code\n', charset: 'WINDOWS_1252' } }, alice);
    expect(textWithCharset.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.charset' });

    const input = { fileName: 'excel.csv', content, encoding: 'BASE64', charset: 'WINDOWS_1252', submit: true };
    const preview = await t.gql(IMPORT, { input: { ...input, dryRun: true } }, alice);
    expect(preview.data!.importFile).toMatchObject({
      applied: false,
      rows: 2,
      problemCount: 0,
      outcomes: [
        { line: 2, entity: 'CONCEPT', key: 'FIN-0960', outcome: 'CREATED', status: 'IN_REVIEW' },
        { line: 3, entity: 'CONCEPT', key: 'FIN-0961', outcome: 'CREATED', status: 'IN_REVIEW' },
      ],
    });
    expect(await tableCounts(t)).toEqual(before);

    const real = await t.gql(IMPORT, { input }, alice);
    expect(real.data!.importFile).toMatchObject({ applied: true, concepts: { created: 2 }, sentToReview: 2 });
    const { data } = await t.gql(`{ concept(code: "FIN-0960") { prefLabel definition acronyms status } }`, {}, alice);
    expect(data!.concept).toEqual({
      prefLabel: 'Dépense d’équipement',
      definition: 'Dépense qui accroît le patrimoine, hors œuvres d’art.',
      acronyms: ['DE'],
      status: 'IN_REVIEW',
    });
  });

  it('lexique import --charset windows-1252 reads the same file; an unknown charset is a usage error', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lexique-charset-')), 'excel.csv');
    fs.writeFileSync(file, excelBytes());
    const env = { DATABASE_URL: t.databaseUrl };
    const refused = await cli(['import', file, '--dry-run'], env);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain('not valid UTF-8');
    const read = await cli(['import', file, '--dry-run', '--charset', 'windows-1252'], env);
    expect(read.output).toContain('Dry run, nothing written.');
    const unknown = await cli(['import', file, '--charset', 'latin9'], env);
    expect(unknown.code).not.toBe(0);
    expect(unknown.output).toContain('Unknown charset "latin9"');
  });
});
