import * as path from 'node:path';

/**
 * Typed configuration, read once from the environment at start. Every
 * variable is documented in the configuration table of docs/operations.md (a test compares them); a bad value
 * stops the process with a message naming the variable.
 */
export interface LexiqueConfig {
  port: number;
  /** Address the API listens on: loopback in the embedded demo; undefined (every interface) with DATABASE_URL. */
  host?: string;
  /** External PostgreSQL; when absent an embedded one is started. */
  databaseUrl?: string;
  databasePoolSize: number;
  /** Longest a statement of the API may run, and wait for a lock, before PostgreSQL cancels it (ms). */
  databaseStatementTimeoutMs: number;
  databaseLockTimeoutMs: number;
  dataDir: string;
  embeddedPostgresPort: number;
  /** Load the demo dictionary when the database is empty. */
  seedDemo: boolean;
  logFormat: 'json' | 'pretty';
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  graphqlIde: boolean;
  graphqlIntrospection: boolean;
  meiliHost?: string;
  meiliApiKey?: string;
  meiliIndex: string;
  /** Shared secret (HS256) for development and demo tokens. */
  authJwtSecret?: string;
  /** OpenID Connect provider's key set; tokens it signs must name AUTH_ISSUER and AUTH_AUDIENCE. */
  authJwksUrl?: string;
  authIssuer?: string;
  authAudience?: string;
  /** Where roles and steward domains sit in a token's claims: a name or a dotted path (`realm_access.roles`). */
  authRolesClaim: string;
  authDomainsClaim: string;
  /** Longest lifetime a bearer token may have (its `exp` at most this far from now), in seconds. */
  authMaxTokenLifetimeSeconds: number;
  /**
   * Sign-in of people through an OpenID Connect provider (authorization code
   * flow with PKCE): the client registered at AUTH_ISSUER.
   */
  authClientId?: string;
  authClientSecret?: string;
  /** Scopes asked at sign-in, space-separated. */
  authScopes: string;
  /** Where people reach Lexique: the sign-in redirect address and the links of emails derive from it. */
  publicUrl: string;
  /** A browser session ends this long after sign-in, or after this long unused (minutes). */
  sessionMaxAgeMinutes: number;
  sessionIdleMinutes: number;
  /** Mail server for the stewards' notifications (smtp:// or smtps://); none sent without it. */
  smtpUrl?: string;
  mailFrom: string;
  /** Whether callers without credentials may read published entries. */
  anonymousRead: boolean;
  /** Query limits: nesting depth, estimated cost, aliases per operation, operations per batched request. */
  graphqlMaxDepth: number;
  graphqlMaxCost: number;
  graphqlMaxAliases: number;
  graphqlBatchLimit: number;
  /** Lexical tokens a request's document may hold: bounds parsing and validation before any limit above is measured. */
  graphqlMaxTokens: number;
  /**
   * Express's `trust proxy`: which proxies may say, in X-Forwarded-For, the
   * address of an anonymous caller (whose rate limit follows its address).
   */
  trustProxy: boolean | number | string;
  /** Token bucket per principal for operations marked expensive. */
  rateLimitPerMinute: number;
  rateLimitBurst: number;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`Invalid configuration: ${variable} ${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(name, `must be an integer between ${min} and ${max} (got "${raw}")`);
  }
  return value;
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** A duration as `500ms`, `30s`, `5m`, `8h`, `1d` or a number of seconds; returned in milliseconds. */
function duration(env: Env, name: string, fallbackMs: number, minMs: number, maxMs: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallbackMs;
  const match = /^(\d+)(ms|s|m|h|d)?$/.exec(raw);
  const value = match ? Number(match[1]) * UNITS[match[2] ?? 's'] : NaN;
  if (!Number.isSafeInteger(value) || value < minMs || value > maxMs) {
    throw new ConfigError(name, `must be a duration like 30s, 5m or 8h, from ${minMs / 1000} s to ${maxMs / 1000} s (got "${raw}")`);
  }
  return value;
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(name, `must be true or false (got "${env[name]}")`);
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')} (got "${raw}")`);
  }
  return raw as T;
}

