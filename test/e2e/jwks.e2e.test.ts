import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, JWTPayload, SignJWT } from 'jose';
import { bearer } from '../support/auth';
import { Role } from '@lexique/core';
import { startTestApp, TestApp } from '../support/test-app';

const ISSUER = 'https://sso.bordeaux-metropole.example/realms/agents';
const AUDIENCE = 'lexique-api';
const ME = `{ me { id name kind roles stewardDomains } }`;

type Key = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

/** An identity provider as the API sees one: a JWKS document over HTTP, on loopback. */
async function identityProvider() {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
  let fetches = 0;
  const server = http.createServer((req, res) => {
    fetches++;
    if (req.url !== '/protocol/openid-connect/certs') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/protocol/openid-connect/certs`;
  return { url, privateKey, fetches: () => fetches, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

function sign(claims: JWTPayload, key: Key, options: { kid?: string; issuer?: string; audience?: string; expires?: string | number } = {}) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? 'key-1' })
    .setIssuer(options.issuer ?? ISSUER)
    .setAudience(options.audience ?? AUDIENCE)
    .setSubject('5b1c-agent-alice')
    .setIssuedAt()
    .setExpirationTime(options.expires ?? '5m')
    .sign(key);
}

// Keycloak's shape: roles under realm_access, in lower case, among others.
const keycloakClaims = { name: 'Alice Martin', realm_access: { roles: ['steward', 'offline_access'] }, lexique_domains: 'FIN RH' };

describe('tokens of an OpenID Connect provider (e2e)', () => {
  let idp: Awaited<ReturnType<typeof identityProvider>>;
  let t: TestApp;
  beforeAll(async () => {
    idp = await identityProvider();
    t = await startTestApp({
      seed: true,
      env: {
        AUTH_JWKS_URL: idp.url,
        AUTH_ISSUER: ISSUER,
        AUTH_AUDIENCE: AUDIENCE,
        AUTH_ROLES_CLAIM: 'realm_access.roles',
        AUTH_DOMAINS_CLAIM: 'lexique_domains',
      },
    });
  });
  afterAll(async () => {
    await t.close();
    await idp.close();
  });

  it('accepts a token signed by a key of the JWKS, reading roles and domains from the configured claims', async () => {
    const token = await sign(keycloakClaims, idp.privateKey);
    const { data, errors } = await t.gql(
      `${ME.slice(0, -1)} concept(code: "FIN-0059") { status } }`,
      {},
      { authorization: `Bearer ${token}` },
    );
    expect(errors).toBeUndefined();
    expect(data!.me).toEqual({
      id: 'user:5b1c-agent-alice',
      name: 'Alice Martin',
      kind: 'USER',
      roles: ['STEWARD'],
      stewardDomains: ['FIN', 'RH'],
    });
    expect(data!.concept).toEqual({ status: 'DRAFT' });
    expect(idp.fetches()).toBeGreaterThan(0);
  });

  it('still accepts tokens of the local secret alongside', async () => {
    const { data } = await t.gql(ME, {}, await bearer({ name: 'dev', roles: [Role.ADMIN] }));
    expect(data!.me).toMatchObject({ id: 'user:dev', roles: ['ADMIN'] });
  });

  it.each([
    ['another audience', { audience: 'some-other-app' }],
    ['another issuer', { issuer: 'https://evil.example/realms/agents' }],
    ['an expired token', { expires: Math.floor(Date.now() / 1000) - 600 }],
    ['an unknown key id', { kid: 'key-404' }],
  ])('refuses %s with UNAUTHENTICATED', async (_label, options) => {
    const token = await sign(keycloakClaims, idp.privateKey, options);
    const { errors } = await t.gql(ME, {}, { authorization: `Bearer ${token}` });
    expect(errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a token signed by a key that is not in the JWKS, even under a known key id', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const { errors } = await t.gql(ME, {}, { authorization: `Bearer ${await sign(keycloakClaims, privateKey)}` });
    expect(errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });
});

describe('a server that trusts its identity provider only (e2e)', () => {
  let idp: Awaited<ReturnType<typeof identityProvider>>;
  let t: TestApp;
  beforeAll(async () => {
    idp = await identityProvider();
    t = await startTestApp({
      seed: false,
      env: { AUTH_JWT_SECRET: '', AUTH_JWKS_URL: idp.url, AUTH_ISSUER: ISSUER, AUTH_AUDIENCE: AUDIENCE },
    });
  });
  afterAll(async () => {
    await t.close();
    await idp.close();
  });

  it('refuses locally signed tokens and accepts the provider’s, with the default claim names', async () => {
    const local = await t.gql(ME, {}, await bearer({ name: 'mallory', roles: [Role.ADMIN] }));
    expect(local.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    const token = await sign({ roles: ['INTEGRATOR'], preferred_username: 'flux-paie' }, idp.privateKey);
    const { data } = await t.gql(ME, {}, { authorization: `Bearer ${token}` });
    expect(data!.me).toMatchObject({ name: 'flux-paie', roles: ['INTEGRATOR'], stewardDomains: [] });
  });
});

describe('an identity provider that cannot be reached (e2e)', () => {
  let idp: Awaited<ReturnType<typeof identityProvider>>;
  let t: TestApp;
  beforeAll(async () => {
    idp = await identityProvider();
    t = await startTestApp({
      seed: false,
      env: { AUTH_JWKS_URL: idp.url.replace('/certs', '/gone'), AUTH_ISSUER: ISSUER, AUTH_AUDIENCE: AUDIENCE },
    });
  });
  afterAll(async () => {
    await t.close();
    await idp.close();
  });

  it('refuses the token and says the provider, not the token, is the problem', async () => {
    const token = await sign(keycloakClaims, idp.privateKey);
    const { errors } = await t.gql(ME, {}, { authorization: `Bearer ${token}` });
    expect(errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect(errors![0].message).toContain('identity provider could not be reached');
  });
});
