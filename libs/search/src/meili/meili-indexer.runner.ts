import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { LEXIQUE_CONFIG, LexiqueConfig } from '@lexique/core';
import { ChangeLogReader, ChangePosition } from '@lexique/database';
import { MEILI_GATEWAY, MeiliGateway } from './meili-gateway';
import { CatchUpReport, IndexUnavailableError, MeiliIndexer } from './meili-indexer';
import { MEILI_SETTINGS } from './meili-settings';
import { SearchCheckpointRepository } from './search-checkpoint.repository';
import { SearchDocumentSource } from './search-document.source';

const POLL_MS = 1000;
const MAX_PAUSE_MS = 30_000;

/**
 * Runs the indexer in the API process while MEILI_HOST is set: a round every
 * second, pausing longer (up to 30 s) while Meilisearch is unavailable.
 */
@Injectable()
export class MeiliIndexerRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('SearchIndexer');
  private readonly indexer?: MeiliIndexer;
  private timer?: NodeJS.Timeout;
  private round?: Promise<void>;
  private pauseMs = POLL_MS;
  private stopped = false;

  constructor(
    @Inject(LEXIQUE_CONFIG) private readonly config: LexiqueConfig,
    @Inject(MEILI_GATEWAY) private readonly gateway: MeiliGateway | null,
    reader: ChangeLogReader,
    checkpoints: SearchCheckpointRepository,
    documents: SearchDocumentSource,
  ) {
    const feed = { readAfter: (after: ChangePosition | null, limit: number) => reader.readAfter(after, limit) };
    if (gateway) this.indexer = new MeiliIndexer(config.meiliIndex, feed, checkpoints, documents, gateway);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.gateway) return; // the PostgreSQL engine needs no indexer
    try {
      await this.gateway.ensureIndex(this.config.meiliIndex);
      await this.gateway.applySettings(this.config.meiliIndex, MEILI_SETTINGS);
    } catch (error) {
      this.logger.warn(`Meilisearch is not reachable yet (${(error as Error).message}); indexing will retry`);
    }
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.round;
  }

  /** One round now (tests and the CLI wait for the index to hold every committed change). */
  async catchUp(): Promise<CatchUpReport | null> {
    return this.indexer ? this.indexer.catchUp() : null;
  }

  private schedule(delay: number) {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.round = this.runRound().finally(() => this.schedule(this.pauseMs));
    }, delay);
  }

  private async runRound(): Promise<void> {
    try {
      const report = await this.catchUp();
      if (report && report.changes > 0) this.logger.debug(`indexed ${report.changes} changes in ${report.batches} batches`);
      this.pauseMs = POLL_MS;
    } catch (error) {
      this.pauseMs = Math.min(MAX_PAUSE_MS, this.pauseMs * 2);
      const message = error instanceof IndexUnavailableError ? error.message : String(error);
      this.logger.warn(`indexing paused for ${this.pauseMs} ms: ${message}`);
    }
  }
}
