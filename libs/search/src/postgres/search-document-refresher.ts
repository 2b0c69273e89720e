import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DatabaseNotifications, Listening } from '@lexique/database';
import { REFRESH_BATCH, StaleDocumentsRepository } from './stale-documents.repository';

/** The channel a large write notifies once it has left documents stale (migration SearchFollowsWrites1764350000000). */
const STALE_CHANNEL = 'search_document_stale';

/** How often the refresher looks without being told (the module's value, in ms): a notification missed is then late, never lost. */
export const REFRESH_POLL_MS = Symbol('REFRESH_POLL_MS');

const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 30_000;

/**
 * Refreshes, in the API process, the search documents that large writes left
 * stale: in batches while there are some, as soon as a write notifies it
 * left some (LISTEN on a connection of its own), and every REFRESH_POLL_MS in
 * case a notification was missed. Every replica runs it; each batch takes
 * marks nobody else holds, so they share the work.
 */
@Injectable()
export class SearchDocumentRefresher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('SearchDocuments');
  private listening?: Listening;
  private timer?: NodeJS.Timeout;
  private round?: Promise<number>;
  /** A notification came during the round: what the round saw may predate it. */
  private notifiedMeanwhile = false;
  private failures = 0;
  private stopped = false;

  constructor(
    private readonly stale: StaleDocumentsRepository,
    private readonly notifications: DatabaseNotifications,
    @Inject(REFRESH_POLL_MS) private readonly pollMs: number,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const listening = await this.notifications.listen(STALE_CHANNEL, () => this.wake());
    if (this.stopped) return listening.close();
    this.listening = listening;
    this.wake();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.listening?.close();
    await this.round?.catch(() => 0);
  }

  /** Refreshes every document left stale by a committed write, now; resolves to how many this call refreshed. */
  catchUp(): Promise<number> {
    return this.stale.refreshAll();
  }

  /** A round now, or right after the running one. */
  private wake() {
    if (this.stopped) return;
    if (this.round) {
      this.notifiedMeanwhile = true;
      return;
    }
    clearTimeout(this.timer);
    this.round = this.runRound();
    void this.round.finally(() => {
      this.round = undefined;
      const again = this.notifiedMeanwhile && this.failures === 0;
      this.notifiedMeanwhile = false;
      if (again) this.wake();
      else if (!this.stopped) this.timer = setTimeout(() => this.wake(), this.failures === 0 ? this.pollMs : this.retryMs());
    });
  }

  /** The pause after a failed round: doubling from the first to the last. */
  private retryMs(): number {
    return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (this.failures - 1));
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
      this.failures = 0;
      return refreshed;
    } catch (error) {
      this.failures++;
      this.logger.warn(`refreshing search documents paused for ${this.retryMs()} ms: ${String(error)}`);
      return 0;
    }
  }
}
