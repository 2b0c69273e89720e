import { loadConfig } from '@lexique/core';
import { signInMode } from './sign-in-mode';

describe('signInMode', () => {
  it.each([
    [{}, 'demo'],
    [{ DATABASE_URL: 'postgres://db/lexique' }, 'none'],
    [{ AUTH_JWKS_URL: 'https://sso.example/certs', AUTH_ISSUER: 'https://sso.example', AUTH_AUDIENCE: 'lexique' }, 'none'],
    [{ AUTH_ISSUER: 'https://sso.example', AUTH_CLIENT_ID: 'lexique', AUTH_CLIENT_SECRET: 'x' }, 'provider'],
    [
      { AUTH_ISSUER: 'https://sso.example', AUTH_CLIENT_ID: 'lexique', AUTH_CLIENT_SECRET: 'x', DATABASE_URL: 'postgres://db/lexique' },
      'provider',
    ],
  ])('with %p is %s', (env, mode) => {
    expect(signInMode(loadConfig(env))).toBe(mode);
  });
});
