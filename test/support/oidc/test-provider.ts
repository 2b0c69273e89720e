import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { freePort } from '../free-port';

export interface TestAccount {
  name: string;
  email?: string;
  roles?: string[];
  domains?: string[];
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The environment that makes the API sign people in through this provider. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * Starts the test OpenID provider (oidc-provider in a child process) for an
 * API reachable at `publicUrl`, with these accounts (any password signs in).
 */
export async function startTestProvider(publicUrl: string, accounts: Record<string, TestAccount>): Promise<TestProvider> {
  const port = await freePort();
  const options = {
    port,
    clientId: 'lexique',
    clientSecret: 'lexique-test-client-secret',
    redirectUri: `${publicUrl}/auth/callback`,
    postLogoutRedirectUri: `${publicUrl}/`,
    rolesClaim: 'lexique_roles',
    domainsClaim: 'lexique_domains',
    accounts: Object.fromEntries(
      Object.entries(accounts).map(([id, a]) => [
        id,
        { name: a.name, email: a.email, lexique_roles: a.roles ?? [], lexique_domains: a.domains ?? [] },
      ]),
    ),
  };
  const child: ChildProcess = spawn(process.execPath, [path.join(__dirname, 'provider-server.mjs'), JSON.stringify(options)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The test OpenID provider did not start:\n${output}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The test OpenID provider stopped (${code}):\n${output}`));
    });
  });
  const issuer = `http://127.0.0.1:${port}`;
  return {
    issuer,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    env: {
      AUTH_ISSUER: issuer,
      AUTH_CLIENT_ID: options.clientId,
      AUTH_CLIENT_SECRET: options.clientSecret,
      AUTH_SCOPES: 'openid profile email lexique',
      AUTH_ROLES_CLAIM: options.rolesClaim,
      AUTH_DOMAINS_CLAIM: options.domainsClaim,
      LEXIQUE_PUBLIC_URL: publicUrl,
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.removeAllListeners('exit');
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
