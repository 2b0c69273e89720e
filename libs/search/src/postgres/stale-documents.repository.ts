import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/**
 * The search documents large writes left to refresh (`search_document_stale`,
 * see the migration SearchFollowsWrites1764350000000). Marks are taken in
 * concept-id order and locked before the concepts are read, as writers take
 * them, so a refresh never writes back a document older than a write still
 * running: that write holds the mark until it commits.
 */
/** Documents refreshed per transaction: short enough never to hold a writer for long. */
export const REFRESH_BATCH = 500;

@Injectable()
export class StaleDocumentsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Refreshes up to `limit` stale documents; resolves to how many. Marks held
   * by others (a refresher, a write still running) are skipped, or with
   * `wait` waited for: none is then left once it resolves to 0.
   */
  refreshNext(limit: number, wait = false): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const marks: { concept_id: string }[] = await manager.query(
        `SELECT concept_id FROM search_document_stale ORDER BY concept_id LIMIT $1 FOR UPDATE ${wait ? '' : 'SKIP LOCKED'}`,
        [limit],
      );
      return this.refresh(manager, marks);
    });
  }

  /**
   * Refreshes every document a committed write left stale, `batch` per
   * transaction, waiting for marks others hold; resolves to how many.
   */
  async refreshAll(batch = REFRESH_BATCH): Promise<number> {
    let refreshed = 0;
    for (let done = await this.refreshNext(batch, true); done > 0; done = await this.refreshNext(batch, true)) refreshed += done;
    return refreshed;
  }

  /**
   * Refreshes those of `conceptIds` that are stale, waiting for whoever holds
   * their marks: the Meilisearch indexer reads these documents next.
   */
  refreshAmong(conceptIds: string[]): Promise<number> {
    if (conceptIds.length === 0) return Promise.resolve(0);
    return this.dataSource.transaction(async (manager) => {
      const marks: { concept_id: string }[] = await manager.query(
        `SELECT concept_id FROM search_document_stale WHERE concept_id = ANY($1::uuid[]) ORDER BY concept_id FOR UPDATE`,
        [conceptIds],
      );
      return this.refresh(manager, marks);
    });
  }

  /** Whether any document waits (one cheap statement: the refresher's check while there is nothing to do). */
  async any(): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM search_document_stale LIMIT 1`);
    return rows.length > 0;
  }

  /** How many documents wait for their refresh. */
  async count(): Promise<number> {
    const [row]: { stale: number }[] = await this.dataSource.query(`SELECT count(*)::int AS stale FROM search_document_stale`);
    return row.stale;
  }

  private async refresh(manager: EntityManager, marks: { concept_id: string }[]): Promise<number> {
    if (marks.length === 0) return 0;
    const ids = marks.map((mark) => mark.concept_id);
    // a statement after the locks: its snapshot holds every write that marked these concepts
    await manager.query(`SELECT search_document_refresh($1::uuid[])`, [ids]);
    await manager.query(`DELETE FROM search_document_stale WHERE concept_id = ANY($1::uuid[])`, [ids]);
    return ids.length;
  }
}
