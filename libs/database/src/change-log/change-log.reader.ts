import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ChangeEntityType, ChangeRow } from './change';

/**
 * A position in the change log: the transaction id then the sequence number
 * of the last row read.
 */
export interface ChangePosition {
  txid: string;
  seq: string;
}

export interface ChangeLogFilter {
  domains?: string[];
  entityTypes?: ChangeEntityType[];
}

/**
 * Reads the change log in a gapless order for followers (the integrators'
 * feed, the search indexer).
 *
 * Sequence numbers are taken when a row is inserted, not when its transaction
 * commits, so a reader that pages by `seq` alone would skip a row whose
 * transaction commits after a later one. Instead rows are read only from
 * transactions older than the oldest one still running
 * (`pg_snapshot_xmin(pg_current_snapshot())`: all of those have ended, so no
 * row can still appear among them) and ordered by (txid, seq). A row that
 * shows up later necessarily sorts after every row already read.
 */
@Injectable()
export class ChangeLogReader {
  constructor(private readonly dataSource: DataSource) {}

  async readAfter(
    after: ChangePosition | null,
    limit: number,
    filter: ChangeLogFilter = {},
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ChangeRow[]> {
    const rows: RawChange[] = await manager.query(
      `SELECT seq::text, txid::text, at, principal, entity_type, entity_id, entity_key, domain_code, action, before, after, reason
       FROM change
       WHERE txid < pg_snapshot_xmin(pg_current_snapshot())
         AND ($1::xid8 IS NULL OR (txid, seq) > ($1::xid8, $2::bigint))
         AND ($3::text[] IS NULL OR domain_code = ANY($3))
         AND ($4::text[] IS NULL OR entity_type = ANY($4))
       ORDER BY change.txid, change.seq -- qualified: the text outputs share these names
       LIMIT $5`,
      [after?.txid ?? null, after?.seq ?? null, filter.domains ?? null, filter.entityTypes ?? null, limit],
    );
    return rows.map(toChangeRow);
  }

  /** Position of the newest row a follower can read now, or null when the log is empty. */
  async head(manager: EntityManager = this.dataSource.manager): Promise<(ChangePosition & { at: Date }) | null> {
    const [row]: { txid: string; seq: string; at: Date }[] = await manager.query(
      `SELECT txid::text, seq::text, at FROM change
       WHERE txid < pg_snapshot_xmin(pg_current_snapshot())
       ORDER BY change.txid DESC, change.seq DESC LIMIT 1`,
    );
    return row ?? null;
  }

  /** Every change of one entity, oldest first (history). */
  async forEntity(entityType: ChangeEntityType, entityKey: string, manager: EntityManager = this.dataSource.manager): Promise<ChangeRow[]> {
    const rows: RawChange[] = await manager.query(
      `SELECT seq::text, txid::text, at, principal, entity_type, entity_id, entity_key, domain_code, action, before, after, reason
       FROM change WHERE entity_type = $1 AND entity_key = $2 ORDER BY change.seq`,
      [entityType, entityKey],
    );
    return rows.map(toChangeRow);
  }

  /** Every change of one entity by its id, oldest first: the history of a draft whose code changed stays whole. */
  async forEntityId(
    entityType: ChangeEntityType,
    entityId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ChangeRow[]> {
    const rows: RawChange[] = await manager.query(
      `SELECT seq::text, txid::text, at, principal, entity_type, entity_id, entity_key, domain_code, action, before, after, reason
       FROM change WHERE entity_type = $1 AND entity_id = $2 ORDER BY change.seq`,
      [entityType, entityId],
    );
    return rows.map(toChangeRow);
  }
}

interface RawChange {
  seq: string;
  txid: string;
  at: Date;
  principal: string;
  entity_type: ChangeEntityType;
  entity_id: string;
  entity_key: string;
  domain_code: string | null;
  action: string;
  before: unknown;
  after: unknown;
  reason: string | null;
}

function toChangeRow(row: RawChange): ChangeRow {
  return {
    seq: row.seq,
    txid: row.txid,
    at: row.at,
    principal: row.principal,
    entityType: row.entity_type,
    entityId: row.entity_id,
    entityKey: row.entity_key,
    domain: row.domain_code,
    action: row.action,
    before: row.before,
    after: row.after,
    reason: row.reason,
  };
}
