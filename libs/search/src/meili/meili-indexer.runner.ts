import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { MEILI_GATEWAY, MeiliGateway } from './meili-gateway';
import { IndexUnavailableError } from './meili-indexer';
import { IndexRound, MeiliReindexService } from './meili-reindex.service';

const POLL_MS = 1000;
const MAX_PAUSE_MS = 30_000;

/**
 * Runs the index's rounds in the API process while MEILI_HOST is set: one
 * every second, pausing longer (up to 30 s) while Meilisearch is unavailable.
 * Every replica runs it; the index's lock lets one round run at a time.
 */
@Injectable()
export class MeiliIndexerRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('SearchIndexer');
  private timer?: NodeJS.Timeout;
  private round?: Promise<void>;
  private pauseMs = POLL_MS;
  private stopped = false;

  constructor(
    @Inject(MEILI_GATEWAY) private readonly gateway: MeiliGateway | null,
    private readonly index: MeiliReindexService,
  ) {}

  onApplicationBootstrap(): void {
    if (this.gateway) this.schedule(0); // the PostgreSQL engine needs no indexer
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.round;
  }

  /** One round now, after any running one (tests and the CLI: the index then holds every committed change). */
  catchUp(): Promise<IndexRound | null> {
    return this.index.round(true);
  }

  private schedule(delay: number) {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.round = this.runRound().finally(() => this.schedule(this.pauseMs));
    }, delay);
  }

  private async runRound(): Promise<void> {
    try {
      const round = await this.index.round(false);
      if (round && 'rebuilt' in round) this.logger.log(`index ${round.rebuilt.index} rebuilt: ${round.rebuilt.documents} documents`);
      if (round && 'caughtUp' in round && round.caughtUp.changes > 0) {
        this.logger.debug(`indexed ${round.caughtUp.changes} changes in ${round.caughtUp.batches} batches`);
      }
      this.pauseMs = POLL_MS;
    } catch (error) {
      this.pauseMs = Math.min(MAX_PAUSE_MS, this.pauseMs * 2);
      const message = error instanceof IndexUnavailableError ? error.message : String(error);
      this.logger.warn(`indexing paused for ${this.pauseMs} ms: ${message}`);
    }
  }
}
