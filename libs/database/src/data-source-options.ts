import { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations';

export interface DatabaseOptions {
  url: string;
  poolSize?: number;
  /** Name shown in pg_stat_activity. */
  applicationName?: string;
}

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
    extra: { max: options.poolSize ?? 10, connectionTimeoutMillis: 5000 },
  };
}
