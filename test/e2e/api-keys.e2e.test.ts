import { Client } from 'pg';
import { Role } from '@lexique/core';
import { bearer } from '../support/auth';
import { startTestApp, TestApp } from '../support/test-app';

const CREATE = `mutation($input: CreateApiKeyInput!) {
  createApiKey(input: $input) { secret apiKey { prefix name roles stewardDomains createdBy createdAt lastUsedAt revokedAt } }
}`;
const ME = `{ me { id name kind roles stewardDomains } }`;

describe('API keys (e2e)', () => {
  let t: TestApp;
  let db: Client;
  let admin: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp();
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    admin = await bearer({ name: 'ada', roles: [Role.ADMIN] });
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  const create = async (input: Record<string, unknown>) => t.gql(CREATE, { input }, admin);

  it('creates a key shown once, stores only its hash, and logs the creation without the secret', async () => {
    const { data, errors } = await create({ name: 'sig-rh', roles: ['INTEGRATOR'] });
    expect(errors).toBeUndefined();
    const { secret, apiKey } = data!.createApiKey;
    expect(secret).toMatch(/^lx_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    expect(secret.startsWith(`${apiKey.prefix}_`)).toBe(true);
    expect(apiKey).toMatchObject({
      name: 'sig-rh',
      roles: ['INTEGRATOR'],
      stewardDomains: [],
      createdBy: 'user:ada',
      lastUsedAt: null,
      revokedAt: null,
    });

    const stored = await db.query(
      `SELECT row_to_json(k)::text AS row, encode(secret_hash, 'hex') AS hash FROM api_key k WHERE prefix = $1`,
      [apiKey.prefix],
    );
    const randomPart = secret.slice(apiKey.prefix.length + 1);
    expect(stored.rows[0].row).not.toContain(randomPart);
    expect(stored.rows[0].hash).toHaveLength(64);

    const changes = await db.query(
      `SELECT action, principal, row_to_json(c)::text AS row FROM change c WHERE entity_type = 'API_KEY' AND entity_key = $1`,
      [apiKey.prefix],
    );
    expect(changes.rows.map((r) => [r.action, r.principal])).toEqual([['CREATE', 'user:ada']]);
    expect(changes.rows[0].row).not.toContain(randomPart);
    expect(changes.rows[0].row).not.toContain(stored.rows[0].hash);

    const listed = await t.gql(`{ apiKeys { prefix name } }`, {}, admin);
    expect(listed.data!.apiKeys).toContainEqual({ prefix: apiKey.prefix, name: 'sig-rh' });
  });

  it('authenticates a key sent as X-Api-Key or as a bearer token', async () => {
    const { secret, apiKey } = (await create({ name: 'flux-finances', roles: ['INTEGRATOR'] })).data!.createApiKey;
    const expectedMe = { id: `key:${apiKey.prefix}`, name: 'flux-finances', kind: 'API_KEY', roles: ['INTEGRATOR'], stewardDomains: [] };
    expect((await t.gql(ME, {}, { 'x-api-key': secret })).data!.me).toEqual(expectedMe);
    expect((await t.gql(ME, {}, { authorization: `Bearer ${secret}` })).data!.me).toEqual(expectedMe);
  });

  it('records the last use at most once a minute, not on every request', async () => {
    const { secret, apiKey } = (await create({ name: 'tableau-de-bord', roles: ['READER'] })).data!.createApiKey;
    const lastUsed = async () =>
      (await db.query(`SELECT last_used_at FROM api_key WHERE prefix = $1`, [apiKey.prefix])).rows[0].last_used_at;
    expect(await lastUsed()).toBeNull();
    await t.gql(`{ domains { code } }`, {}, { 'x-api-key': secret });
    const first = await lastUsed();
    expect(first).toBeInstanceOf(Date);
    for (let i = 0; i < 5; i++) await t.gql(`{ domains { code } }`, {}, { 'x-api-key': secret });
    expect(await lastUsed()).toEqual(first);
  });

  it('refuses a revoked key on the very next request, and logs the revocation', async () => {
    const { secret, apiKey } = (await create({ name: 'ancien-sig', roles: ['INTEGRATOR'] })).data!.createApiKey;
    expect((await t.gql(ME, {}, { 'x-api-key': secret })).data!.me.kind).toBe('API_KEY');
    const revoked = await t.gql(`mutation($p: String!) { revokeApiKey(prefix: $p) { prefix revokedAt } }`, { p: apiKey.prefix }, admin);
    expect(revoked.data!.revokeApiKey.revokedAt).not.toBeNull();
    const after = await t.gql(`{ domains { code } }`, {}, { 'x-api-key': secret });
    expect(after.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect(after.data).toBeNull();

    const again = await t.gql(`mutation($p: String!) { revokeApiKey(prefix: $p) { revokedAt } }`, { p: apiKey.prefix }, admin);
    expect(again.data!.revokeApiKey.revokedAt).toBe(revoked.data!.revokeApiKey.revokedAt);
    const actions = await db.query(`SELECT action FROM change WHERE entity_type = 'API_KEY' AND entity_key = $1 ORDER BY seq`, [
      apiKey.prefix,
    ]);
    expect(actions.rows.map((r) => r.action)).toEqual(['CREATE', 'REVOKE']);

    const listed = await t.gql(`{ live: apiKeys { prefix } all: apiKeys(includeRevoked: true) { prefix } }`, {}, admin);
    expect(listed.data!.live.map((k: { prefix: string }) => k.prefix)).not.toContain(apiKey.prefix);
    expect(listed.data!.all.map((k: { prefix: string }) => k.prefix)).toContain(apiKey.prefix);
  });

  it.each([
    ['a key with a wrong secret', (secret: string) => ({ 'x-api-key': secret.slice(0, -3) + (secret.endsWith('AAA') ? 'BBB' : 'AAA') })],
    ['a malformed key', () => ({ 'x-api-key': 'lx_nope' })],
    ['an unknown prefix', (secret: string) => ({ authorization: `Bearer lx_00000000${secret.slice(11)}` })],
    ['a key and a token at once', (secret: string) => ({ 'x-api-key': secret, authorization: 'Bearer whatever' })],
  ])('refuses %s with UNAUTHENTICATED', async (_label, headers) => {
    const { secret } = (await create({ name: `essai-${Math.random().toString(36).slice(2)}`, roles: ['READER'] })).data!.createApiKey;
    const { errors } = await t.gql(`{ domains { code } }`, {}, headers(secret));
    expect(errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('gives a steward key the drafts of its domains', async () => {
    const { secret } = (await create({ name: 'import-fin', roles: ['STEWARD'], stewardDomains: ['fin'] })).data!.createApiKey;
    const { data } = await t.gql(`{ concept(code: "FIN-0059") { status } me { stewardDomains } }`, {}, { 'x-api-key': secret });
    expect(data).toEqual({ concept: { status: 'DRAFT' }, me: { stewardDomains: ['FIN'] } });
  });

  it.each([
    ['a blank name', { name: '  ', roles: ['READER'] }, 'BAD_USER_INPUT', 'input.name'],
    ['a name of 101 characters', { name: 'x'.repeat(101), roles: ['READER'] }, 'BAD_USER_INPUT', 'input.name'],
    ['an ADMIN key', { name: 'root', roles: ['ADMIN'] }, 'BAD_USER_INPUT', 'input.roles'],
    ['no role', { name: 'vide', roles: [] }, 'BAD_USER_INPUT', 'input.roles'],
    ['a STEWARD key without domains', { name: 'sans-domaine', roles: ['STEWARD'] }, 'BAD_USER_INPUT', 'input.stewardDomains'],
    [
      'an unknown domain',
      { name: 'domaine-inconnu', roles: ['STEWARD'], stewardDomains: ['NOPE'] },
      'BAD_USER_INPUT',
      'input.stewardDomains',
    ],
    [
      'domains without STEWARD',
      { name: 'lecteur-domaine', roles: ['READER'], stewardDomains: ['FIN'] },
      'BAD_USER_INPUT',
      'input.stewardDomains',
    ],
    ['the name of a live key, in another case', { name: 'SIG-RH', roles: ['READER'] }, 'CONFLICT', undefined],
  ])('refuses %s with %s and creates nothing', async (_label, input, code, field) => {
    const before = (await db.query(`SELECT count(*)::int AS n FROM api_key`)).rows[0].n;
    const changesBefore = (await db.query(`SELECT count(*)::int AS n FROM change WHERE entity_type = 'API_KEY'`)).rows[0].n;
    const { errors } = await create(input);
    expect(errors![0].extensions).toMatchObject({ code, ...(field ? { field } : {}) });
    expect((await db.query(`SELECT count(*)::int AS n FROM api_key`)).rows[0].n).toBe(before);
    expect((await db.query(`SELECT count(*)::int AS n FROM change WHERE entity_type = 'API_KEY'`)).rows[0].n).toBe(changesBefore);
  });

  it('answers NOT_FOUND for an unknown prefix', async () => {
    const { errors } = await t.gql(`mutation { revokeApiKey(prefix: "lx_00000000") { prefix } }`, {}, admin);
    expect(errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'prefix' });
  });
});
