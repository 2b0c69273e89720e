import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('gives working defaults with an empty environment', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir.endsWith('.lexique')).toBe(true);
    expect(config.seedDemo).toBe(true);
  });

  it("leaves a server of one own's empty unless the demo is asked for", () => {
    const url = 'postgres://lexique:secret@db.example:5432/lexique';
    expect(loadConfig({ DATABASE_URL: url }).seedDemo).toBe(false);
    expect(loadConfig({ DATABASE_URL: url, LEXIQUE_SEED_DEMO: 'true' }).seedDemo).toBe(true);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['MEILI_HOST', 'not a url'],
    ['LEXIQUE_SEED_DEMO', 'maybe'],
    ['LOG_FORMAT', 'xml'],
    ['MEILI_INDEX', 'a b'],
    ['DATABASE_STATEMENT_TIMEOUT', 'forever'],
    ['DATABASE_LOCK_TIMEOUT', '0s'],
    ['AUTH_MAX_TOKEN_LIFETIME', '10s'],
    ['GRAPHQL_MAX_TOKENS', '12'],
    ['TRUST_PROXY', 'everyone; drop table'],
  ])('names %s when it is invalid', (variable, value) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [variable]: value })).toThrow(variable);
  });

  it('reads explicit values', () => {
    const config = loadConfig({ PORT: '8080', DATABASE_URL: 'postgres://u:p@db/lexique', LOG_FORMAT: 'json', GRAPHQL_IDE: 'off' });
    expect(config).toMatchObject({ port: 8080, databaseUrl: 'postgres://u:p@db/lexique', logFormat: 'json', graphqlIde: false });
  });

  it('listens on loopback in the embedded demo, everywhere with DATABASE_URL, or where HOST says', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ DATABASE_URL: 'postgres://db/lexique' }).host).toBeUndefined();
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  it('hides introspection and the IDE in production unless asked', () => {
    expect(loadConfig({})).toMatchObject({ graphqlIntrospection: true, graphqlIde: true });
    expect(loadConfig({ NODE_ENV: 'production' })).toMatchObject({ graphqlIntrospection: false, graphqlIde: false });
    expect(loadConfig({ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true' })).toMatchObject({
      graphqlIntrospection: true,
      graphqlIde: true,
    });
  });

  it('reads durations with their unit, seconds by default', () => {
    expect(loadConfig({}).databaseStatementTimeoutMs).toBe(30_000);
    expect(loadConfig({ DATABASE_STATEMENT_TIMEOUT: '2m', DATABASE_LOCK_TIMEOUT: '250ms' })).toMatchObject({
      databaseStatementTimeoutMs: 120_000,
      databaseLockTimeoutMs: 250,
    });
    expect(loadConfig({ AUTH_MAX_TOKEN_LIFETIME: '8h' }).authMaxTokenLifetimeSeconds).toBe(28_800);
    expect(loadConfig({ AUTH_MAX_TOKEN_LIFETIME: '3600' }).authMaxTokenLifetimeSeconds).toBe(3600);
  });

  it('reads which proxies to trust for the addresses of callers', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback, 10.0.0.0/8');
  });
});
