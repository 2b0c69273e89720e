import * as path from 'node:path';

/**
 * Typed configuration, read once from the environment at start. Every
 * variable is documented in the README's configuration table; a bad value
 * stops the process with a message naming the variable.
 */
export interface LexiqueConfig {
  port: number;
  /** External PostgreSQL; when absent an embedded one is started. */
  databaseUrl?: string;
  databasePoolSize: number;
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

export function loadConfig(env: Env = process.env): LexiqueConfig {
  const meiliIndex = env.MEILI_INDEX?.trim() || 'concepts';
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(meiliIndex)) {
    throw new ConfigError('MEILI_INDEX', 'may only contain letters, digits, - and _');
  }
  return {
    port: integer(env, 'PORT', 3000, 0, 65535),
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    databasePoolSize: integer(env, 'DATABASE_POOL_SIZE', 10, 1, 200),
    dataDir: path.resolve(env.LEXIQUE_DATA_DIR?.trim() || '.lexique'),
    embeddedPostgresPort: integer(env, 'LEXIQUE_EMBEDDED_PG_PORT', 54329, 1024, 65535),
    seedDemo: boolean(env, 'LEXIQUE_SEED_DEMO', true),
    logFormat: oneOf(env, 'LOG_FORMAT', ['json', 'pretty'] as const, process.stdout.isTTY ? 'pretty' : 'json'),
    logLevel: oneOf(env, 'LOG_LEVEL', ['debug', 'info', 'warn', 'error'] as const, 'info'),
    graphqlIde: boolean(env, 'GRAPHQL_IDE', true),
    graphqlIntrospection: boolean(env, 'GRAPHQL_INTROSPECTION', true),
    meiliHost: url(env, 'MEILI_HOST', ['http:', 'https:']),
    meiliApiKey: env.MEILI_API_KEY?.trim() || undefined,
    meiliIndex,
    authJwtSecret: secret(env, 'AUTH_JWT_SECRET'),
  };
}

export const LEXIQUE_CONFIG = Symbol('LEXIQUE_CONFIG');
