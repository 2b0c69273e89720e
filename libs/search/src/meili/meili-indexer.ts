import type { ChangePosition, ChangeRow } from '@lexique/database';
import { MeiliConceptDocument } from './meili-document';
import { MeiliGateway } from './meili-gateway';

/** The change log as the indexer follows it (ChangeLogReader in production). */
export interface ChangeFeed {
  readAfter(after: ChangePosition | null, limit: number): Promise<ChangeRow[]>;
}

/** Where the indexer records how far it got, per index. */
export interface CheckpointStore {
  load(index: string): Promise<ChangePosition | null>;
  /** Moves the checkpoint from `expected` to `next`; false when someone else (a reindex) moved it meanwhile. */
  advance(index: string, expected: ChangePosition | null, next: ChangePosition): Promise<boolean>;
}

/** The documents a batch of changes touches, read from PostgreSQL after the fact. */
export interface DocumentSource {
  documentsFor(changes: ChangeRow[]): Promise<{ upserts: MeiliConceptDocument[]; removals: string[] }>;
}

export interface IndexerOptions {
  batchSize: number;
  /** Attempts per batch before the round gives up (the checkpoint stays, the next round resumes). */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  sleep(ms: number): Promise<void>;
}

export const DEFAULT_INDEXER_OPTIONS: IndexerOptions = {
  batchSize: 500,
  maxAttempts: 5,
  baseDelayMs: 200,
  maxDelayMs: 10_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Exponential backoff: base, 2×base, 4×base… capped. */
export function backoffDelay(attempt: number, options: Pick<IndexerOptions, 'baseDelayMs' | 'maxDelayMs'>): number {
  return Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
}

export class IndexUnavailableError extends Error {}

export interface CatchUpReport {
  batches: number;
  changes: number;
  upserted: number;
  removed: number;
}

/**
 * Follows the change log into a Meilisearch index. Each batch is applied
 * (documents re-read from PostgreSQL, so replaying a change is harmless) and
 * only then is the checkpoint moved past it: a crash or a Meilisearch outage
 * replays at worst one batch and never loses one.
 */
export class MeiliIndexer {
  constructor(
    private readonly index: string,
    private readonly feed: ChangeFeed,
    private readonly checkpoints: CheckpointStore,
    private readonly documents: DocumentSource,
    private readonly gateway: MeiliGateway,
    private readonly options: IndexerOptions = DEFAULT_INDEXER_OPTIONS,
  ) {}

  /** Applies every readable change; throws IndexUnavailableError when Meilisearch keeps failing. */
  async catchUp(): Promise<CatchUpReport> {
    const report: CatchUpReport = { batches: 0, changes: 0, upserted: 0, removed: 0 };
    let position = await this.checkpoints.load(this.index);
    for (;;) {
      const changes = await this.feed.readAfter(position, this.options.batchSize);
      if (changes.length === 0) return report;
      const { upserts, removals } = await this.documents.documentsFor(changes);
      await this.withRetry(async () => {
        if (upserts.length > 0) await this.gateway.upsert(this.index, upserts);
        if (removals.length > 0) await this.gateway.remove(this.index, removals);
      });
      const last = changes[changes.length - 1];
      const next = { txid: last.txid, seq: last.seq };
      if (!(await this.checkpoints.advance(this.index, position, next))) {
        // A reindex moved the checkpoint: start again from where it says.
        position = await this.checkpoints.load(this.index);
        continue;
      }
      position = next;
      report.batches += 1;
      report.changes += changes.length;
      report.upserted += upserts.length;
      report.removed += removals.length;
    }
  }

  private async withRetry(apply: () => Promise<void>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await apply();
      } catch (error) {
        if (attempt >= this.options.maxAttempts) {
          throw new IndexUnavailableError(`Meilisearch failed ${attempt} times: ${(error as Error).message}`, { cause: error });
        }
        await this.options.sleep(backoffDelay(attempt, this.options));
      }
    }
  }
}
