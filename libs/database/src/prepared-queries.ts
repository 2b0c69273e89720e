import { Injectable } from '@nestjs/common';
import type { Pool, QueryResultRow } from 'pg';
import { DataSource } from 'typeorm';
import { QueryMetrics } from './query-metrics';

/**
 * A read statement of a hot path (translation, lookup by code), sent as a
 * named prepared statement: PostgreSQL parses and plans it once per
 * connection instead of once per call, and the call skips TypeORM's query
 * runner. The name must be unique in the application and the text constant.
 */
export interface PreparedStatement {
  readonly name: string;
  readonly text: string;
}

export function preparedStatement(name: string, text: string): PreparedStatement {
  return { name, text };
}

/**
 * Runs prepared statements on the pool TypeORM opened, so that they share its
 * connections, limits and metrics. Reads only, outside transactions: writes go
 * through TypeORM's entity managers, where the transaction lives.
 */
@Injectable()
export class PreparedQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly metrics: QueryMetrics,
  ) {}

  async rows<T extends QueryResultRow>(statement: PreparedStatement, values: unknown[]): Promise<T[]> {
    this.metrics.increment();
    const result = await this.pool().query<T>({ name: statement.name, text: statement.text, values });
    return result.rows;
  }

  private pool(): Pool {
    // TypeORM's PostgreSQL driver keeps its pg Pool as `master` (no replicas configured)
    const pool = (this.dataSource.driver as unknown as { master?: Pool }).master;
    if (!pool) throw new Error('The database connection is not open');
    return pool;
  }
}
