import { ConfigError, loadConfig } from './config';

describe('loadConfig: access and API limits', () => {
  it('reads anonymously in the embedded demo and not on a real database, unless told', () => {
    expect(loadConfig({}).anonymousRead).toBe(true);
    expect(loadConfig({ DATABASE_URL: 'postgres://db/lexique' }).anonymousRead).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://db/lexique', LEXIQUE_ANONYMOUS_READ: 'on' }).anonymousRead).toBe(true);
    expect(loadConfig({ LEXIQUE_ANONYMOUS_READ: 'false' }).anonymousRead).toBe(false);
  });

  it('takes an identity provider with its issuer and audience, and claim paths', () => {
    const config = loadConfig({
      AUTH_JWKS_URL: 'https://sso.example/certs',
      AUTH_ISSUER: 'https://sso.example',
      AUTH_AUDIENCE: 'lexique',
      AUTH_ROLES_CLAIM: 'realm_access.roles',
    });
    expect(config).toMatchObject({
      authJwksUrl: 'https://sso.example/certs',
      authRolesClaim: 'realm_access.roles',
      authDomainsClaim: 'domains',
    });
  });

  it('has sane default limits', () => {
    expect(loadConfig({})).toMatchObject({
      graphqlMaxDepth: 12,
      graphqlMaxCost: 25000,
      graphqlMaxAliases: 30,
      graphqlBatchLimit: 10,
      rateLimitBurst: 30,
    });
  });

  it.each([
    [{ AUTH_JWKS_URL: 'https://sso.example/certs', AUTH_AUDIENCE: 'lexique' }, 'AUTH_ISSUER'],
    [{ AUTH_JWKS_URL: 'https://sso.example/certs', AUTH_ISSUER: 'https://sso.example' }, 'AUTH_AUDIENCE'],
    [{ AUTH_JWKS_URL: 'ftp://sso.example/certs', AUTH_ISSUER: 'x', AUTH_AUDIENCE: 'y' }, 'AUTH_JWKS_URL'],
    [{ AUTH_ROLES_CLAIM: 'realm_access..roles' }, 'AUTH_ROLES_CLAIM'],
    [{ LEXIQUE_ANONYMOUS_READ: 'sometimes' }, 'LEXIQUE_ANONYMOUS_READ'],
    [{ GRAPHQL_MAX_DEPTH: '1' }, 'GRAPHQL_MAX_DEPTH'],
    [{ GRAPHQL_MAX_COST: 'lots' }, 'GRAPHQL_MAX_COST'],
    [{ GRAPHQL_BATCH_LIMIT: '0' }, 'GRAPHQL_BATCH_LIMIT'],
    [{ RATE_LIMIT_PER_MINUTE: '-1' }, 'RATE_LIMIT_PER_MINUTE'],
    [{ AUTH_JWT_SECRET: 'short' }, 'AUTH_JWT_SECRET'],
  ])('refuses %j naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(variable);
  });
});
