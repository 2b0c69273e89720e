import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { QueryMetrics } from '@lexique/database';

interface PoolStats {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

const MAX_OPERATION_LABELS = 200;

/** The Prometheus registry of the API process, exposed at /metrics. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly operations = new Set<string>();

  readonly graphqlDuration = new Histogram({
    name: 'lexique_graphql_request_duration_seconds',
    help: 'GraphQL request latency per operation',
    labelNames: ['operation', 'type'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly graphqlErrors = new Counter({
    name: 'lexique_graphql_errors_total',
    help: 'GraphQL errors per operation and code',
    labelNames: ['operation', 'code'],
    registers: [this.registry],
  });

  constructor(dataSource: DataSource, queries: QueryMetrics) {
    collectDefaultMetrics({ register: this.registry, prefix: 'lexique_' });
    const pool = () => (dataSource.driver as unknown as { master?: PoolStats }).master;
    new Gauge({
      name: 'lexique_db_pool_connections',
      help: 'Database pool connections by state',
      labelNames: ['state'],
      registers: [this.registry],
      collect() {
        const stats = pool();
        this.set({ state: 'total' }, stats?.totalCount ?? 0);
        this.set({ state: 'idle' }, stats?.idleCount ?? 0);
        this.set({ state: 'waiting' }, stats?.waitingCount ?? 0);
      },
    });
    new Counter({
      name: 'lexique_db_queries_total',
      help: 'SQL statements sent to PostgreSQL',
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc(queries.total);
      },
    });
  }

  /** Operation names come from clients: keep the label set bounded. */
  operationLabel(name: string | null | undefined): string {
    if (!name || !/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) return 'anonymous';
    if (this.operations.has(name)) return name;
    if (this.operations.size >= MAX_OPERATION_LABELS) return 'other';
    this.operations.add(name);
    return name;
  }
}
