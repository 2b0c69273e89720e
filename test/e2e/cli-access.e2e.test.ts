import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { Client } from 'pg';
import { loadConfig } from '@lexique/core';
import { cli, startApi } from '../support/entry-points';
import { createTestDatabase, dropTestDatabase } from '../support/test-server';

const ME = JSON.stringify({ query: '{ me { id kind roles stewardDomains } }' });
const gql = (app: INestApplication, body: string, headers: Record<string, string> = {}) =>
  request(app.getHttpServer())
    .post('/graphql')
    .set({ 'content-type': 'application/json', ...headers })
    .send(body);

describe('lexique token (e2e)', () => {
  let dataDir: string;
  let databaseUrl: string;
  let app: INestApplication | undefined;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lexique-cli-'));
    databaseUrl = await createTestDatabase();
  });
  afterAll(async () => {
    await app?.close();
    await dropTestDatabase(databaseUrl);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('mints a token the embedded demo server accepts, with no setup', async () => {
    const { code, output } = await cli(['token', '--name', 'alice', '--role', 'steward', '--domain', 'fin', '--expires', '2h'], {
      LEXIQUE_DATA_DIR: dataDir,
    });
    expect(code).toBe(0);
    expect(output).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(fs.statSync(path.join(dataDir, 'jwt.secret')).mode & 0o777).toBe(0o600);

    // the server of the embedded demo: no DATABASE_URL nor AUTH_JWT_SECRET in its configuration
    app = await startApi(loadConfig({ LEXIQUE_DATA_DIR: dataDir, LOG_LEVEL: 'error' }), databaseUrl);
    const response = await gql(app, ME, { authorization: `Bearer ${output}` });
    expect(response.body.data.me).toEqual({ id: 'user:alice', kind: 'USER', roles: ['STEWARD'], stewardDomains: ['FIN'] });
    // and the demo reads anonymously
    expect((await gql(app, JSON.stringify({ query: '{ domains { code } }' }))).body.errors).toBeUndefined();
  });

  it.each([
    [['--role', 'STEWARD'], '--name'],
    [['--name', 'bob', '--role', 'KING'], 'Unknown role'],
    [['--name', 'bob', '--domain', 'FIN'], '--role STEWARD'],
    [['--name', 'bob', '--expires', 'forever'], '--expires'],
    [['--name', 'bob', '--expires', '2d'], 'longer than the server accepts (AUTH_MAX_TOKEN_LIFETIME'],
  ])('refuses %j', async (args, message) => {
    const { code, output } = await cli(['token', ...args], { LEXIQUE_DATA_DIR: dataDir });
    expect(code).toBe(2);
    expect(output).toContain(message);
  });

  it('refuses when the server trusts an identity provider only, or has no secret', async () => {
    const provider = { AUTH_JWKS_URL: 'https://sso.example/certs', AUTH_ISSUER: 'https://sso.example', AUTH_AUDIENCE: 'lexique' };
    const jwksOnly = await cli(['token', '--name', 'bob'], { LEXIQUE_DATA_DIR: dataDir, ...provider });
    expect(jwksOnly).toEqual({ code: 2, output: expect.stringContaining('identity provider') });
    const noSecret = await cli(['token', '--name', 'bob'], { LEXIQUE_DATA_DIR: dataDir, DATABASE_URL: databaseUrl });
    expect(noSecret).toEqual({ code: 2, output: expect.stringContaining('AUTH_JWT_SECRET') });
  });
});

describe('lexique keys (e2e)', () => {
  let databaseUrl: string;
  let app: INestApplication;
  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
    // a real deployment: DATABASE_URL, so anonymous reading is off by default
    app = await startApi(loadConfig({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'error' }), databaseUrl);
  });
  afterAll(async () => {
    await app.close();
    await dropTestDatabase(databaseUrl);
  });

  it('creates a key shown once, lists it, and revokes it at once', async () => {
    const env = { DATABASE_URL: databaseUrl };
    const created = await cli(['keys', 'create', '--name', 'sig-rh', '--role', 'INTEGRATOR'], env);
    expect(created.code).toBe(0);
    const [, prefix] = /Created (lx_[0-9a-f]{8}) "sig-rh" \(INTEGRATOR\)/.exec(created.output)!;
    const secret = created.output.split('\n').pop()!;
    expect(secret.startsWith(`${prefix}_`)).toBe(true);

    expect((await gql(app, ME)).body.data.me).toEqual({ id: 'anonymous', kind: 'ANONYMOUS', roles: [], stewardDomains: [] });
    expect((await gql(app, JSON.stringify({ query: '{ domains { code } }' }))).body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const me = await gql(app, ME, { authorization: `Bearer ${secret}` });
    expect(me.body.data.me).toEqual({ id: `key:${prefix}`, kind: 'API_KEY', roles: ['INTEGRATOR'], stewardDomains: [] });

    const listed = await cli(['keys', 'list'], env);
    expect(listed.output).toContain(`${prefix}  sig-rh  INTEGRATOR`);
    expect(listed.output).toMatch(/last used \d{4}-/);
    expect(listed.output).not.toContain(secret.slice(prefix.length + 1));

    const revoked = await cli(['keys', 'revoke', prefix], env);
    expect(revoked).toEqual({ code: 0, output: expect.stringContaining(`Revoked ${prefix}`) });
    expect((await gql(app, ME, { 'x-api-key': secret })).body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await cli(['keys', 'list'], env)).output).toBe('No API keys.');

    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    const { rows } = await db.query(`SELECT action, principal FROM change WHERE entity_type = 'API_KEY' ORDER BY seq`);
    await db.end();
    expect(rows).toEqual([
      { action: 'CREATE', principal: `cli:${os.userInfo().username}` },
      { action: 'REVOKE', principal: `cli:${os.userInfo().username}` },
    ]);
  });

  it('refuses an ADMIN key and an unknown action', async () => {
    const admin = await cli(['keys', 'create', '--name', 'root', '--role', 'ADMIN'], { DATABASE_URL: databaseUrl });
    expect(admin).toEqual({ code: 1, output: expect.stringContaining('cannot be ADMIN') });
    expect((await cli(['keys', 'rotate'], { DATABASE_URL: databaseUrl })).code).toBe(2);
  });
});
