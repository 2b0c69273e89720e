import { Role } from '@lexique/core';
import { bearer } from '../support/auth';
import { tableCounts } from '../support/interchange';
import { startTestApp, TestApp } from '../support/test-app';

const IMPORT = `mutation($input: ImportFileInput!) {
  importFile(input: $input) { fileName format dryRun applied rows concepts { created updated unchanged } sentToReview problems { line subject field message } problemCount }
}`;

describe('export downloads and the import mutation (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it.each([
    ['/export/concepts/FIN.ttl', 'text/turtle; charset=utf-8', 'FIN.ttl', 'bmc:FIN-0001 a skos:Concept'],
    ['/export/concepts/fin.jsonld', 'application/ld+json; charset=utf-8', 'FIN.jsonld', '"@id":"bmc:FIN-0001"'],
    ['/export/concepts/FIN.csv', 'text/csv; charset=utf-8', 'FIN.csv', 'FIN-0001;FIN;PUBLISHED;Instruction budgétaire et comptable M57'],
    [
      '/export/mappings/SI-MER-FIN.sssom.tsv',
      'text/tab-separated-values; charset=utf-8',
      'SI-MER-FIN.sssom.tsv',
      'skos:exactMatch\tbmc:FIN-',
    ],
    ['/export/mappings/SI-MER-FIN.csv', 'text/csv; charset=utf-8', 'SI-MER-FIN.csv', 'SI-MER-FIN;'],
  ])('GET %s streams the file with its content type and name to a reader', async (url, contentType, fileName, sample) => {
    const response = await t
      .http()
      .get(url)
      .set(await bearer({ name: 'rita', roles: [Role.READER] }))
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => done(null, text));
      });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe(contentType);
    expect(response.headers['content-disposition']).toBe(`attachment; filename="${fileName}"`);
    expect(response.body).toContain(sample);
    // drafts stay with stewards
    expect(response.body).not.toMatch(/"DRAFT"|;DRAFT;/);
  });

  it('shows drafts of their domain to stewards, and answers 404 for unknown files', async () => {
    const steward = await t
      .http()
      .get('/export/concepts/FIN.csv')
      .set(await bearer({ name: 'alice', roles: [Role.STEWARD], domains: ['FIN'] }));
    // a reader token rather than no credentials: whether anonymous callers may read is a setting
    const reader = await bearer({ name: 'rita', roles: [Role.READER] });
    const forReader = await t.http().get('/export/concepts/FIN.csv').set(reader);
    const drafts = (text: string) => text.split('\r\n').filter((line) => line.split(';')[2] === 'DRAFT').length;
    expect(drafts(steward.text)).toBeGreaterThan(0);
    expect(drafts(forReader.text)).toBe(0);
    const missing = await t.http().get('/export/concepts/NOPE.ttl').set(reader);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: 'NOT_FOUND' });
    expect((await t.http().get('/export/concepts/FIN.xlsx').set(reader)).status).toBe(404);
  });

  it('importFile: stewards upload text or base64, with a dry run and a precise report; readers may not', async () => {
    const alice = await bearer({ name: 'alice', roles: [Role.STEWARD], domains: ['FIN'] });
    const csv = 'code;domain;status;prefLabel@fr\nFIN-0950;FIN;PUBLISHED;Budget vert expérimental\n';
    const before = await tableCounts(t);
    const dry = await t.gql(IMPORT, { input: { fileName: 'vert.csv', content: csv, dryRun: true } }, alice);
    expect(dry.errors).toBeUndefined();
    expect(dry.data!.importFile).toMatchObject({
      format: 'CONCEPTS_CSV',
      dryRun: true,
      applied: false,
      concepts: { created: 1 },
      sentToReview: 1,
      problems: [],
    });
    expect(await tableCounts(t)).toEqual(before);

    const latin1 = Buffer.from('code;domain;prefLabel@fr\nFIN-0951;FIN;Dépense\n', 'latin1').toString('base64');
    const bad = await t.gql(IMPORT, { input: { fileName: 'latin.csv', content: latin1, encoding: 'BASE64' } }, alice);
    expect(bad.data!.importFile).toMatchObject({
      applied: false,
      problemCount: 1,
      problems: [{ line: 2, field: 'encoding', subject: null }],
    });
    expect(await tableCounts(t)).toEqual(before);

    const real = await t.gql(
      IMPORT,
      { input: { fileName: 'vert.csv', content: Buffer.from(csv).toString('base64'), encoding: 'BASE64' } },
      alice,
    );
    expect(real.data!.importFile).toMatchObject({ applied: true, concepts: { created: 1 } });

    // the imported concept waits in review, and its importer counts as its editor: four eyes apply
    const approve = `mutation($code: String!, $version: Int!) { approveConcept(code: $code, version: $version) { status } }`;
    const selfApproval = await t.gql(approve, { code: 'FIN-0950', version: 1 }, alice);
    expect(selfApproval.errors![0].extensions!.code).toBe('FORBIDDEN');
    const carol = await bearer({ name: 'carol', roles: [Role.STEWARD], domains: ['FIN'] });
    expect((await t.gql(approve, { code: 'FIN-0950', version: 1 }, carol)).data!.approveConcept).toEqual({ status: 'PUBLISHED' });

    const reader = await t.gql(
      IMPORT,
      { input: { fileName: 'vert.csv', content: csv } },
      await bearer({ name: 'bob', roles: [Role.READER] }),
    );
    expect(reader.errors![0].extensions!.code).toBe('FORBIDDEN');
    const unknown = await t.gql(IMPORT, { input: { fileName: 'vert.xlsx', content: csv } }, alice);
    expect(unknown.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'format' });
  });
});
