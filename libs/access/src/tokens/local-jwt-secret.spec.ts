import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfig } from '@lexique/core';
import { localJwtSecret } from './local-jwt-secret';

describe('localJwtSecret', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lexique-secret-'));
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('generates the demo secret once into the data directory, readable by its owner only', () => {
    const config = loadConfig({ LEXIQUE_DATA_DIR: path.join(dataDir, 'not-yet') });
    const first = localJwtSecret(config)!;
    expect(first.length).toBeGreaterThanOrEqual(32);
    const file = path.join(dataDir, 'not-yet', 'jwt.secret');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(localJwtSecret(config)).toBe(first);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['jwt.secret']);
  });

  it('prefers AUTH_JWT_SECRET and writes nothing', () => {
    const secret = 'a'.repeat(40);
    expect(localJwtSecret(loadConfig({ LEXIQUE_DATA_DIR: dataDir, AUTH_JWT_SECRET: secret }))).toBe(secret);
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it('has none on a real database without a secret, nor when only an identity provider is trusted', () => {
    expect(localJwtSecret(loadConfig({ LEXIQUE_DATA_DIR: dataDir, DATABASE_URL: 'postgres://db/lexique' }))).toBeUndefined();
    const provider = { AUTH_JWKS_URL: 'https://sso.example/certs', AUTH_ISSUER: 'https://sso.example', AUTH_AUDIENCE: 'lexique' };
    expect(localJwtSecret(loadConfig({ LEXIQUE_DATA_DIR: dataDir, ...provider }))).toBeUndefined();
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });
});
