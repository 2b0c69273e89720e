import type { ChangePosition } from '@lexique/database';
import { MeiliConceptDocument } from './meili-document';
import { MeiliGateway } from './meili-gateway';
import { MEILI_SETTINGS } from './meili-settings';

export interface RebuildSources {
  /** The newest change the rebuild is sure to contain (read before the documents). */
  head(): Promise<ChangePosition | null>;
  documents(): AsyncIterable<MeiliConceptDocument[]>;
  resetCheckpoint(index: string, position: ChangePosition | null): Promise<void>;
}

export interface RebuildReport {
  index: string;
  documents: number;
}

/**
 * Fills a fresh index from PostgreSQL and swaps it with the live one, so
 * searches see the old index or the new one, never a half-built one. The
 * checkpoint is then set to the head read before the documents: changes that
 * raced with the rebuild are replayed by the indexer (replaying is harmless).
 */
export async function rebuildIndex(
  gateway: MeiliGateway,
  live: string,
  sources: RebuildSources,
  now: () => number = Date.now,
): Promise<RebuildReport> {
  const head = await sources.head();
  const fresh = `${live}_rebuild_${now()}`;
  await gateway.ensureIndex(fresh);
  try {
    await gateway.applySettings(fresh, MEILI_SETTINGS);
    let documents = 0;
    for await (const page of sources.documents()) {
      await gateway.upsert(fresh, page);
      documents += page.length;
    }
    await gateway.ensureIndex(live);
    await gateway.swap(live, fresh);
    await sources.resetCheckpoint(live, head);
    return { index: live, documents };
  } finally {
    // After the swap this holds the previous contents; before it, a partial build.
    await gateway.dropIndex(fresh);
  }
}
