import { Inject, Injectable } from '@nestjs/common';
import { LEXIQUE_CONFIG, LexiqueConfig } from '@lexique/core';
import { MEILI_GATEWAY, MeiliGateway } from './meili/meili-gateway';
import { SearchCheckpointRepository } from './meili/search-checkpoint.repository';
import { StaleDocumentsRepository } from './postgres/stale-documents.repository';
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
  /** Search documents a large write left for the refresher: those concepts are found as they were until then. */
  staleDocuments: number;
}

/** The search part of /health: whether the configured engine answers, and how far behind its index is. */
@Injectable()
export class SearchHealth {
  constructor(
    @Inject(LEXIQUE_CONFIG) private readonly config: LexiqueConfig,
    @Inject(MEILI_GATEWAY) private readonly gateway: MeiliGateway | null,
    private readonly failover: SearchFailover,
    private readonly checkpoints: SearchCheckpointRepository,
    private readonly stale: StaleDocumentsRepository,
  ) {}

  async check(): Promise<SearchHealthReport> {
    const staleDocuments = await this.stale.count();
    if (!this.gateway) return { status: 'up', engine: 'postgresql', answering: 'postgresql', staleDocuments };
    const [reachable, indexLagSeconds] = await Promise.all([this.gateway.healthy(), this.checkpoints.lagSeconds(this.config.meiliIndex)]);
    const failing = this.failover.status();
    if (reachable && failing.status === 'up') {
      return { status: 'up', engine: 'meilisearch', answering: 'meilisearch', indexLagSeconds, staleDocuments };
    }
    return {
      status: 'degraded',
      engine: 'meilisearch',
      answering: 'postgresql',
      reason: reachable ? failing.reason : 'Meilisearch does not answer',
      indexLagSeconds,
      staleDocuments,
    };
  }
}
