import { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations';

export interface DatabaseOptions {
  url: string;
  poolSize?: number;
  /** Name shown in pg_stat_activity. */
  applicationName?: string;
  /** PostgreSQL cancels a statement running longer (ms); unset: no limit. */
  statementTimeoutMs?: number;
  /** PostgreSQL cancels a statement waiting longer for a lock (ms); unset: no limit. */
  lockTimeoutMs?: number;
}

/** Waiting for a free connection of the pool longer than this answers BUSY rather than queueing on. */
const POOL_ACQUIRE_TIMEOUT_MS = 5000;
/**
 * A server that stopped answering cannot cancel its own statements: past the
 * statement timeout and this margin, the driver gives up on its side.
 */
const UNRESPONSIVE_SERVER_MARGIN_MS = 5000;

/** One place that says how Lexique talks to PostgreSQL: the API, the CLI and the tests share it. */
export function dataSourceOptions(options: DatabaseOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: options.url,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'each',
    synchronize: false,
    applicationName: options.applicationName ?? 'lexique',
    extra: {
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: POOL_ACQUIRE_TIMEOUT_MS,
      ...(options.statementTimeoutMs
        ? { statement_timeout: options.statementTimeoutMs, query_timeout: options.statementTimeoutMs + UNRESPONSIVE_SERVER_MARGIN_MS }
        : {}),
      ...(options.lockTimeoutMs ? { lock_timeout: options.lockTimeoutMs } : {}),
    },
  };
}
