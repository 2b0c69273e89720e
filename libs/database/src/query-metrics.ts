import { AbstractLogger, LogLevel, LogMessage, QueryRunner } from 'typeorm';

/**
 * Counts the SQL statements sent, in total and per request-scoped counter.
 * The total feeds /metrics; tests read it to prove that a GraphQL query costs
 * a constant number of statements (DataLoaders, batch translation).
 */
export class QueryMetrics {
  private count = 0;

  get total(): number {
    return this.count;
  }

  increment(): void {
    this.count++;
  }
}

export class QueryCountingLogger extends AbstractLogger {
  constructor(private readonly metrics: QueryMetrics) {
    super(['query']);
  }

  override logQuery(_query: string, _parameters?: unknown[], _queryRunner?: QueryRunner): void {
    this.metrics.increment();
  }

  protected override writeLog(_level: LogLevel, _message: LogMessage | LogMessage[] | string | number, _queryRunner?: QueryRunner): void {
    // counting only: statements are never logged (they may carry personal data)
  }
}
