import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { REFRESH_BATCH, StaleDocumentsRepository } from './stale-documents.repository';

const POLL_MS = 1000;
const MAX_PAUSE_MS = 30_000;

/**
 * Refreshes, in the API process, the search documents that large writes left
 * stale: in batches while there are some, then every second. Every replica
 * runs it; each batch takes marks nobody else holds, so they share the work.
 */
@Injectable()
export class SearchDocumentRefresher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('SearchDocuments');
  private timer?: NodeJS.Timeout;
  private round?: Promise<number>;
  private pauseMs = POLL_MS;
  private stopped = false;

  constructor(private readonly stale: StaleDocumentsRepository) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.round?.catch(() => 0);
  }

  /** Refreshes every document left stale by a committed write, now; resolves to how many this call refreshed. */
  catchUp(): Promise<number> {
    return this.stale.refreshAll();
  }

  private schedule(delay: number) {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.round = this.runRound();
      void this.round.finally(() => this.schedule(this.pauseMs));
    }, delay);
  }

  private async runRound(): Promise<number> {
    try {
      let refreshed = 0;
      if (!(await this.stale.any())) return 0;
      for (
        let batch = await this.stale.refreshNext(REFRESH_BATCH);
        batch > 0 && !this.stopped;
        batch = await this.stale.refreshNext(REFRESH_BATCH)
      ) {
        refreshed += batch;
      }
      if (refreshed > 0) this.logger.log(`${refreshed} search documents refreshed after a large write`);
      this.pauseMs = POLL_MS;
      return refreshed;
    } catch (error) {
      this.pauseMs = Math.min(MAX_PAUSE_MS, this.pauseMs * 2);
      this.logger.warn(`refreshing search documents paused for ${this.pauseMs} ms: ${String(error)}`);
      return 0;
    }
  }
}
