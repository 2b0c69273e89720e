import { ConfigError, loadConfig } from './config';

describe('settings of sign-in, sessions and mail', () => {
  it('has defaults for the embedded demo', () => {
    const config = loadConfig({ PORT: '4000' });
    expect(config).toMatchObject({
      publicUrl: 'http://localhost:4000',
      authScopes: 'openid profile email',
      sessionMaxAgeMinutes: 480,
      sessionIdleMinutes: 60,
      mailFrom: 'Lexique <lexique@localhost>',
    });
    expect(config.authClientId).toBeUndefined();
    expect(config.smtpUrl).toBeUndefined();
  });

  it('reads a provider client, the public address without its trailing slash, and a mail server', () => {
    const config = loadConfig({
      AUTH_ISSUER: 'https://sso.example/realms/agents',
      AUTH_CLIENT_ID: 'lexique',
      AUTH_CLIENT_SECRET: 's3cret',
      LEXIQUE_PUBLIC_URL: 'https://lexique.example/',
      SMTP_URL: 'smtps://user:pass@mail.example:465',
      MAIL_FROM: 'Lexique <ne-pas-repondre@bordeaux-metropole.example>',
      SESSION_MAX_AGE_MINUTES: '60',
    });
    expect(config).toMatchObject({
      authClientId: 'lexique',
      authClientSecret: 's3cret',
      publicUrl: 'https://lexique.example',
      smtpUrl: 'smtps://user:pass@mail.example:465',
      sessionMaxAgeMinutes: 60,
    });
  });

  it.each([
    [{ AUTH_CLIENT_ID: 'lexique', AUTH_CLIENT_SECRET: 'x' }, 'AUTH_ISSUER'],
    [{ AUTH_CLIENT_ID: 'lexique', AUTH_ISSUER: 'https://sso.example' }, 'AUTH_CLIENT_SECRET'],
    [{ AUTH_CLIENT_SECRET: 'x' }, 'AUTH_CLIENT_ID'],
    [{ AUTH_CLIENT_ID: 'lexique', AUTH_CLIENT_SECRET: 'x', AUTH_ISSUER: 'sso.example' }, 'AUTH_ISSUER'],
    [{ AUTH_SCOPES: 'profile email' }, 'AUTH_SCOPES'],
    [{ SMTP_URL: 'http://mail.example' }, 'SMTP_URL'],
    [{ MAIL_FROM: 'not an address' }, 'MAIL_FROM'],
    [{ LEXIQUE_PUBLIC_URL: 'lexique.example' }, 'LEXIQUE_PUBLIC_URL'],
    [{ SESSION_IDLE_MINUTES: '0' }, 'SESSION_IDLE_MINUTES'],
  ])('refuses %p naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(variable);
  });
});
