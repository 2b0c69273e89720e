import { apiWithCallers } from '../support/callers';
import { ok, onlyError } from '../support/stewardship';

const CREATE = `mutation($input: CreateSystemInput!, $reason: String) { createSystem(input: $input, reason: $reason) { code name status version owner { code } } }`;
const UPDATE = `mutation($code: String!, $version: Int!, $input: UpdateSystemInput!, $reason: String) {
  updateSystem(code: $code, version: $version, input: $input, reason: $reason) { code name status version retiringSince retiredOn } }`;

describe('system admin mutations (e2e)', () => {
  const { t, who } = apiWithCallers();

  const input = { code: 'GED-TEST', name: 'GED de test', kind: 'GED', owner: '33063', ownerName: 'Ville de Bordeaux' };

  it('lets admins create systems and move them through their lifecycle, and nobody else', async () => {
    for (const caller of ['anonymous', 'reader', 'integrator', 'steward'] as const) {
      expect(['FORBIDDEN', 'UNAUTHENTICATED']).toContain(onlyError(await t.gql(CREATE, { input }, who[caller])).extensions!.code);
    }
    const created = await ok(t, CREATE, { input, reason: 'inventaire' }, who.admin);
    expect(created).toEqual({ code: 'GED-TEST', name: 'GED de test', status: 'ACTIVE', version: 1, owner: { code: '33063' } });
    expect(
      onlyError(await t.gql(UPDATE, { code: 'GED-TEST', version: 1, input: { status: 'RETIRING' } }, who.steward)).extensions!.code,
    ).toBe('FORBIDDEN');
    const retiring = await ok(
      t,
      UPDATE,
      { code: 'GED-TEST', version: 1, input: { status: 'RETIRING' }, reason: 'mutualisation' },
      who.admin,
    );
    expect(retiring).toMatchObject({ status: 'RETIRING', version: 2 });
    expect(onlyError(await t.gql(UPDATE, { code: 'GED-TEST', version: 1, input: { name: 'x' } }, who.admin)).extensions).toMatchObject({
      code: 'CONFLICT',
      currentVersion: 2,
    });
    expect(onlyError(await t.gql(UPDATE, { code: 'GED-TEST', version: 2, input: { owner: '1' } }, who.admin)).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.owner',
    });
    const retired = await ok(t, UPDATE, { code: 'GED-TEST', version: 2, input: { status: 'RETIRED', retiredOn: '2027-06-30' } }, who.admin);
    expect(retired).toMatchObject({ status: 'RETIRED', retiredOn: '2027-06-30', version: 3 });
    expect(
      onlyError(await t.gql(UPDATE, { code: 'GED-TEST', version: 3, input: { status: 'ACTIVE' } }, who.admin)).extensions,
    ).toMatchObject({
      code: 'CONFLICT',
      status: 'RETIRED',
    });
    const { data } = await t.gql(
      `{ history(entity: SYSTEM, key: "GED-TEST") { principal action reason changes { field before after } } }`,
      {},
      who.reader,
    );
    expect(data!.history.map((h: any) => [h.action, h.reason])).toEqual([
      ['CREATE', 'inventaire'],
      ['UPDATE', 'mutualisation'],
      ['UPDATE', null],
    ]);
    expect(data!.history[2].changes).toEqual([
      { field: 'retiredOn', before: null, after: '2027-06-30' },
      { field: 'status', before: 'RETIRING', after: 'RETIRED' },
    ]);
  });
});
