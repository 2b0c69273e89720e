import { Role } from '@lexique/core';
import { bearer } from '../support/auth';
import { apiWithCallers } from '../support/callers';
import { draft, MUTATIONS, ok, published } from '../support/stewardship';

const QUEUE = `query($domains: [String!], $first: Int, $after: String) {
  reviewQueue(domains: $domains, first: $first, after: $after) {
    totalCount domains { domain count oldestSince }
    edges { cursor node { kind key domain author since version reason mayApprove changes { field before after }
      concept { code status } mapping { localCode status } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const BULK = (name: string) =>
  `mutation($items: [ConceptVersionInput!]!, $reason: String${name === 'rejectConcepts' ? '!' : ''}) { ${name}(items: $items, reason: $reason) { code status version } }`;

/**
 * The reviewer's inbox: what waits for a second person, with what it
 * changes, and bulk decisions that are all or nothing.
 */
describe('review queue and bulk review (e2e)', () => {
  const { t, who } = apiWithCallers();

  const queue = async (headers: Record<string, string>, variables: Record<string, unknown> = {}) => {
    const response = await t.gql(QUEUE, variables, headers);
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    return response.data!.reviewQueue;
  };

  it('lists new concepts, revisions and mappings waiting in the caller’s domains, with what they change and who may approve', async () => {
    const empty = await queue(who.reviewer);
    const [a, b, c] = await Promise.all([draft(t, who), draft(t, who), draft(t, who)]);
    // the steward sends three drafts to review at once
    const submitted = await ok(
      t,
      BULK('submitConcepts'),
      { items: [a, b, c].map(({ code, version }) => ({ code, version })), reason: 'Lot de rentrée' },
      who.setup,
    );
    expect(submitted.map((s: { status: string }) => s.status)).toEqual(['IN_REVIEW', 'IN_REVIEW', 'IN_REVIEW']);
    // an edit of a published concept waits as its revision
    const live = await published(t, who);
    await ok(
      t,
      MUTATIONS.update,
      { code: live.code, version: live.version, input: { definition: { fr: 'Nouvelle définition' } }, reason: 'Précision' },
      who.steward,
    );

    // and a new mapping sent to review
    const mapping = await ok(
      t,
      `mutation { upsertMapping(input: { system: "SI-MER-FIN", localCode: "RQ-1", localLabel: "Budget (file d'attente)", relation: EXACT, concept: "FIN-0001" }) { version } }`,
      {},
      who.steward,
    );
    await ok(
      t,
      `mutation($v: Int!) { submitMapping(system: "SI-MER-FIN", localCode: "RQ-1", version: $v) { status } }`,
      { v: mapping.version },
      who.steward,
    );

    const inbox = await queue(who.reviewer);
    expect(inbox.totalCount).toBe(empty.totalCount + 5);
    const queuedMapping = inbox.edges.find((e: any) => e.node.key === 'SI-MER-FIN/RQ-1').node;
    expect(queuedMapping).toMatchObject({
      kind: 'NEW_MAPPING',
      domain: 'FIN',
      author: 'user:alice',
      mayApprove: true,
      mapping: { localCode: 'RQ-1', status: 'IN_REVIEW' },
    });
    expect(queuedMapping.changes).toEqual(expect.arrayContaining([{ field: 'concept', before: null, after: 'FIN-0001' }]));
    const fin = inbox.domains.find((d: { domain: string }) => d.domain === 'FIN');
    expect(fin.count).toBeGreaterThanOrEqual(5);
    const mine = inbox.edges.map((e: any) => e.node).filter((n: any) => [a.code, b.code, c.code, live.code].includes(n.key));
    expect(mine.map((n: any) => [n.kind, n.key, n.author])).toEqual([
      ['NEW_CONCEPT', a.code, 'user:setup'],
      ['NEW_CONCEPT', b.code, 'user:setup'],
      ['NEW_CONCEPT', c.code, 'user:setup'],
      ['CONCEPT_REVISION', live.code, 'user:alice'],
    ]);
    const revision = mine[3];
    expect(revision).toMatchObject({
      domain: 'FIN',
      reason: 'Précision',
      mayApprove: true,
      concept: { code: live.code, status: 'PUBLISHED' },
    });
    expect(revision.changes).toEqual([{ field: 'definition.fr', before: null, after: 'Nouvelle définition' }]);
    expect(mine[0].changes).toEqual(expect.arrayContaining([{ field: 'prefLabel.fr', before: null, after: `Libellé d'essai ${a.code}` }]));
    // its author sees it too, but may not approve it (four eyes)
    const forAuthor = (await queue(who.steward)).edges.find((e: any) => e.node.key === live.code).node;
    expect(forAuthor.mayApprove).toBe(false);
  });

  it('pages oldest first with stable cursors', async () => {
    const all = await queue(who.reviewer, { first: 200 });
    const first = await queue(who.reviewer, { first: 2 });
    expect(first.pageInfo.hasNextPage).toBe(all.totalCount > 2);
    const second = await queue(who.reviewer, { first: 2, after: first.pageInfo.endCursor });
    expect([...first.edges, ...second.edges].map((e: any) => e.node.key)).toEqual(all.edges.slice(0, 4).map((e: any) => e.node.key));
    const since = all.edges.map((e: any) => Date.parse(e.node.since));
    expect(since).toEqual([...since].sort((x, y) => x - y));
  });

  it('shows a steward only the domains they steward, refuses the others by name, and is closed to readers', async () => {
    const rh = await queue(who.otherSteward);
    expect(rh.edges.every((e: any) => e.node.domain === 'RH')).toBe(true);
    const refused = await t.gql(QUEUE, { domains: ['FIN'] }, who.otherSteward);
    expect(refused.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_STEWARD', field: 'domains[0]' });
    expect((await t.gql(QUEUE, {}, who.reader)).errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await t.gql(QUEUE, {}, {})).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('approves a selection all or nothing: one stale version and nothing changes, the refusal naming its item', async () => {
    const [a, b] = await Promise.all([draft(t, who), draft(t, who)]);
    const items = await ok(t, BULK('submitConcepts'), { items: [a, b].map(({ code, version }) => ({ code, version })) }, who.setup);
    const stale = await t.gql(
      BULK('approveConcepts'),
      {
        items: [
          { code: a.code, version: items[0].version },
          { code: b.code, version: 1 },
        ],
      },
      who.reviewer,
    );
    expect(stale.errors![0].extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'STALE_VERSION',
      field: 'items[1].version',
      currentVersion: items[1].version,
    });
    const { data } = await t.gql(`{ a: concept(code: "${a.code}") { status } b: concept(code: "${b.code}") { status } }`, {}, who.admin);
    expect(data).toEqual({ a: { status: 'IN_REVIEW' }, b: { status: 'IN_REVIEW' } });

    // the same rules as one at a time: the author of both may not approve them, each refusal listed
    const own = await t.gql(
      BULK('approveConcepts'),
      { items: items.map(({ code, version }: { code: string; version: number }) => ({ code, version })) },
      await bearer({ name: 'setup', roles: [Role.ADMIN] }),
    );
    expect(own.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'SELF_APPROVAL' });
    expect(own.errors![0].extensions!.problems).toEqual([
      expect.objectContaining({ index: 0, reason: 'SELF_APPROVAL' }),
      expect.objectContaining({ index: 1, reason: 'SELF_APPROVAL' }),
    ]);

    const approved = await ok(
      t,
      BULK('approveConcepts'),
      { items: items.map(({ code, version }: any) => ({ code, version })), reason: 'Relu' },
      who.reviewer,
    );
    expect(approved.map((c: { status: string }) => c.status)).toEqual(['PUBLISHED', 'PUBLISHED']);
    const keys = (await queue(who.reviewer, { first: 200 })).edges.map((e: any) => e.node.key);
    expect(keys).not.toContain(a.code);
    expect(keys).not.toContain(b.code);
  });

  it('rejects a selection with a required reason', async () => {
    const one = await draft(t, who);
    const [item] = await ok(t, BULK('submitConcepts'), { items: [{ code: one.code, version: one.version }] }, who.setup);
    const noReason = await t.gql(BULK('rejectConcepts'), { items: [{ code: one.code, version: item.version }], reason: ' ' }, who.reviewer);
    expect(noReason.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const [rejected] = await ok(
      t,
      BULK('rejectConcepts'),
      { items: [{ code: one.code, version: item.version }], reason: 'Doublon' },
      who.reviewer,
    );
    expect(rejected.status).toBe('DRAFT');
  });
});
