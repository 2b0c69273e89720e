import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { LexiqueConfig } from '@lexique/core';
import { dataSourceOptions } from './data-source-options';
import { databaseUrl, EmbeddedPostgresServer } from './embedded/embedded-postgres.server';

export interface DatabaseRuntime {
  url: string;
  embedded: boolean;
  /** Stops the embedded PostgreSQL, if one was started. */
  stop(): Promise<void>;
}

const EMBEDDED_DATABASE = 'lexique';

/** Where the embedded server's messages go: its own log at debug, its restarts at warn. */
export interface DatabaseLogger {
  debug(message: string): void;
  warn(message: string): void;
}

const SILENT: DatabaseLogger = { debug: () => undefined, warn: () => undefined };

/**
 * Resolves the PostgreSQL to use: DATABASE_URL when given (nothing is
 * started), else an embedded server under LEXIQUE_DATA_DIR, created on first use.
 */
export async function openDatabase(config: LexiqueConfig, logger: DatabaseLogger = SILENT): Promise<DatabaseRuntime> {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: false, stop: () => Promise.resolve() };
  const server = new EmbeddedPostgresServer({
    dataDir: config.dataDir,
    port: config.embeddedPostgresPort,
    log: (message) => logger.debug(message),
    warn: (message) => logger.warn(message),
  });
  const serverUrl = await server.start();
  try {
    await ensureDatabase(serverUrl, EMBEDDED_DATABASE);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { url: databaseUrl(serverUrl, EMBEDDED_DATABASE), embedded: true, stop: () => server.stop() };
}

export async function ensureDatabase(serverUrl: string, name: string): Promise<void> {
  const admin = new DataSource({ type: 'postgres', url: databaseUrl(serverUrl, 'postgres') });
  await admin.initialize();
  try {
    const exists: unknown[] = await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
    if (exists.length === 0) await admin.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await admin.destroy();
  }
}

/**
 * Timeouts of work that goes through whole tables (migrations, the CLI's
 * imports): one statement of a million-row import may run for minutes, and
 * it may wait for an upload's import to end. Still bounded, so that a frozen
 * database cannot hold a terminal or a starting replica forever.
 */
export const LONG_WORK_TIMEOUTS = { statementTimeoutMs: 60 * 60_000, lockTimeoutMs: 2 * 60_000 } as const;

/** Applies pending migrations; returns the names of those applied. */
export async function migrate(url: string): Promise<string[]> {
  const dataSource = new DataSource(dataSourceOptions({ url, poolSize: 1, applicationName: 'lexique-migrate', ...LONG_WORK_TIMEOUTS }));
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}

/** How long a replica waits for another one to finish preparing the database. */
const STARTUP_LOCK_WAIT = '10min';

/**
 * Runs `work` (migrating, loading the demo) while holding a lock of the
 * database: replicas started together take turns, and the second finds the
 * work done instead of repeating it halfway through the first's.
 */
export async function whileAloneOnDatabase<T>(url: string, work: () => Promise<T>): Promise<T> {
  const lock = new Client({ connectionString: url, application_name: 'lexique-startup' });
  await lock.connect();
  try {
    await lock.query(`SET lock_timeout = '${STARTUP_LOCK_WAIT}'`);
    await lock.query(`SELECT pg_advisory_lock(hashtext('lexique:startup'))`);
    return await work();
  } finally {
    // ending the session releases the lock
    await lock.end().catch(() => undefined);
  }
}
