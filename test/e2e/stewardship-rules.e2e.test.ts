import { apiWithCallers } from '../support/callers';
import { draft, MUTATIONS, ok, onlyError, published, stateOf } from '../support/stewardship';
import { Role } from '@lexique/core';
import { bearer } from '../support/auth';

describe('optimistic locking and validation (e2e)', () => {
  const { t, who } = apiWithCallers();

  it('lets exactly one of two concurrent updates of the same version win; the other gets CONFLICT with the current version', async () => {
    const created = await draft(t, who);
    const [a, b] = await Promise.all([
      t.gql(MUTATIONS.update, { code: created.code, version: created.version, input: { source: 'from alice' } }, who.steward),
      t.gql(MUTATIONS.update, { code: created.code, version: created.version, input: { source: 'from bob' } }, who.reviewer),
    ]);
    const winners = [a, b].filter((r) => !r.errors);
    const losers = [a, b].filter((r) => r.errors);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expect(onlyError(losers[0]).extensions).toMatchObject({ code: 'CONFLICT', currentVersion: created.version + 1 });
    const { row, changes } = await stateOf(t, created.code);
    expect(row.version).toBe(created.version + 1);
    expect(row.source).toBe(winners[0].data!.updateConcept.source);
    expect(changes).toBe(2); // CREATE and the one UPDATE
  });

  it('refuses a stale version without merging, for every kind of write', async () => {
    const concept = await published(t, who);
    const stale = concept.version - 1;
    const before = await stateOf(t, concept.code);
    for (const [query, variables] of [
      [MUTATIONS.update, { input: { acronyms: ['X'] } }],
      [MUTATIONS.deprecate, {}],
      [MUTATIONS.approve, {}],
    ] as const) {
      const error = onlyError(await t.gql(query, { code: concept.code, version: stale, ...variables }, who.steward));
      expect(error.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: concept.version });
    }
    expect(await stateOf(t, concept.code)).toEqual(before);
    const domain = onlyError(await t.gql(MUTATIONS.updateDomain, { code: 'RH', version: 7, input: { requiresReview: false } }, who.admin));
    expect(domain.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 1 });
  });

  const long = 'x'.repeat(201);
  it.each([
    ['an empty French label', 'input.prefLabel.fr', { prefLabel: { fr: '   ' } }],
    ['a label over 200 characters', 'input.prefLabel.fr', { prefLabel: { fr: long } }],
    ['no French label', 'input.prefLabel.fr', { prefLabel: { fr: null, en: 'Only English' } }],
    ['an empty alternative label', 'input.altLabels.fr[1]', { altLabels: { fr: ['ok', ' '] } }],
    ['an empty acronym', 'input.acronyms[0]', { acronyms: [''] }],
    ['a definition over 4000 characters', 'input.definition.fr', { definition: { fr: 'y'.repeat(4001) } }],
    ['a malformed broader code', 'input.broader[0]', { broader: ['not a code'] }],
    ['an unknown broader concept', 'input.broader[0]', { broader: ['FIN-9999'] }],
    ['a broader concept of another domain', 'input.broader[0]', { broader: ['RH-0001'] }],
    ['an unknown related concept', 'input.related[1]', { related: ['FIN-0001', 'RH-9999'] }],
    [
      'a preferred label another concept of the domain has (case and accents aside)',
      'input.prefLabel.fr',
      { prefLabel: { fr: 'INSTRUCTION BUDGETAIRE ET COMPTABLE M57' } },
    ],
  ])('refuses an update with %s, naming %s, and changes nothing', async (_what, field, input) => {
    const created = await draft(t, who, { related: ['FIN-0003'], broader: ['FIN-0001'] });
    const before = await stateOf(t, created.code);
    const error = onlyError(await t.gql(MUTATIONS.update, { code: created.code, version: created.version, input }, who.steward));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await stateOf(t, created.code)).toEqual(before);
  });

  it.each([
    ['a code without the domain prefix', 'input.code', { code: 'RH-0999' }],
    ['a malformed code', 'input.code', { code: 'FIN_1' }],
    ['a code already used', 'input.code', { code: 'FIN-0001' }],
    ['an unknown domain', 'input.domain', { domain: 'NOPE' }],
    ['a broader that is itself', 'input.broader[0]', { code: 'FIN-0950', broader: ['FIN-0950'] }],
  ])('refuses a creation with %s, naming %s, and creates nothing', async (_what, field, input) => {
    const error = onlyError(
      await t.gql(
        MUTATIONS.create,
        { input: { domain: 'FIN', code: 'FIN-0950', prefLabel: { fr: 'Concept refusé' }, ...input } },
        who.admin,
      ),
    );
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect((await stateOf(t, 'FIN-0950')).row).toBeUndefined();
    expect((await stateOf(t, 'FIN-0950')).changes).toBe(0);
  });

  it('refuses a language the dictionary does not hold at the schema', async () => {
    const created = await draft(t, who);
    const response = await t.gql(
      MUTATIONS.update,
      { code: created.code, version: created.version, input: { prefLabel: { fr: 'a', de: 'b' } } },
      who.steward,
    );
    expect(onlyError(response).extensions!.code).toBe('BAD_USER_INPUT');
    expect(onlyError(response).message).toContain('"de"');
  });

  it('refuses a broader cycle, and of two concurrent edits that would each close half of one, lets only one through', async () => {
    const top = await draft(t, who);
    const middle = await draft(t, who, { broader: [top.code] });
    const bottom = await draft(t, who, { broader: [middle.code] });
    const before = await stateOf(t, top.code);
    const cycle = onlyError(
      await t.gql(MUTATIONS.update, { code: top.code, version: top.version, input: { broader: [bottom.code] } }, who.steward),
    );
    expect(cycle.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.broader' });
    expect(await stateOf(t, top.code)).toEqual(before);

    const x = await draft(t, who);
    const y = await draft(t, who);
    const [a, b] = await Promise.all([
      t.gql(MUTATIONS.update, { code: x.code, version: x.version, input: { broader: [y.code] } }, who.steward),
      t.gql(MUTATIONS.update, { code: y.code, version: y.version, input: { broader: [x.code] } }, who.reviewer),
    ]);
    const refused = [a, b].filter((r) => r.errors);
    expect(refused).toHaveLength(1);
    expect(onlyError(refused[0]).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.broader' });
  });

  it('refuses two concurrent creations with the same preferred label in a domain but one', async () => {
    const create = (code: string, headers: Record<string, string>) =>
      t.gql(MUTATIONS.create, { input: { domain: 'FIN', code, prefLabel: { fr: 'Provision pour risques jumelle' } } }, headers);
    const results = await Promise.all([create('FIN-0961', who.steward), create('FIN-0962', who.reviewer)]);
    expect(results.filter((r) => r.errors).map((r) => onlyError(r).extensions!.field)).toEqual(['input.prefLabel.fr']);
  });

  it('lets two writers relate the same two concepts of two domains at the same time, without deadlock', async () => {
    // each of them may see both drafts (a steward links only what they may see), and each edits the draft of one domain
    const [finWriter, rhWriter] = await Promise.all([
      bearer({ name: 'fabienne', roles: [Role.STEWARD], domains: ['FIN', 'RH'] }),
      bearer({ name: 'remi', roles: [Role.STEWARD], domains: ['RH', 'FIN'] }),
    ]);
    const fin = await draft(t, who);
    const rh = await ok(
      t,
      MUTATIONS.create,
      { input: { domain: 'RH', code: 'RH-0990', prefLabel: { fr: "Prime de fin d'année" } } },
      who.setup,
    );
    for (let round = 0; round < 5; round++) {
      const [a, b] = await Promise.all([
        t.gql(`{ concept(code: "${fin.code}") { version } }`, {}, finWriter),
        t.gql(`{ concept(code: "RH-0990") { version } }`, {}, rhWriter),
      ]);
      const results = await Promise.all([
        t.gql(
          MUTATIONS.update,
          { code: fin.code, version: a.data!.concept.version, input: { related: round % 2 ? [] : [rh.code] } },
          finWriter,
        ),
        t.gql(MUTATIONS.update, { code: rh.code, version: b.data!.concept.version, input: { related: [fin.code] } }, rhWriter),
      ]);
      // the other side may already hold the link the concurrent edit added: an edit that changes nothing is refused as such
      expect(results.flatMap((r) => r.errors ?? []).filter((e) => e.extensions?.reason !== 'UNCHANGED')).toEqual([]);
    }
    const { data } = await t.gql(`{ concept(code: "RH-0990") { related { code } } }`, {}, who.admin);
    expect(data!.concept.related).toEqual([{ code: fin.code }]);
  });

  it('keeps a revision invalid against the dictionary from being applied', async () => {
    const a = await published(t, who);
    const edited = await ok(
      t,
      MUTATIONS.update,
      { code: a.code, version: a.version, input: { prefLabel: { fr: 'Libellé convoité' } } },
      who.steward,
    );
    await ok(t, MUTATIONS.create, { input: { domain: 'FIN', code: 'FIN-0970', prefLabel: { fr: 'Libellé convoité' } } }, who.reviewer);
    // the label was free when proposed; it is taken now
    const error = onlyError(await t.gql(MUTATIONS.approve, { code: a.code, version: edited.version }, who.reviewer));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'revision.prefLabel.fr' });
  });

  it('refuses a code change of a published concept', async () => {
    const a = await published(t, who);
    const error = onlyError(
      await t.gql(MUTATIONS.update, { code: a.code, version: a.version, input: { code: `${a.code}1` } }, who.steward),
    );
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.code' });
  });

  it('validates domains', async () => {
    const bad = await t.gql(MUTATIONS.createDomain, { input: { code: 'e', label: { fr: 'Env' } } }, who.admin);
    expect(onlyError(bad).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.code' });
    const noFr = await t.gql(MUTATIONS.createDomain, { input: { code: 'ENV', label: { en: 'Environment' } } }, who.admin);
    expect(onlyError(noFr).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.label.fr' });
    const again = await t.gql(MUTATIONS.createDomain, { input: { code: 'FIN', label: { fr: 'Finances' } } }, who.admin);
    expect(onlyError(again).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.code' });
    const created = await ok(
      t,
      MUTATIONS.createDomain,
      { input: { code: 'env', label: { fr: 'Environnement' }, requiresReview: false } },
      who.admin,
    );
    expect(created).toEqual({ code: 'ENV', label: 'Environnement', requiresReview: false, version: 1 });
  });
});
