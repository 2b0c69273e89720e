import { Role } from '@lexique/core';
import { readDemoVocabulary } from '@lexique/interchange';
import { bearer } from '../support/auth';
import { apiWithCallers } from '../support/callers';
import { MUTATIONS, ok, onlyError, published } from '../support/stewardship';
import { untilChangesReadable } from '../support/change-log';
import { TestApp } from '../support/test-app';

const CHANGE = `sequence at principal entity entityId key domain action reason before after changes { field before after }`;
const FEED = `query($after: String, $first: Int, $domains: [String!]) {
  changes(after: $after, first: $first, domains: $domains) { edges { cursor node { ${CHANGE} } } pageInfo { hasNextPage endCursor startCursor } }
}`;

/** Pages the feed from `after` until it is caught up; returns the changes and where to resume. */
async function follow(t: TestApp, headers: Record<string, string>, after: string | null, first = 50, domains?: string[]) {
  // what this file wrote has committed; other test files' transactions on the same server may still hold the horizon back
  await untilChangesReadable(t.databaseUrl);
  const seen: any[] = [];
  for (;;) {
    const { data, errors } = await t.gql(FEED, { after, first, domains }, headers);
    if (errors) throw new Error(JSON.stringify(errors));
    seen.push(...data!.changes.edges.map((e: any) => e.node));
    after = data!.changes.pageInfo.endCursor ?? after;
    if (!data!.changes.pageInfo.hasNextPage) return { seen, after };
  }
}

