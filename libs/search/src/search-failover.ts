import { Logger } from '@nestjs/common';
import { EngineResult, SearchEngine, SearchQuery } from './search-engine';

/** How long searches go to PostgreSQL after Meilisearch failed, before Meilisearch is asked again. */
export const RETRY_AFTER_MS = 5000;

export interface AnsweredSearch {
  result: EngineResult;
  engine: SearchEngine['name'];
  /** The configured engine could not answer; PostgreSQL did. */
  degraded: boolean;
}

export interface EngineStatus {
  engine: SearchEngine['name'];
  /** `degraded`: the configured engine is failing and PostgreSQL answers searches. */
  status: 'up' | 'degraded';
  /** Why, when degraded. */
  reason?: string;
}

/**
 * Which engine answers a search: the configured one while it answers, and
 * PostgreSQL (which holds every document, written with the data) when it does
 * not. After a failure, searches go to PostgreSQL for RETRY_AFTER_MS before
 * the configured engine is tried again, so that an outage costs one failed
 * request now and then, not one per search.
 */
export class SearchFailover {
  private readonly logger = new Logger('Search');
  private failingSince?: number;
  private retryAt = 0;
  private reason?: string;

  constructor(
    private readonly configured: SearchEngine,
    private readonly fallback: SearchEngine,
    private readonly now: () => number = Date.now,
  ) {}

  async search(query: SearchQuery): Promise<AnsweredSearch> {
    if (this.configured === this.fallback)
      return { result: await this.fallback.search(query), engine: this.fallback.name, degraded: false };
    if (this.failingSince === undefined || this.now() >= this.retryAt) {
      try {
        const result = await this.configured.search(query);
        if (this.failingSince !== undefined) this.logger.log(`${this.configured.name} answers again; searches go back to it`);
        this.failingSince = undefined;
        this.reason = undefined;
        return { result, engine: this.configured.name, degraded: false };
      } catch (error) {
        if (this.failingSince === undefined) {
          this.logger.warn(`${this.configured.name} failed (${(error as Error).message}); searches go to ${this.fallback.name}`);
        }
        this.failingSince ??= this.now();
        this.retryAt = this.now() + RETRY_AFTER_MS;
        this.reason = (error as Error).message;
      }
    }
    return { result: await this.fallback.search(query), engine: this.fallback.name, degraded: true };
  }

  /** Which engine answers a search now, without asking it anything. */
  answering(): Pick<AnsweredSearch, 'engine' | 'degraded'> {
    const degraded = this.failingSince !== undefined;
    return { engine: degraded ? this.fallback.name : this.configured.name, degraded };
  }

  status(): EngineStatus {
    if (this.failingSince === undefined) return { engine: this.configured.name, status: 'up' };
    return { engine: this.fallback.name, status: 'degraded', reason: `${this.configured.name} failing: ${this.reason}` };
  }
}
