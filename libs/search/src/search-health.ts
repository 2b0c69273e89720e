import { Inject, Injectable } from '@nestjs/common';
import { LEXIQUE_CONFIG, LexiqueConfig } from '@lexique/core';
import { MEILI_GATEWAY, MeiliGateway } from './meili/meili-gateway';
import { SearchCheckpointRepository } from './meili/search-checkpoint.repository';
import { SearchFailover } from './search-failover';

export interface SearchHealthReport {
  /** `degraded`: the configured engine cannot answer; PostgreSQL does, so search still works. */
  status: 'up' | 'degraded';
  /** The configured engine. */
  engine: 'postgresql' | 'meilisearch';
  /** The engine searches go to now. */
  answering: 'postgresql' | 'meilisearch';
  reason?: string;
  /** Seconds since the oldest change the index has not taken in (Meilisearch only). */
  indexLagSeconds?: number;
}

/** The search part of /health: whether the configured engine answers, and how far behind its index is. */
@Injectable()
export class SearchHealth {
  constructor(
    @Inject(LEXIQUE_CONFIG) private readonly config: LexiqueConfig,
    @Inject(MEILI_GATEWAY) private readonly gateway: MeiliGateway | null,
    private readonly failover: SearchFailover,
    private readonly checkpoints: SearchCheckpointRepository,
  ) {}

  async check(): Promise<SearchHealthReport> {
    if (!this.gateway) return { status: 'up', engine: 'postgresql', answering: 'postgresql' };
    const [reachable, indexLagSeconds] = await Promise.all([this.gateway.healthy(), this.checkpoints.lagSeconds(this.config.meiliIndex)]);
    const failing = this.failover.status();
    if (reachable && failing.status === 'up') return { status: 'up', engine: 'meilisearch', answering: 'meilisearch', indexLagSeconds };
    return {
      status: 'degraded',
      engine: 'meilisearch',
      answering: 'postgresql',
      reason: reachable ? failing.reason : 'Meilisearch does not answer',
      indexLagSeconds,
    };
  }
}