describe('history and the change feed (e2e)', () => {
  const { t, who } = apiWithCallers();
  let integrator: Record<string, string>;
  beforeAll(async () => {
    integrator = await bearer({ name: 'sig-rh', roles: [Role.INTEGRATOR] });
  });

  it('gives the history of a concept with who, when, what and why, and a field-level diff', async () => {
    const c = await published(t, who, { acronyms: ['HI'], definition: { fr: 'Première définition' } });
    const edited = await ok(
      t,
      MUTATIONS.update,
      {
        code: c.code,
        version: c.version,
        input: { definition: { fr: 'Seconde définition' }, hiddenLabels: ['histoir'] },
        reason: 'plus précis',
      },
      who.steward,
    );
    await ok(t, MUTATIONS.approve, { code: c.code, version: edited.version, reason: 'relu' }, who.reviewer);

    const query = `query($key: String!) { history(key: $key) { principal action reason at changes { field before after } } }`;
    const { data } = await t.gql(query, { key: c.code }, who.steward);
    expect(data!.history.map((h: any) => [h.principal, h.action, h.reason])).toEqual([
      ['user:setup', 'CREATE', null],
      ['user:setup', 'SUBMIT', null],
      ['user:setup-reviewer', 'APPROVE', null],
      ['user:alice', 'PROPOSE_REVISION', 'plus précis'],
      ['user:bob', 'APPROVE_REVISION', 'relu'],
    ]);
    expect(data!.history[1].changes).toEqual([{ field: 'status', before: 'DRAFT', after: 'IN_REVIEW' }]);
    expect(data!.history[4].changes).toEqual([
      { field: 'definition.fr', before: 'Première définition', after: 'Seconde définition' },
      { field: 'hiddenLabels', before: null, after: ['histoir'] },
    ]);
    const times = data!.history.map((h: any) => Date.parse(h.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);

    // a reader sees the published life of the entry only: no drafts, no proposals, no hidden labels
    const forReader = await t.gql(query, { key: c.code }, who.reader);
    expect(forReader.data!.history.map((h: any) => h.action)).toEqual(['APPROVE', 'APPROVE_REVISION']);
    expect(forReader.data!.history[0].changes.find((f: any) => f.field === 'status')).toEqual({
      field: 'status',
      before: null,
      after: 'PUBLISHED',
    });
    expect(JSON.stringify(forReader.data)).not.toContain('histoir');

    // the same through the concept
    const viaConcept = await t.gql(`query($code: String) { concept(code: $code) { history { action } } }`, { code: c.code }, who.reader);
    expect(viaConcept.data!.concept.history).toEqual(forReader.data!.history.map((h: any) => ({ action: h.action })));
  });

  it('gives the history of the demo data and of domains, and NOT_FOUND for a concept the caller may not see', async () => {
    const { data } = await t.gql(`{ history(key: "fin-0002") { principal action reason } }`);
    expect(data!.history).toEqual([{ principal: 'system', action: 'CREATE', reason: 'demo data' }]);
    await ok(
      t,
      MUTATIONS.updateDomain,
      { code: 'JUR', version: 1, input: { label: { fr: 'Affaires juridiques et assemblées', en: 'Legal affairs' } }, reason: 'renamed' },
      who.admin,
    );
    const domain = await t.gql(`{ history(entity: DOMAIN, key: "JUR") { action reason changes { field before after } } }`, {}, who.reader);
    expect(domain.data!.history[1]).toEqual({
      action: 'UPDATE',
      reason: 'renamed',
      changes: [{ field: 'label.fr', before: 'Affaires juridiques', after: 'Affaires juridiques et assemblées' }],
    });
    const draftCode = readDemoVocabulary().concepts.find((c) => c.status === 'DRAFT')!.code;
    const draft = await t.gql(`query($key: String!) { history(key: $key) { action } }`, { key: draftCode }, who.reader);
    expect(onlyError(draft).extensions).toMatchObject({ code: 'NOT_FOUND', field: 'key' });
  });

  it('pages the feed from the start with cursors, in order, resumable, filtered by domain', async () => {
    const all = await follow(t, integrator, null, 200);
    expect(all.seen.length).toBeGreaterThan(400);
    const sequences = all.seen.map((c) => BigInt(c.sequence));
    expect(new Set(sequences).size).toBe(sequences.length);
    // readers of the feed never see drafts nor hidden labels
    expect(all.seen.some((c) => c.after?.status === 'DRAFT' || c.before?.status === 'DRAFT')).toBe(false);
    expect(JSON.stringify(all.seen)).not.toContain('hiddenLabels');
    // systems and domains are public whatever their status
    const demo = readDemoVocabulary();
    expect(all.seen.filter((c) => c.entity === 'SYSTEM')).toHaveLength(demo.systems.length);
    expect(all.seen.filter((c) => c.entity === 'DOMAIN' && c.action === 'CREATE')).toHaveLength(demo.domains.length);

    // caught up: nothing new until someone writes; then exactly that
    expect((await follow(t, integrator, all.after)).seen).toEqual([]);
    const c = await published(t, who);
    const next = await follow(t, integrator, all.after);
    expect(next.seen.map((x) => [x.key, x.action])).toEqual([[c.code, 'APPROVE']]);
    // stewards of the domain see every step
    const forSteward = await follow(t, who.steward, all.after);
    expect(forSteward.seen.map((x) => x.action)).toEqual(['CREATE', 'SUBMIT', 'APPROVE']);

    const rh = await follow(t, integrator, null, 100, ['rh']);
    expect(rh.seen.length).toBeGreaterThan(0);
    expect(new Set(rh.seen.map((x) => x.domain))).toEqual(new Set(['RH']));
  });

  it('refuses a foreign cursor, an unknown domain and a page too large, naming the argument', async () => {
    for (const [variables, field] of [
      [{ after: 'garbage' }, 'after'],
      [{ after: Buffer.from('lx1:FIN-0001').toString('base64url') }, 'after'],
      [{ domains: ['NOPE'] }, 'domains'],
    ] as const) {
      expect(onlyError(await t.gql(FEED, variables, integrator)).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const tooLarge = await t.gql(`{ changes(first: 501) { pageInfo { endCursor } } }`, {}, integrator);
    expect(onlyError(tooLarge).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('gives a follower every change exactly once while many writers mutate through the API concurrently', async () => {
    await untilChangesReadable(t.databaseUrl);
    const start = (await follow(t, integrator, null, 500)).after;
    const domains = ['FIN', 'RH', 'ACH', 'JUR'];
    const stewardOf = await Promise.all(domains.map((d) => bearer({ name: `writer-${d}`, roles: [Role.STEWARD], domains: [d] })));
    const perWriter = 5;
    const expected: string[] = [];
    let done = false;

    // two writers per domain; each creates drafts and edits them: CREATE + UPDATE per concept
    const write = async (w: number) => {
      const domain = w % domains.length;
      for (let i = 0; i < perWriter; i++) {
        const code = `${domains[domain]}-C${w}${i}`;
        const created = await ok(
          t,
          MUTATIONS.create,
          { input: { domain: domains[domain], code, prefLabel: { fr: `Concurrent ${code}` } } },
          stewardOf[domain],
        );
        await ok(t, MUTATIONS.update, { code, version: created.version, input: { acronyms: [`A${i}`] } }, stewardOf[domain]);
        expected.push(`${code}:CREATE`, `${code}:UPDATE`);
      }
    };
    const seen: string[] = [];
    let after = start;
    const read = async () => {
      while (!done) {
        const { data } = await t.gql(FEED, { after, first: 5 }, who.admin);
        seen.push(...data!.changes.edges.map((e: any) => `${e.node.key}:${e.node.action}`));
        after = data!.changes.pageInfo.endCursor ?? after;
      }
      seen.push(...(await follow(t, who.admin, after)).seen.map((x) => `${x.key}:${x.action}`));
    };
    const reading = read();
    await Promise.all(Array.from({ length: domains.length * 2 }, (_, w) => write(w)));
    // every write has committed; transactions of other test files on the same server can still hold the horizon back
    await untilChangesReadable(t.databaseUrl);
    done = true;
    await reading;

    expect(seen).toHaveLength(expected.length);
    expect(new Set(seen).size).toBe(expected.length);
    expect([...seen].sort()).toEqual([...expected].sort());
    // per concept, the creation comes before the edit
    for (const key of expected.filter((e) => e.endsWith(':CREATE'))) {
      expect(seen.indexOf(key)).toBeLessThan(seen.indexOf(key.replace(':CREATE', ':UPDATE')));
    }
  });
});
