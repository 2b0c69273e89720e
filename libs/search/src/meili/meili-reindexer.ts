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
 * Fills a fresh index from PostgreSQL and puts it in place of the live one
 * (swapped, or renamed when there is none yet), so searches see the old index
 * or the new one, never a half-built one. The
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
    const documents = await gateway.fill(fresh, sources.documents());
    await gateway.replace(live, fresh);
    await sources.resetCheckpoint(live, head);
    return { index: live, documents };
  } finally {
    // After a swap this holds the previous contents; before it, a partial build; after a rename, nothing.
    if (await gateway.indexExists(fresh)) await gateway.dropIndex(fresh);
  }
}
