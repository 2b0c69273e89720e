import type { LexiqueConfig } from '@lexique/core';

export type SignInMode = 'provider' | 'demo' | 'none';

/**
 * The demo's sign-in (pick a demo steward, no password) exists only in the
 * embedded demo: no DATABASE_URL and no identity provider of any kind.
 */
export function demoSignInEnabled(config: LexiqueConfig): boolean {
  return !config.databaseUrl && !config.authIssuer && !config.authJwksUrl && !config.authClientId;
}

/** How people sign in to the page: through the provider's client, the demo's page, or not at all. */
export function signInMode(config: LexiqueConfig): SignInMode {
  if (config.authClientId) return 'provider';
  return demoSignInEnabled(config) ? 'demo' : 'none';
}
