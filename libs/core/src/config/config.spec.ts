import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('gives working defaults with an empty environment', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir.endsWith('.lexique')).toBe(true);
    expect(config.seedDemo).toBe(true);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['MEILI_HOST', 'not a url'],
    ['LEXIQUE_SEED_DEMO', 'maybe'],
    ['LOG_FORMAT', 'xml'],
    ['MEILI_INDEX', 'a b'],
  ])('names %s when it is invalid', (variable, value) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [variable]: value })).toThrow(variable);
  });

  it('reads explicit values', () => {
    const config = loadConfig({ PORT: '8080', DATABASE_URL: 'postgres://u:p@db/lexique', LOG_FORMAT: 'json', GRAPHQL_IDE: 'off' });
    expect(config).toMatchObject({ port: 8080, databaseUrl: 'postgres://u:p@db/lexique', logFormat: 'json', graphqlIde: false });
  });
});
