import { DataSource } from 'typeorm';
import { apiWithCallers } from '../support/callers';
import { draft, inReview, MUTATIONS, ok, onlyError, published, stateOf } from '../support/stewardship';

describe('review flow (e2e)', () => {
  const { t, who } = apiWithCallers();

  it('takes a concept from draft to published through review by a second steward', async () => {
    const created = await ok(
      t,
      MUTATIONS.create,
      {
        input: {
          domain: 'fin',
          code: 'fin-0900',
          prefLabel: { fr: '  Dette   garantie ', en: 'Guaranteed debt' },
          acronyms: ['DG'],
          broader: ['FIN-0001'],
        },
        reason: 'new entry',
      },
      who.steward,
    );
    expect(created).toMatchObject({
      code: 'FIN-0900',
      status: 'DRAFT',
      version: 1,
      prefLabel: 'Dette garantie',
      en: 'Guaranteed debt',
      broader: [{ code: 'FIN-0001' }],
    });
    const reader = await t.gql(`{ concept(code: "FIN-0900") { code } }`, {}, who.reader);
    expect(reader.data!.concept).toBeNull();

    const submitted = await ok(t, MUTATIONS.submit, { code: 'FIN-0900', version: 1 }, who.steward);
    expect(submitted).toMatchObject({ status: 'IN_REVIEW', version: 2 });

    const self = onlyError(await t.gql(MUTATIONS.approve, { code: 'FIN-0900', version: 2 }, who.steward));
    expect(self.extensions!.code).toBe('FORBIDDEN');
    expect(self.message).toContain('four eyes');

    const approved = await ok(t, MUTATIONS.approve, { code: 'FIN-0900', version: 2, reason: 'checked' }, who.reviewer);
    expect(approved).toMatchObject({ status: 'PUBLISHED', version: 3 });
    expect((await t.gql(`{ concept(code: "FIN-0900") { status } }`, {}, who.reader)).data!.concept).toEqual({ status: 'PUBLISHED' });
  });

  it('keeps an edit of a published concept pending until another person approves it', async () => {
    const concept = await published(t, who, { acronyms: ['AB'] });
    const edited = await ok(
      t,
      MUTATIONS.update,
      {
        code: concept.code,
        version: concept.version,
        input: { prefLabel: { fr: `${concept.prefLabel} révisé` }, acronyms: ['ABR'] },
        reason: 'clearer',
      },
      who.steward,
    );
    expect(edited).toMatchObject({ status: 'PUBLISHED', version: concept.version + 1, prefLabel: concept.prefLabel, acronyms: ['AB'] });
    expect(edited.pendingRevision).toMatchObject({
      author: 'user:alice',
      reason: 'clearer',
      changes: [
        { field: 'acronyms', before: ['AB'], after: ['ABR'] },
        { field: 'prefLabel.fr', before: concept.prefLabel, after: `${concept.prefLabel} révisé` },
      ],
    });

    // readers and the search see the published text until approval
    const read = await t.gql(
      `query($code: String) { concept(code: $code) { prefLabel acronyms pendingRevision { author } } }`,
      { code: concept.code },
      who.reader,
    );
    expect(read.data!.concept).toEqual({ prefLabel: concept.prefLabel, acronyms: ['AB'], pendingRevision: null });

    // a second edit by the reviewer builds on the proposal; then its author cannot approve it, alice can
    const again = await ok(
      t,
      MUTATIONS.update,
      { code: concept.code, version: edited.version, input: { source: 'CGCT L2321-2' } },
      who.reviewer,
    );
    expect(again.pendingRevision).toMatchObject({ author: 'user:bob', proposed: { acronyms: ['ABR'], source: 'CGCT L2321-2' } });
    expect(onlyError(await t.gql(MUTATIONS.approve, { code: concept.code, version: again.version }, who.reviewer)).extensions!.code).toBe(
      'FORBIDDEN',
    );
    const applied = await ok(t, MUTATIONS.approve, { code: concept.code, version: again.version }, who.steward);
    expect(applied).toMatchObject({
      status: 'PUBLISHED',
      prefLabel: `${concept.prefLabel} révisé`,
      acronyms: ['ABR'],
      source: 'CGCT L2321-2',
      pendingRevision: null,
    });
  });

  it('rejects a pending revision with a reason, leaving the published concept as it was', async () => {
    const concept = await published(t, who);
    const edited = await ok(
      t,
      MUTATIONS.update,
      { code: concept.code, version: concept.version, input: { acronyms: ['ZZ'] } },
      who.steward,
    );
    expect(
      onlyError(await t.gql(MUTATIONS.reject, { code: concept.code, version: edited.version, reason: '  ' }, who.reviewer)).extensions,
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'reason',
    });
    const rejected = await ok(t, MUTATIONS.reject, { code: concept.code, version: edited.version, reason: 'not an acronym' }, who.reviewer);
    expect(rejected).toMatchObject({ status: 'PUBLISHED', acronyms: [], pendingRevision: null });
  });

  it('rejects a concept in review back to draft, and restores a withdrawn one', async () => {
    const a = await inReview(t, who);
    expect(await ok(t, MUTATIONS.reject, { code: a.code, version: a.version, reason: 'definition missing' }, who.steward)).toMatchObject({
      status: 'DRAFT',
    });
    const b = await inReview(t, who);
    expect(await ok(t, MUTATIONS.restore, { code: b.code, version: b.version }, who.steward)).toMatchObject({ status: 'DRAFT' });
  });

  it('deprecates a published concept with a published successor, and restores it to a draft', async () => {
    const old = await published(t, who);
    const successor = await published(t, who);
    const unpublished = await draft(t, who);
    const refuse = async (replacedBy: string) =>
      onlyError(await t.gql(MUTATIONS.deprecate, { code: old.code, version: old.version, replacedBy }, who.steward)).extensions;
    expect(await refuse(unpublished.code)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'replacedBy' });
    expect(await refuse(old.code)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'replacedBy' });
    expect(await refuse('FIN-NOPE')).toMatchObject({ code: 'BAD_USER_INPUT', field: 'replacedBy' });
    const deprecated = await ok(
      t,
      MUTATIONS.deprecate,
      { code: old.code, version: old.version, replacedBy: successor.code, reason: 'merged' },
      who.steward,
    );
    expect(deprecated).toMatchObject({ status: 'DEPRECATED', replacedBy: { code: successor.code } });

    const editDeprecated = onlyError(
      await t.gql(MUTATIONS.update, { code: old.code, version: deprecated.version, input: { acronyms: ['X'] } }, who.steward),
    );
    expect(editDeprecated.extensions).toMatchObject({ code: 'CONFLICT', status: 'DEPRECATED', allowedActions: ['RESTORE'] });

    const restored = await ok(t, MUTATIONS.restore, { code: old.code, version: deprecated.version }, who.steward);
    expect(restored).toMatchObject({ status: 'DRAFT', replacedBy: null });
    // it was published once: its code is frozen
    const rename = onlyError(
      await t.gql(MUTATIONS.update, { code: old.code, version: restored.version, input: { code: `${old.code}9` } }, who.steward),
    );
    expect(rename.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.code' });
  });

  it('refuses transitions outside the machine with CONFLICT and the allowed actions', async () => {
    const created = await draft(t, who);
    const error = onlyError(await t.gql(MUTATIONS.approve, { code: created.code, version: created.version }, who.reviewer));
    expect(error.extensions).toMatchObject({ code: 'CONFLICT', status: 'DRAFT', allowedActions: ['SUBMIT'] });
    const deprecate = onlyError(await t.gql(MUTATIONS.deprecate, { code: created.code, version: created.version }, who.steward));
    expect(deprecate.extensions).toMatchObject({ code: 'CONFLICT', status: 'DRAFT' });
  });

  it('lets a steward publish directly where the domain requires no review', async () => {
    const domain = await ok(
      t,
      MUTATIONS.updateDomain,
      { code: 'FIN', version: 1, input: { requiresReview: false }, reason: 'pilot' },
      who.admin,
    );
    expect(domain).toMatchObject({ requiresReview: false, version: 2 });
    try {
      const created = await ok(
        t,
        MUTATIONS.create,
        { input: { domain: 'FIN', code: 'FIN-0901', prefLabel: { fr: 'Ligne de trésorerie directe' } } },
        who.steward,
      );
      const direct = await ok(t, MUTATIONS.approve, { code: 'FIN-0901', version: created.version }, who.steward);
      expect(direct.status).toBe('PUBLISHED');
      const edited = await ok(t, MUTATIONS.update, { code: 'FIN-0901', version: direct.version, input: { acronyms: ['LT'] } }, who.steward);
      expect((await ok(t, MUTATIONS.approve, { code: 'FIN-0901', version: edited.version }, who.steward)).acronyms).toEqual(['LT']);
    } finally {
      await ok(t, MUTATIONS.updateDomain, { code: 'FIN', version: 2, input: { requiresReview: true } }, who.admin);
    }
  });

  it('edits a draft in place, and a draft never published may change its code', async () => {
    const created = await draft(t, who);
    const renamed = await ok(
      t,
      MUTATIONS.update,
      { code: created.code, version: 1, input: { code: `${created.code}R`, source: 'Art. 1' } },
      who.steward,
    );
    expect(renamed).toMatchObject({ code: `${created.code}R`, source: 'Art. 1', version: 2, status: 'DRAFT', pendingRevision: null });
    const history = await t.gql(
      `query($key: String!) { history(key: $key) { action key changes { field before after } } }`,
      { key: renamed.code },
      who.steward,
    );
    expect(history.data!.history.map((h: any) => [h.action, h.key])).toEqual([
      ['CREATE', created.code],
      ['UPDATE', renamed.code],
    ]);
    expect(history.data!.history[1].changes).toEqual([
      { field: 'code', before: created.code, after: renamed.code },
      { field: 'source', before: null, after: 'Art. 1' },
    ]);
    const inReviewNow = await ok(t, MUTATIONS.submit, { code: renamed.code, version: 2 }, who.steward);
    const renameInReview = onlyError(
      await t.gql(MUTATIONS.update, { code: renamed.code, version: inReviewNow.version, input: { code: created.code } }, who.steward),
    );
    expect(renameInReview.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.code' });
    // an edit in review makes its author the last editor: the author of the draft may now approve, alice may not
    const edited = await ok(
      t,
      MUTATIONS.update,
      { code: renamed.code, version: inReviewNow.version, input: { acronyms: ['QQ'] } },
      who.steward,
    );
    expect(edited.status).toBe('IN_REVIEW');
    expect(onlyError(await t.gql(MUTATIONS.approve, { code: renamed.code, version: edited.version }, who.steward)).extensions!.code).toBe(
      'FORBIDDEN',
    );
    expect((await ok(t, MUTATIONS.approve, { code: renamed.code, version: edited.version }, who.setup)).status).toBe('PUBLISHED');
  });

  it('records every write in the change log in the same transaction, with who and why', async () => {
    const { changes } = await stateOf(t, 'FIN-0900');
    expect(changes).toBe(3);
    const rows = await t.app
      .get(DataSource)
      .query(`SELECT principal, action, reason FROM change WHERE entity_key = 'FIN-0900' ORDER BY seq`);
    expect(rows).toEqual([
      { principal: 'user:alice', action: 'CREATE', reason: 'new entry' },
      { principal: 'user:alice', action: 'SUBMIT', reason: null },
      { principal: 'user:bob', action: 'APPROVE', reason: 'checked' },
    ]);
  });
});
