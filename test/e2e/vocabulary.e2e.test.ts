import { SearchDocumentRefresher } from '@lexique/search';
import { readDemoVocabulary } from '@lexique/interchange';
import { Role } from '@lexique/core';
import { bearer } from '../support/auth';
import { startTestApp, TestApp } from '../support/test-app';

const demo = readDemoVocabulary();
const published = demo.concepts.filter((c) => c.status === 'PUBLISHED' || c.status === 'DEPRECATED');

describe('vocabulary read API (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    // statements are counted per call: the background refresh of search documents stopped
    await t.app.get(SearchDocumentRefresher).onApplicationShutdown();
  });
  afterAll(() => t.close());

  it('finds Floirac by its INSEE-based code, with its domain and hierarchy', async () => {
    const { data, errors } = await t.gql(`{ concept(code: "TER-33167") { code prefLabel status domain { code label } broader { code } } }`);
    expect(errors).toBeUndefined();
    expect(data!.concept).toEqual({
      code: 'TER-33167',
      prefLabel: 'Floirac',
      status: 'PUBLISHED',
      domain: { code: 'TER', label: 'Territoire' },
      broader: [{ code: 'TER-243300316' }],
    });
  });

  it('lists the eight domains with the number of concepts a reader sees', async () => {
    const { data } = await t.gql(`{ domains { code label(lang: "en") conceptCount requiresReview } }`);
    expect(data!.domains.map((d: { code: string }) => d.code)).toEqual(['ACH', 'FIN', 'IMMO', 'JUR', 'MOB', 'NUM', 'RH', 'TER']);
    for (const domain of data!.domains) {
      expect(domain.conceptCount).toBe(published.filter((c) => c.domain === domain.code).length);
    }
    expect(data!.domains.find((d: { code: string }) => d.code === 'FIN').label).toBe('Finance');
  });

  it('returns labels per language, acronyms, definition, source, and never hidden labels', async () => {
    const fin1 = demo.concepts.find((c) => c.code === 'FIN-0001')!;
    const { data } = await t.gql(
      `{ concept(code: "FIN-0001") { prefLabel en: prefLabel(lang: "en") altLabels acronyms definition scopeNote version createdAt related { code } } }`,
    );
    expect(data!.concept.prefLabel).toBe(fin1.prefLabel.fr);
    expect(data!.concept.en).toBe(fin1.prefLabel.en);
    expect(data!.concept.altLabels).toEqual(fin1.altLabels!.fr);
    expect(data!.concept.acronyms).toEqual(fin1.acronyms);
    expect(data!.concept.definition).toBe(fin1.definition!.fr);
    expect(data!.concept.scopeNote).toBe(fin1.scopeNote!.fr);
    expect(data!.concept.version).toBe(1);
    expect(new Date(data!.concept.createdAt).getTime()).not.toBeNaN();
    expect(data!.concept.related.map((r: { code: string }) => r.code).sort()).toEqual([...fin1.related!].sort());

    const introspection = await t.gql(`{ __type(name: "Concept") { fields { name } } }`);
    const fields = introspection.data!.__type.fields.map((f: { name: string }) => f.name);
    expect(fields).not.toContain('hiddenLabels');
    const body = JSON.stringify(
      (await t.gql(`{ concepts(first: 500) { edges { node { code prefLabel altLabels acronyms definition } } } }`)).data,
    );
    const hidden = demo.concepts
      .flatMap((c) => c.hiddenLabels ?? [])
      .filter((h) => !JSON.stringify(demo.concepts.map((c) => [c.prefLabel, c.altLabels, c.acronyms, c.definition])).includes(h));
    expect(hidden.length).toBeGreaterThan(10);
    for (const label of hidden) expect(body).not.toContain(label);
  });

  it('shows a deprecated concept with its replacement', async () => {
    const { data } = await t.gql(`{ concept(code: "FIN-0002") { status replacedBy { code status prefLabel } } }`);
    expect(data!.concept).toEqual({
      status: 'DEPRECATED',
      replacedBy: { code: 'FIN-0001', status: 'PUBLISHED', prefLabel: demo.concepts[0].prefLabel.fr },
    });
  });

  it('finds a concept by id, and answers null for an absent one', async () => {
    const byCode = await t.gql(`{ concept(code: "RH-0002") { id code } }`);
    const byId = await t.gql(`query($id: ID) { concept(id: $id) { code } }`, { id: byCode.data!.concept.id });
    expect(byId.data!.concept.code).toBe('RH-0002');
    const absent = await t.gql(`{ a: concept(code: "RH-9999") { code } b: concept(id: "00000000-0000-4000-8000-000000000000") { code } }`);
    expect(absent).toEqual({ data: { a: null, b: null } });
  });

  it('hides drafts from readers', async () => {
    const draft = demo.concepts.find((c) => c.status === 'DRAFT')!;
    const { data } = await t.gql(`query($code: String) { concept(code: $code) { code } }`, { code: draft.code });
    expect(data!.concept).toBeNull();
    const drafts = await t.gql(`{ concepts(filter: { statuses: [DRAFT] }) { totalCount } }`);
    expect(drafts.data!.concepts.totalCount).toBe(0);
  });

  it('pages through all concepts of a domain with cursors, without gaps or repeats', async () => {
    const expected = published
      .filter((c) => c.domain === 'RH')
      .map((c) => c.code)
      .sort();
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = await t.gql(
        `query($after: String) { concepts(filter: { domain: "RH" }, first: 7, after: $after) { totalCount edges { cursor node { code } } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      expect(page.data.concepts.totalCount).toBe(expected.length);
      seen.push(...page.data.concepts.edges.map((e: any) => e.node.code));
      if (!page.data.concepts.pageInfo.hasNextPage) break;
      after = page.data.concepts.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);
  });

  it('filters by status', async () => {
    const { data } = await t.gql(`{ concepts(filter: { statuses: [DEPRECATED] }, first: 100) { totalCount edges { node { status } } } }`);
    expect(data!.concepts.totalCount).toBe(demo.concepts.filter((c) => c.status === 'DEPRECATED').length);
    expect(new Set(data!.concepts.edges.map((e: any) => e.node.status))).toEqual(new Set(['DEPRECATED']));
  });

  it.each([
    ['{ concepts(first: 501) { totalCount } }', 'first'],
    ['{ concepts(after: "garbage") { totalCount } }', 'after'],
    ['{ concept(code: "FIN-0001") { prefLabel(lang: "xx") } }', 'lang'],
    ['{ concepts(filter: { domain: "NOPE" }) { totalCount } }', 'filter.domain'],
    ['{ concept { code } }', 'code'],
    ['{ concept(id: "not-a-uuid") { code } }', 'id'],
  ])('refuses %s with BAD_USER_INPUT naming %s', async (query, field) => {
    const { errors } = await t.gql(query);
    expect(errors).toHaveLength(1);
    expect(errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(errors![0].message).toContain(field.split('.').pop());
  });

  it('loads relations of a page of 50 or 100 concepts in a constant number of SQL statements', async () => {
    const query = (first: number) =>
      `{ concepts(first: ${first}) { edges { node { code domain { code conceptCount } broader { code } narrower { code } related { code } replacedBy { code } } } } }`;
    const cost = async (first: number) => {
      const before = t.queryCount();
      const { errors } = await t.gql(query(first));
      expect(errors).toBeUndefined();
      return t.queryCount() - before;
    };
    // both pages hold deprecated concepts, so both load replacements
    const small = await cost(50);
    const large = await cost(100);
    expect(large).toBe(small);
    expect(large).toBeLessThanOrEqual(10);
  });
});

describe('visibility by role (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const draft = demo.concepts.find((c) => c.status === 'DRAFT')!;
  const query = `query($code: String) { concept(code: $code) { code status } }`;

  it('shows drafts to stewards of their domain and to admins only', async () => {
    const steward = await bearer({ name: 'alice', roles: [Role.STEWARD], domains: [draft.domain] });
    const otherSteward = await bearer({ name: 'bob', roles: [Role.STEWARD], domains: [draft.domain === 'FIN' ? 'RH' : 'FIN'] });
    const admin = await bearer({ name: 'root', roles: [Role.ADMIN] });
    expect((await t.gql(query, { code: draft.code }, steward)).data!.concept).toEqual({ code: draft.code, status: 'DRAFT' });
    expect((await t.gql(query, { code: draft.code }, admin)).data!.concept).toEqual({ code: draft.code, status: 'DRAFT' });
    expect((await t.gql(query, { code: draft.code }, otherSteward)).data!.concept).toBeNull();
  });

  it('refuses a forged or malformed token with UNAUTHENTICATED', async () => {
    const forged = (await bearer({ name: 'mallory', roles: [Role.ADMIN] })).authorization.slice(0, -4) + 'AAAA';
    for (const authorization of [forged, 'Basic abc', 'Bearer']) {
      const { errors } = await t.gql(query, { code: draft.code }, { authorization });
      expect(errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    }
  });
});

describe('domain maintainers (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('names the people who wrote in a domain, most recent first, and not the system; readers only see who changed published content', async () => {
    const maintainers = `{ domain(code: "FIN") { maintainers { name lastChangeAt } } other: domain(code: "RH") { maintainers { name } } }`;
    expect((await t.gql(maintainers)).data!.domain.maintainers).toEqual([]); // the demo data was loaded by the system

    const create = `mutation($input: CreateConceptInput!) { createConcept(input: $input) { code version } }`;
    const stewards: Record<string, Record<string, string>> = {};
    for (const [name, code] of [
      ['alice', 'FIN-0901'],
      ['bob', 'FIN-0902'],
    ]) {
      stewards[name] = await bearer({ name, roles: [Role.STEWARD], domains: ['FIN'] });
      const { errors } = await t.gql(create, { input: { domain: 'FIN', code, prefLabel: { fr: `Essai ${code}` } } }, stewards[name]);
      expect(errors).toBeUndefined();
    }
    // who works on drafts, and when, is the domain's stewards' business
    const forSteward = (await t.gql(maintainers, {}, stewards.alice)).data!;
    expect(forSteward.domain.maintainers.map((m: { name: string }) => m.name)).toEqual(['bob', 'alice']);
    expect((await t.gql(maintainers)).data!.domain.maintainers).toEqual([]);

    const submitted = (await t.gql(`mutation { submitConcept(code: "FIN-0902", version: 1) { version } }`, {}, stewards.bob)).data!
      .submitConcept;
    const carol = await bearer({ name: 'carol', roles: [Role.STEWARD], domains: ['FIN'] });
    const approve = await t.gql(
      `mutation($v: Int!) { approveConcept(code: "FIN-0902", version: $v) { status } }`,
      { v: submitted.version },
      carol,
    );
    expect(approve.errors).toBeUndefined();
    const { data } = await t.gql(maintainers);
    expect(data!.domain.maintainers.map((m: { name: string }) => m.name)).toEqual(['carol']);
    expect(data!.other.maintainers).toEqual([]);
  });
});
