import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ChangePosition } from '@lexique/database';
import { CheckpointStore } from './meili-indexer';

/** Checkpoints of external indexes in `search_checkpoint`, moved by compare-and-set. */
@Injectable()
export class SearchCheckpointRepository implements CheckpointStore {
  constructor(private readonly dataSource: DataSource) {}

  async load(index: string): Promise<ChangePosition | null> {
    const [row]: ChangePosition[] = await this.dataSource.query(
      `SELECT txid::text AS txid, seq::text AS seq FROM search_checkpoint WHERE index_name = $1`,
      [index],
    );
    return row ?? null;
  }

  async advance(index: string, expected: ChangePosition | null, next: ChangePosition): Promise<boolean> {
    if (expected === null) {
      const inserted: unknown[] = await this.dataSource.query(
        `INSERT INTO search_checkpoint (index_name, txid, seq) VALUES ($1, $2::xid8, $3::bigint)
         ON CONFLICT (index_name) DO NOTHING RETURNING index_name`,
        [index, next.txid, next.seq],
      );
      return inserted.length === 1;
    }
    const [, updated]: [unknown, number] = await this.dataSource.query(
      `UPDATE search_checkpoint SET txid = $4::xid8, seq = $5::bigint, updated_at = now()
       WHERE index_name = $1 AND txid = $2::xid8 AND seq = $3::bigint`,
      [index, expected.txid, expected.seq, next.txid, next.seq],
    );
    return updated === 1;
  }

  /** After a rebuild: the index holds everything up to `position` (nothing when null). */
  async reset(index: string, position: ChangePosition | null): Promise<void> {
    if (position === null) {
      await this.dataSource.query(`DELETE FROM search_checkpoint WHERE index_name = $1`, [index]);
      return;
    }
    await this.dataSource.query(
      `INSERT INTO search_checkpoint (index_name, txid, seq) VALUES ($1, $2::xid8, $3::bigint)
       ON CONFLICT (index_name) DO UPDATE SET txid = excluded.txid, seq = excluded.seq, updated_at = now()`,
      [index, position.txid, position.seq],
    );
  }

  /** Seconds since the oldest change the index has not taken in yet; 0 when caught up. */
  async lagSeconds(index: string): Promise<number> {
    const [row]: { lag: number | null }[] = await this.dataSource.query(
      `SELECT extract(epoch FROM now() - min(c.at))::float8 AS lag
       FROM change c LEFT JOIN search_checkpoint k ON k.index_name = $1
       WHERE k.index_name IS NULL OR (c.txid, c.seq) > (k.txid, k.seq)`,
      [index],
    );
    return Math.max(0, row?.lag ?? 0);
  }
}
