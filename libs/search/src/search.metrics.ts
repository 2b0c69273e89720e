import { Inject, Injectable } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import { LEXIQUE_CONFIG, LexiqueConfig } from '@lexique/core';
import { SearchCheckpointRepository } from './meili/search-checkpoint.repository';

/**
 * The indexing lag of the search index: seconds since the oldest change the
 * index has not taken in. Always 0 with the PostgreSQL engine, which reads
 * its own tables in the writing transaction.
 */
@Injectable()
export class SearchMetrics {
  constructor(
    @Inject(LEXIQUE_CONFIG) private readonly config: LexiqueConfig,
    private readonly checkpoints: SearchCheckpointRepository,
  ) {}

  register(registry: Registry): void {
    const { meiliHost, meiliIndex } = this.config;
    const checkpoints = this.checkpoints;
    new Gauge({
      name: 'lexique_search_index_lag_seconds',
      help: 'Seconds since the oldest change the search index has not taken in (0 when up to date)',
      labelNames: ['engine'],
      registers: [registry],
      async collect() {
        this.set({ engine: meiliHost ? 'meilisearch' : 'postgresql' }, meiliHost ? await checkpoints.lagSeconds(meiliIndex) : 0);
      },
    });
  }
}
