import { DataSource } from 'typeorm';
import { draftMapping, freshCode, MAPPING_MUTATIONS, mappingInReview, mappingState, TRANSLATE } from '../support/mapping-editing';
import { apiWithCallers } from '../support/callers';
import { MUTATIONS, ok, onlyError } from '../support/stewardship';

const HISTORY = `query($key: String!) { history(entity: MAPPING, key: $key) { principal action reason domain before after changes { field before after } } }`;
const FEED = `query($after: String) { changes(after: $after, first: 500) { edges { node { entity key action after } } pageInfo { endCursor hasNextPage } } }`;

describe('mapping editing with review (e2e)', () => {
  const { t, who } = apiWithCallers();

  const translate = async (code: string, system = 'SI-MER-FIN') =>
    (await t.gql(TRANSLATE, { system, code }, who.reader)).data!.translate as { found: boolean; concept: { code: string } | null };

  it('takes a new mapping from draft to published through a second steward, who is recorded as reviewer', async () => {
    const localCode = freshCode();
    const created = await ok(
      t,
      MAPPING_MUTATIONS.upsert,
      {
        input: {
          system: 'si-mer-fin',
          localCode: ` ${localCode} `,
          localLabel: ' Budget test ',
          relation: 'EXACT',
          concept: 'fin-0001',
          justification: 'semapv:LexicalMatching',
          confidence: 0.8,
        },
        reason: 'inventaire',
      },
      who.steward,
    );
    expect(created).toMatchObject({
      status: 'DRAFT',
      version: 1,
      localLabel: 'Budget test',
      concept: { code: 'FIN-0001' },
      author: 'user:alice',
      reviewer: null,
      justification: 'semapv:LexicalMatching',
      confidence: 0.8,
    });
    expect((await translate(localCode)).found).toBe(false);

    const submitted = await ok(t, MAPPING_MUTATIONS.submit, { system: 'SI-MER-FIN', localCode, version: 1 }, who.steward);
    expect(submitted).toMatchObject({ status: 'IN_REVIEW', version: 2 });
    const self = onlyError(await t.gql(MAPPING_MUTATIONS.approve, { system: 'SI-MER-FIN', localCode, version: 2 }, who.steward));
    expect(self.extensions!.code).toBe('FORBIDDEN');
    expect(self.message).toContain('four eyes');
    const queue = `{ mappingsAwaitingReview(system: "SI-MER-FIN", first: 500) { localCode status version } }`;
    expect((await t.gql(queue, {}, who.reviewer)).data!.mappingsAwaitingReview).toContainEqual({
      localCode: ` ${localCode} `, // stored as the system writes it
      status: 'IN_REVIEW',
      version: 2,
    });
    expect((await t.gql(queue, {}, who.otherSteward)).data!.mappingsAwaitingReview).toEqual([]);
    const approved = await ok(t, MAPPING_MUTATIONS.approve, { system: 'SI-MER-FIN', localCode, version: 2, reason: 'vu' }, who.reviewer);
    expect((await t.gql(queue, {}, who.reviewer)).data!.mappingsAwaitingReview.map((m: any) => m.localCode)).not.toContain(
      ` ${localCode} `,
    );
    expect(approved).toMatchObject({ status: 'PUBLISHED', version: 3, author: 'user:alice', reviewer: 'user:bob' });
    expect(await translate(localCode)).toMatchObject({ found: true, concept: { code: 'FIN-0001' } });
  });

  it('keeps an edit of a published mapping pending, invisible to translation, until another person approves it', async () => {
    const before = await translate('1.1');
    expect(before.concept!.code).toBe('FIN-0004');
    const edited = await ok(
      t,
      MAPPING_MUTATIONS.upsert,
      {
        input: { system: 'SI-MER-FIN', localCode: '1.1', localLabel: 'Budget primitif', relation: 'CLOSE', concept: 'FIN-0003' },
        version: 1,
        reason: 'plus large',
      },
      who.steward,
    );
    expect(edited).toMatchObject({ status: 'PUBLISHED', version: 2, relation: 'EXACT', concept: { code: 'FIN-0004' } });
    expect(edited.pendingRevision).toMatchObject({ author: 'user:alice', reason: 'plus large' });
    expect(edited.pendingRevision.changes).toEqual(
      expect.arrayContaining([
        { field: 'concept', before: 'FIN-0004', after: 'FIN-0003' },
        { field: 'relation', before: 'EXACT', after: 'CLOSE' },
      ]),
    );
    expect(await translate('1.1')).toMatchObject({ found: true, concept: { code: 'FIN-0004' } });
    const queued = (await t.gql(`{ mappingsAwaitingReview(system: "SI-MER-FIN") { localCode pendingRevision { author } } }`, {}, who.admin))
      .data!.mappingsAwaitingReview;
    expect(queued).toContainEqual({ localCode: '1.1', pendingRevision: { author: 'user:alice' } });
    const readerView = await t.gql(
      `{ system(code: "SI-MER-FIN") { mappings(first: 3) { edges { node { localCode pendingRevision { author } } } } } }`,
      {},
      who.reader,
    );
    expect(readerView.data!.system.mappings.edges.map((e: any) => e.node.pendingRevision)).toEqual([null, null, null]);

    expect(
      onlyError(await t.gql(MAPPING_MUTATIONS.approve, { system: 'SI-MER-FIN', localCode: '1.1', version: 2 }, who.steward)).extensions!
        .code,
    ).toBe('FORBIDDEN');
    const applied = await ok(
      t,
      MAPPING_MUTATIONS.approve,
      { system: 'SI-MER-FIN', localCode: '1.1', version: 2, reason: 'ok' },
      who.reviewer,
    );
    expect(applied).toMatchObject({
      status: 'PUBLISHED',
      version: 3,
      relation: 'CLOSE',
      concept: { code: 'FIN-0003' },
      author: 'user:alice',
      reviewer: 'user:bob',
      pendingRevision: null,
    });
    expect(await translate('1.1')).toMatchObject({ found: true, concept: { code: 'FIN-0003' } });

    // history: stewards see the proposal; readers see only what readers saw change
    const steward = (await t.gql(HISTORY, { key: 'SI-MER-FIN/1.1' }, who.steward)).data!.history;
    expect(steward.map((h: any) => h.action)).toEqual(['CREATE', 'PROPOSE_REVISION', 'APPROVE_REVISION']);
    expect(steward[2]).toMatchObject({ principal: 'user:bob', reason: 'ok', domain: 'FIN' });
    expect(steward[2].changes).toEqual(expect.arrayContaining([{ field: 'concept', before: 'FIN-0004', after: 'FIN-0003' }]));
    const reader = (await t.gql(HISTORY, { key: 'SI-MER-FIN/1.1' }, who.reader)).data!.history;
    expect(reader.map((h: any) => h.action)).toEqual(['CREATE', 'APPROVE_REVISION']);

    // the feed carries the approval to integrators; other test files share the cluster's transaction
    // horizon, below which alone the feed reads, so follow it until our rows have passed it
    let after: string | null = null;
    const seen: any[] = [];
    for (let round = 0; round < 100 && !seen.some((c) => c.key === 'SI-MER-FIN/1.1' && c.action === 'APPROVE_REVISION'); round++) {
      if (round > 0) await new Promise((resolve) => setTimeout(resolve, 100));
      for (;;) {
        const page: any = (await t.gql(FEED, { after }, who.integrator)).data!.changes;
        seen.push(...page.edges.map((e: any) => e.node));
        after = page.pageInfo.endCursor ?? after;
        if (!page.pageInfo.hasNextPage) break;
      }
    }
    const mine = seen.filter((c) => c.key === 'SI-MER-FIN/1.1');
    expect(mine.map((c) => c.action)).toEqual(['CREATE', 'APPROVE_REVISION']);
    expect(mine[1].after).toMatchObject({ concept: 'FIN-0003', status: 'PUBLISHED' });
  });

  it('rejects a pending revision with a required reason, and a mapping in review back to draft', async () => {
    const edited = await ok(
      t,
      MAPPING_MUTATIONS.upsert,
      { input: { system: 'SI-MER-FIN', localCode: '1.2', relation: 'RELATED', concept: 'FIN-0001' }, version: 1 },
      who.steward,
    );
    const ref = { system: 'SI-MER-FIN', localCode: '1.2', version: edited.version };
    expect(onlyError(await t.gql(MAPPING_MUTATIONS.reject, { ...ref, reason: ' ' }, who.reviewer)).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'reason',
    });
    const rejected = await ok(t, MAPPING_MUTATIONS.reject, { ...ref, reason: 'non' }, who.reviewer);
    expect(rejected).toMatchObject({ status: 'PUBLISHED', relation: 'EXACT', concept: { code: 'FIN-0006' }, pendingRevision: null });
    expect(await translate('1.2')).toMatchObject({ concept: { code: 'FIN-0006' } });

    const inReview = await mappingInReview(t, who.setup);
    expect(
      await ok(
        t,
        MAPPING_MUTATIONS.reject,
        { system: 'SI-MER-FIN', localCode: inReview.localCode, version: inReview.version, reason: 'à revoir' },
        who.steward,
      ),
    ).toMatchObject({ status: 'DRAFT' });
  });

  it('publishes directly in a domain without review, and edits published mappings in place there', async () => {
    const domain = await ok(t, MUTATIONS.updateDomain, { code: 'ACH', version: 1, input: { requiresReview: false } }, who.admin);
    expect(domain.requiresReview).toBe(false);
    const code = freshCode();
    const created = await ok(
      t,
      MAPPING_MUTATIONS.upsert,
      { input: { system: 'SI-MUT-ACH', localCode: code, relation: 'UNMAPPED', note: 'hors vocabulaire' } },
      who.admin,
    );
    expect(created).toMatchObject({ status: 'PUBLISHED', relation: 'UNMAPPED', concept: null });
    expect(await translate(code, 'SI-MUT-ACH')).toMatchObject({ found: true, concept: null });
    const edited = await ok(
      t,
      MAPPING_MUTATIONS.upsert,
      { input: { system: 'SI-MUT-ACH', localCode: code, relation: 'UNMAPPED', note: 'vérifié' }, version: created.version },
      who.admin,
    );
    expect(edited).toMatchObject({ status: 'PUBLISHED', note: 'vérifié', version: created.version + 1, pendingRevision: null });
  });

  it('lets the stewards of the system kind write UNMAPPED codes, and nobody else but admins', async () => {
    const input = { system: 'SI-MER-FIN', localCode: freshCode(), relation: 'UNMAPPED' };
    expect(onlyError(await t.gql(MAPPING_MUTATIONS.upsert, { input }, who.otherSteward)).extensions!.code).toBe('FORBIDDEN');
    expect(await ok(t, MAPPING_MUTATIONS.upsert, { input }, who.steward)).toMatchObject({ status: 'DRAFT', concept: null });
    // SI-TAL-COURRIER is of kind GED, which names no domain
    const ged = { system: 'SI-TAL-COURRIER', localCode: freshCode(), relation: 'UNMAPPED' };
    expect(onlyError(await t.gql(MAPPING_MUTATIONS.upsert, { input: ged }, who.steward)).extensions!.code).toBe('FORBIDDEN');
    expect(await ok(t, MAPPING_MUTATIONS.upsert, { input: ged }, who.admin)).toMatchObject({ concept: null });
  });

  it('lets exactly one of two concurrent updates of the same version win', async () => {
    const created = await draftMapping(t, who.setup);
    const variables = (note: string) => ({
      input: { system: 'SI-MER-FIN', localCode: created.localCode, relation: 'EXACT', concept: 'FIN-0001', note },
      version: created.version,
    });
    const [a, b] = await Promise.all([
      t.gql(MAPPING_MUTATIONS.upsert, variables('from alice'), who.steward),
      t.gql(MAPPING_MUTATIONS.upsert, variables('from bob'), who.reviewer),
    ]);
    const winners = [a, b].filter((r) => !r.errors);
    const losers = [a, b].filter((r) => r.errors);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expect(onlyError(losers[0]).extensions).toMatchObject({ code: 'CONFLICT', currentVersion: created.version + 1 });
    const { rows, changes } = await mappingState(t, 'SI-MER-FIN', created.localCode);
    expect(rows).toHaveLength(1);
    expect(rows[0].note).toBe(winners[0].data!.upsertMapping.note);
    expect(changes).toBe(2);

    const stale = onlyError(
      await t.gql(MAPPING_MUTATIONS.delete, { system: 'SI-MER-FIN', localCode: created.localCode, version: created.version }, who.steward),
    );
    expect(stale.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: created.version + 1 });
  });

  const long = (n: number) => 'x'.repeat(n);
  it.each([
    ['an unknown system', 'input.system', { system: 'SI-NOPE' }],
    ['an empty local code', 'input.localCode', { localCode: '  ' }],
    ['a local code over 100 characters', 'input.localCode', { localCode: long(101) }],
    ['a local label over 500 characters', 'input.localLabel', { localLabel: long(501) }],
    ['a note over 2000 characters', 'input.note', { note: long(2001) }],
    ['an unknown concept', 'input.concept', { concept: 'FIN-9999' }],
    ['a draft concept', 'input.concept', { concept: 'FIN-0059' }],
    ['no concept for an EXACT relation', 'input.concept', { concept: null }],
    ['a concept with UNMAPPED', 'input.concept', { relation: 'UNMAPPED' }],
    ['dates in the wrong order', 'input.validTo', { validFrom: '2026-01-01', validTo: '2025-01-01' }],
    ['an unknown justification', 'input.justification', { justification: 'semapv:Guesswork' }],
    ['a confidence above 1', 'input.confidence', { confidence: 1.5 }],
  ] as [string, string, Record<string, unknown>][])('refuses %s, naming %s, and writes nothing', async (_what, field, change) => {
    const localCode = typeof change.localCode === 'string' ? change.localCode : freshCode();
    const input = { system: 'SI-MER-FIN', localCode, relation: 'EXACT', concept: 'FIN-0001', ...change };
    const error = onlyError(await t.gql(MAPPING_MUTATIONS.upsert, { input }, who.steward));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await mappingState(t, 'SI-MER-FIN', localCode)).toEqual({ rows: [], changes: 0 });
  });

  it('refuses an edit that breaks a rule and leaves the mapping and its log as they were', async () => {
    const created = await draftMapping(t, who.setup);
    const before = await mappingState(t, 'SI-MER-FIN', created.localCode);
    const error = onlyError(
      await t.gql(
        MAPPING_MUTATIONS.upsert,
        { input: { system: 'SI-MER-FIN', localCode: created.localCode, relation: 'EXACT', concept: 'FIN-9999' }, version: created.version },
        who.steward,
      ),
    );
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.concept' });
    expect(await mappingState(t, 'SI-MER-FIN', created.localCode)).toEqual(before);
  });

  it('refuses overlapping periods of one local code, whatever their status, and again when one is published', async () => {
    const localCode = freshCode();
    const first = await draftMapping(t, who.setup, { localCode, validFrom: '2020-01-01', validTo: '2021-01-01' });
    const again = onlyError(
      await t.gql(
        MAPPING_MUTATIONS.upsert,
        { input: { system: 'SI-MER-FIN', localCode, relation: 'EXACT', concept: 'FIN-0006', validFrom: '2020-06-01' } },
        who.steward,
      ),
    );
    expect(again.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PERIOD_OVERLAP', field: 'input.validFrom' });
    // the same start again is the same mapping: name its version to change it
    const same = onlyError(
      await t.gql(
        MAPPING_MUTATIONS.upsert,
        { input: { system: 'SI-MER-FIN', localCode, relation: 'EXACT', concept: 'FIN-0006', validFrom: '2020-01-01' } },
        who.steward,
      ),
    );
    expect(same.extensions).toMatchObject({ code: 'CONFLICT', reason: 'STALE_VERSION', field: 'input.localCode', currentVersion: 1 });
    const later = await ok(
      t,
      MAPPING_MUTATIONS.upsert,
      { input: { system: 'SI-MER-FIN', localCode, relation: 'EXACT', concept: 'FIN-0006', validFrom: '2021-01-01' } },
      who.steward,
    );
    const stretch = onlyError(
      await t.gql(
        MAPPING_MUTATIONS.upsert,
        {
          input: {
            id: first.id,
            system: 'SI-MER-FIN',
            localCode,
            relation: 'EXACT',
            concept: 'FIN-0001',
            validFrom: '2020-01-01',
            validTo: '2022-01-01',
          },
          version: 1,
        },
        who.steward,
      ),
    );
    expect(stretch.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PERIOD_OVERLAP', field: 'input.validFrom' });
    expect(
      onlyError(await t.gql(MAPPING_MUTATIONS.submit, { system: 'SI-MER-FIN', localCode, version: 1 }, who.steward)).extensions,
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'PERIOD_AMBIGUOUS',
      field: 'id',
    });

    // a row written behind the writer's back is caught when the draft is published
    const submitted = await ok(t, MAPPING_MUTATIONS.submit, { system: 'SI-MER-FIN', localCode, version: 1, id: first.id }, who.setup);
    await t.app.get(DataSource).query(`DELETE FROM mapping WHERE id = $1`, [later.id]);
    await t.app
      .get(DataSource)
      .query(
        `INSERT INTO mapping (system_code, local_code, concept_id, relation, status) SELECT 'SI-MER-FIN', $1, id, 'EXACT', 'PUBLISHED' FROM concept WHERE code = 'FIN-0003'`,
        [localCode],
      );
    const before = await mappingState(t, 'SI-MER-FIN', localCode);
    const overlap = onlyError(
      await t.gql(MAPPING_MUTATIONS.approve, { system: 'SI-MER-FIN', localCode, version: submitted.version, id: first.id }, who.reviewer),
    );
    expect(overlap.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PERIOD_OVERLAP', field: 'validFrom' });
    expect(overlap.message).not.toMatch(/exclu|constraint|mapping_one/i);
    expect(await mappingState(t, 'SI-MER-FIN', localCode)).toEqual(before);
  });

  it('deletes a mapping, which translation then no longer finds, keeping it in the history', async () => {
    const before = await translate('1.3');
    expect(before.found).toBe(true);
    const deleted = await ok(
      t,
      MAPPING_MUTATIONS.delete,
      { system: 'SI-MER-FIN', localCode: '1.3', version: 1, reason: 'code supprimé' },
      who.steward,
    );
    expect(deleted).toMatchObject({ localCode: '1.3', concept: { code: 'FIN-0005' } });
    expect((await translate('1.3')).found).toBe(false);
    const history = (await t.gql(HISTORY, { key: 'SI-MER-FIN/1.3' }, who.reader)).data!.history;
    expect(history.map((h: any) => h.action)).toEqual(['CREATE', 'DELETE']);
    expect(history[1].reason).toBe('code supprimé');
    expect(history[1]).toMatchObject({ before: { concept: 'FIN-0005', status: 'PUBLISHED' }, after: null });
  });
});