function url(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, 'must be a URL');
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must start with ${protocols.map((p) => p + '//').join(' or ')}`);
  }
  return raw;
}

function secret(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  if (raw.length < 32) throw new ConfigError(name, 'must be at least 32 characters long');
  return raw;
}

/** `true`/`false`, a number of proxy hops, or addresses and subnets (`loopback, 10.0.0.0/8`), as Express reads them. */
function trustProxy(env: Env): boolean | number | string {
  const raw = env.TRUST_PROXY?.trim();
  if (!raw || ['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  if (['true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  if (!/^[0-9A-Za-z.:/_ ,-]+$/.test(raw)) {
    throw new ConfigError('TRUST_PROXY', `must be true, a number of proxies, or addresses such as "loopback, 10.0.0.0/8" (got "${raw}")`);
  }
  return raw;
}

function claimPath(env: Env, name: string, fallback: string): string {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!/^[^.\s]+(\.[^.\s]+)*$/.test(raw))
    throw new ConfigError(name, `must be a claim name or a dotted path like realm_access.roles (got "${raw}")`);
  return raw;
}

/** JWKS verification is only safe when the token's issuer and audience are checked too. */
function jwks(env: Env): Pick<LexiqueConfig, 'authJwksUrl' | 'authIssuer' | 'authAudience'> {
  const authJwksUrl = url(env, 'AUTH_JWKS_URL', ['http:', 'https:']);
  const authIssuer = env.AUTH_ISSUER?.trim() || undefined;
  const authAudience = env.AUTH_AUDIENCE?.trim() || undefined;
  if (authJwksUrl && !authIssuer) throw new ConfigError('AUTH_ISSUER', 'is required with AUTH_JWKS_URL');
  if (authJwksUrl && !authAudience) throw new ConfigError('AUTH_AUDIENCE', 'is required with AUTH_JWKS_URL');
  return { authJwksUrl, authIssuer, authAudience };
}

/** A provider sign-in needs the provider (AUTH_ISSUER) and the client's secret. */
function signIn(env: Env): Pick<LexiqueConfig, 'authClientId' | 'authClientSecret' | 'authScopes'> {
  const authClientId = env.AUTH_CLIENT_ID?.trim() || undefined;
  const authClientSecret = env.AUTH_CLIENT_SECRET?.trim() || undefined;
  if (authClientId) {
    if (!env.AUTH_ISSUER?.trim())
      throw new ConfigError('AUTH_ISSUER', 'is required with AUTH_CLIENT_ID: the address of the OpenID Connect provider');
    url(env, 'AUTH_ISSUER', ['http:', 'https:']);
    if (!authClientSecret) throw new ConfigError('AUTH_CLIENT_SECRET', 'is required with AUTH_CLIENT_ID');
  } else if (authClientSecret) {
    throw new ConfigError('AUTH_CLIENT_ID', 'is required with AUTH_CLIENT_SECRET');
  }
  const authScopes = env.AUTH_SCOPES?.trim() || 'openid profile email';
  if (!authScopes.split(/\s+/).includes('openid')) throw new ConfigError('AUTH_SCOPES', 'must include openid');
  return { authClientId, authClientSecret, authScopes };
}

function mailFrom(env: Env): string {
  const raw = env.MAIL_FROM?.trim() || 'Lexique <lexique@localhost>';
  if (!/^[^<>@\s]+@[^<>@\s]+$|^[^<>]*<[^<>@\s]+@[^<>@\s]+>$/.test(raw)) {
    throw new ConfigError('MAIL_FROM', `must be an address like lexique@example.org or "Lexique <lexique@example.org>" (got "${raw}")`);
  }
  return raw;
}

export function loadConfig(env: Env = process.env): LexiqueConfig {
  const meiliIndex = env.MEILI_INDEX?.trim() || 'concepts';
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(meiliIndex)) {
    throw new ConfigError('MEILI_INDEX', 'may only contain letters, digits, - and _');
  }
  const embedded = !env.DATABASE_URL?.trim();
  // schema details are for developers: a production start (`npm run start:prod`) hides them unless asked
  const production = env.NODE_ENV?.trim() === 'production';
  const graphqlIntrospection = boolean(env, 'GRAPHQL_INTROSPECTION', !production);
  return {
    port: integer(env, 'PORT', 3000, 0, 65535),
    // the demo opens anonymous reading: it stays on this machine unless HOST says otherwise
    host: env.HOST?.trim() || (embedded ? '127.0.0.1' : undefined),
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    databasePoolSize: integer(env, 'DATABASE_POOL_SIZE', 10, 1, 200),
    databaseStatementTimeoutMs: duration(env, 'DATABASE_STATEMENT_TIMEOUT', 30_000, 100, 86_400_000),
    databaseLockTimeoutMs: duration(env, 'DATABASE_LOCK_TIMEOUT', 5_000, 10, 3_600_000),
    dataDir: path.resolve(env.LEXIQUE_DATA_DIR?.trim() || '.lexique'),
    embeddedPostgresPort: integer(env, 'LEXIQUE_EMBEDDED_PG_PORT', 54329, 1024, 65535),
    // a server of one's own starts empty: the demo dictionary only where Lexique runs its own PostgreSQL
    seedDemo: boolean(env, 'LEXIQUE_SEED_DEMO', embedded),
    logFormat: oneOf(env, 'LOG_FORMAT', ['json', 'pretty'] as const, process.stdout.isTTY ? 'pretty' : 'json'),
    logLevel: oneOf(env, 'LOG_LEVEL', ['debug', 'info', 'warn', 'error'] as const, 'info'),
    // the IDE reads the schema by introspection: it follows it unless set
    graphqlIde: boolean(env, 'GRAPHQL_IDE', graphqlIntrospection),
    graphqlIntrospection,
    meiliHost: url(env, 'MEILI_HOST', ['http:', 'https:']),
    meiliApiKey: env.MEILI_API_KEY?.trim() || undefined,
    meiliIndex,
    authJwtSecret: secret(env, 'AUTH_JWT_SECRET'),
    ...jwks(env),
    authRolesClaim: claimPath(env, 'AUTH_ROLES_CLAIM', 'roles'),
    authDomainsClaim: claimPath(env, 'AUTH_DOMAINS_CLAIM', 'domains'),
    authMaxTokenLifetimeSeconds: duration(env, 'AUTH_MAX_TOKEN_LIFETIME', 86_400_000, 60_000, 366 * 86_400_000) / 1000,
    ...signIn(env),
    publicUrl: (url(env, 'LEXIQUE_PUBLIC_URL', ['http:', 'https:']) ?? `http://localhost:${integer(env, 'PORT', 3000, 0, 65535)}`).replace(
      /\/+$/,
      '',
    ),
    sessionMaxAgeMinutes: integer(env, 'SESSION_MAX_AGE_MINUTES', 480, 1, 10080),
    sessionIdleMinutes: integer(env, 'SESSION_IDLE_MINUTES', 60, 1, 10080),
    smtpUrl: url(env, 'SMTP_URL', ['smtp:', 'smtps:']),
    mailFrom: mailFrom(env),
    // open in the embedded demo, closed by default on a real deployment
    anonymousRead: boolean(env, 'LEXIQUE_ANONYMOUS_READ', embedded),
    graphqlMaxDepth: integer(env, 'GRAPHQL_MAX_DEPTH', 12, 2, 100),
    graphqlMaxCost: integer(env, 'GRAPHQL_MAX_COST', 25000, 10, 10_000_000),
    graphqlMaxAliases: integer(env, 'GRAPHQL_MAX_ALIASES', 30, 0, 10000),
    graphqlBatchLimit: integer(env, 'GRAPHQL_BATCH_LIMIT', 10, 1, 1000),
    graphqlMaxTokens: integer(env, 'GRAPHQL_MAX_TOKENS', 15000, 100, 10_000_000),
    trustProxy: trustProxy(env),
    rateLimitPerMinute: integer(env, 'RATE_LIMIT_PER_MINUTE', 120, 1, 1_000_000),
    rateLimitBurst: integer(env, 'RATE_LIMIT_BURST', 30, 1, 1_000_000),
  };
}

export const LEXIQUE_CONFIG = Symbol('LEXIQUE_CONFIG');
