import { demoSession } from '../support/sessions';
import { startTestApp, TestApp } from '../support/test-app';

describe("the workspace's reads: next free code, a code's mappings, notifications (e2e)", () => {
  let t: TestApp;
  let claire: string;
  let julien: string;
  let sophie: string;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp({ embedded: true });
    [claire, julien, sophie, admin] = await Promise.all(
      ['claire', 'julien', 'sophie', 'admin'].map(async (p) => (await demoSession(t, p)).cookie),
    );
  });
  afterAll(() => t.close());

  const gql = async (cookie: string, query: string, variables: Record<string, unknown> = {}) => {
    const { data, errors } = await t.gql(query, variables, { cookie });
    if (errors) throw Object.assign(new Error(errors[0].message), { extensions: errors[0].extensions });
    return data!;
  };

  describe('nextConceptCode', () => {
    it('is one past the highest numbered code of the domain, drafts included, on four digits', async () => {
      const all: string[] = [];
      let after: string | null = null;
      do {
        const page: any = (
          await gql(
            admin,
            `query($after: String) { concepts(filter: { domain: "FIN" }, first: 500, after: $after) { edges { node { code } } pageInfo { hasNextPage endCursor } } }`,
            { after },
          )
        ).concepts;
        all.push(...page.edges.map((e: { node: { code: string } }) => e.node.code));
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after);
      const highest = Math.max(...all.filter((c) => /^FIN-\d+$/.test(c)).map((c) => Number(c.slice(4))));
      const { nextConceptCode } = await gql(claire, `{ nextConceptCode(domain: "fin") }`);
      expect(nextConceptCode).toBe(`FIN-${String(highest + 1).padStart(4, '0')}`);

      // a draft takes its code: the next suggestion moves past it
      await gql(
        claire,
        `mutation($code: String!) { createConcept(input: { domain: "FIN", code: $code, prefLabel: { fr: "Code suivant essai" } }) { code } }`,
        { code: nextConceptCode },
      );
      expect((await gql(julien, `{ nextConceptCode(domain: "FIN") }`)).nextConceptCode).toBe(`FIN-${String(highest + 2).padStart(4, '0')}`);
      // codes that are not plain numbers do not count
      await gql(
        claire,
        `mutation { createConcept(input: { domain: "FIN", code: "FIN-ZZ99", prefLabel: { fr: "Code en lettres" } }) { code } }`,
      );
      expect((await gql(julien, `{ nextConceptCode(domain: "FIN") }`)).nextConceptCode).toBe(`FIN-${String(highest + 2).padStart(4, '0')}`);
    });

    it('is for the stewards of the domain and admins; an unknown domain is NOT_FOUND', async () => {
      await expect(gql(sophie, `{ nextConceptCode(domain: "FIN") }`)).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
      await expect(gql(admin, `{ nextConceptCode(domain: "NOPE") }`)).rejects.toMatchObject({
        extensions: { code: 'NOT_FOUND', field: 'domain' },
      });
      expect((await t.gql(`{ nextConceptCode(domain: "FIN") }`)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('mappingsOfCode', () => {
    it('shows a draft mapping to the stewards of its domain, and only published ones to others (the code stored as given, found trimmed)', async () => {
      const saved = (
        await gql(
          claire,
          `mutation { upsertMapping(input: { system: "SI-MER-FIN", localCode: " NEW-42 ", localLabel: "Budget nouveau", relation: EXACT, concept: "FIN-0001" }) { id status version } }`,
        )
      ).upsertMapping;
      expect(saved.status).toBe('DRAFT');
      const query = `{ mappingsOfCode(system: "si-mer-fin", localCode: "NEW-42") { id localCode status version concept { code } } }`;
      expect((await gql(julien, query)).mappingsOfCode).toEqual([
        { id: saved.id, localCode: ' NEW-42 ', status: 'DRAFT', version: saved.version, concept: { code: 'FIN-0001' } },
      ]);
      expect((await gql(admin, query)).mappingsOfCode).toHaveLength(1);
      expect((await gql(sophie, query)).mappingsOfCode).toEqual([]);
      expect((await t.gql(query)).data!.mappingsOfCode).toEqual([]);
    });

    it('gives every period of a published code to everyone', async () => {
      const { data } = await t.gql(`{ mappingsOfCode(system: "SI-BDX-GRH", localCode: "0703") { status relation concept { code } } }`);
      expect(data!.mappingsOfCode.length).toBeGreaterThan(0);
      expect(data!.mappingsOfCode.every((m: { status: string }) => m.status === 'PUBLISHED')).toBe(true);
    });
  });

  describe('myNotifications', () => {
    it('tells the author of each approval and rejection by someone else, with the reason and the name of who decided', async () => {
      const create = `mutation($code: String!, $label: String!) { createConcept(input: { domain: "FIN", code: $code, prefLabel: { fr: $label } }) { version } }`;
      const submit = `mutation($code: String!, $version: Int!) { submitConcept(code: $code, version: $version) { version } }`;
      let version = (await gql(claire, create, { code: 'FIN-8001', label: 'Avis approuvé' })).createConcept.version;
      version = (await gql(claire, submit, { code: 'FIN-8001', version })).submitConcept.version;
      await gql(julien, `mutation($v: Int!) { approveConcept(code: "FIN-8001", version: $v, reason: "Relu, conforme") { version } }`, {
        v: version,
      });

      version = (await gql(claire, create, { code: 'FIN-8002', label: 'Avis refusé' })).createConcept.version;
      version = (await gql(claire, submit, { code: 'FIN-8002', version })).submitConcept.version;
      await gql(julien, `mutation($v: Int!) { rejectConcept(code: "FIN-8002", version: $v, reason: "Doublon de FIN-0004") { version } }`, {
        v: version,
      });

      const mine = (await gql(claire, `{ myNotifications { entity key label decision reason by } }`)).myNotifications;
      expect(mine.slice(0, 2)).toEqual([
        {
          entity: 'CONCEPT',
          key: 'FIN-8002',
          label: 'Avis refusé',
          decision: 'REJECTED',
          reason: 'Doublon de FIN-0004',
          by: 'Julien Moreau',
        },
        { entity: 'CONCEPT', key: 'FIN-8001', label: 'Avis approuvé', decision: 'APPROVED', reason: 'Relu, conforme', by: 'Julien Moreau' },
      ]);
      // the reviewer is told nothing about their own decisions
      expect((await gql(julien, `{ myNotifications { key } }`)).myNotifications.map((n: { key: string }) => n.key)).not.toContain(
        'FIN-8001',
      );
      expect((await t.gql(`{ myNotifications { key } }`)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('counts a decision for the last editor: a steward who edited an entry in review is its author from then on', async () => {
      let version = (
        await gql(
          claire,
          `mutation { createConcept(input: { domain: "FIN", code: "FIN-8003", prefLabel: { fr: "Repris par Julien" } }) { version } }`,
        )
      ).createConcept.version;
      version = (await gql(claire, `mutation($v: Int!) { submitConcept(code: "FIN-8003", version: $v) { version } }`, { v: version }))
        .submitConcept.version;
      version = (
        await gql(
          julien,
          `mutation($v: Int!) { updateConcept(code: "FIN-8003", version: $v, input: { definition: { fr: "Précisé." } }) { version } }`,
          { v: version },
        )
      ).updateConcept.version;
      await gql(claire, `mutation($v: Int!) { approveConcept(code: "FIN-8003", version: $v) { version } }`, { v: version });
      const julienSees = (await gql(julien, `{ myNotifications { key decision by } }`)).myNotifications;
      expect(julienSees).toContainEqual({ key: 'FIN-8003', decision: 'APPROVED', by: 'Claire Dubois' });
      const claireSees = (await gql(claire, `{ myNotifications { key } }`)).myNotifications.map((n: { key: string }) => n.key);
      expect(claireSees).not.toContain('FIN-8003');
    });
  });

  it('names the people behind the history, when they signed in to the page', async () => {
    const { history } = await gql(julien, `{ history(key: "FIN-8001") { principal principalName action } }`);
    expect(history.map((h: { principalName: string; action: string }) => [h.action, h.principalName])).toEqual([
      ['CREATE', 'Claire Dubois'],
      ['SUBMIT', 'Claire Dubois'],
      ['APPROVE', 'Julien Moreau'],
    ]);
    const seeded = (await t.gql(`{ history(key: "FIN-0001") { principal principalName } }`)).data!.history[0];
    expect(seeded.principalName).toBeNull();
  });
});
