import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Revision, RevisionEntityType, RevisionStatus } from './revision';

const COLUMNS = `id, entity_type AS "entityType", entity_id AS "entityId", status, proposed, author, reason, reviewer,
  decision_reason AS "decisionReason", created_at AS "createdAt", updated_at AS "updatedAt", decided_at AS "decidedAt"`;

/** Pending revisions of published entries (concepts, mappings). Writes take the caller's transaction. */
@Injectable()
export class RevisionRepository {
  constructor(private readonly dataSource: DataSource) {}

  async pending<T>(
    entityType: RevisionEntityType,
    entityId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Revision<T> | null> {
    const [row]: Revision<T>[] = await manager.query(
      `SELECT ${COLUMNS} FROM revision WHERE entity_type = $1 AND entity_id = $2 AND status = 'PENDING'`,
      [entityType, entityId],
    );
    return row ?? null;
  }

  /** The pending revisions of many entries, for DataLoaders. */
  async pendingFor<T>(entityType: RevisionEntityType, entityIds: readonly string[]): Promise<Revision<T>[]> {
    if (entityIds.length === 0) return [];
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM revision WHERE entity_type = $1 AND entity_id = ANY($2::uuid[]) AND status = 'PENDING'`,
      [entityType, entityIds],
    );
  }

  /** Creates the pending revision of an entry, or replaces its proposal: the last author is who a reviewer must differ from. */
  async propose<T>(
    manager: EntityManager,
    entityType: RevisionEntityType,
    entityId: string,
    proposed: T,
    author: string,
    reason: string | null,
  ): Promise<Revision<T>> {
    const [row]: Revision<T>[] = await manager.query(
      `INSERT INTO revision (entity_type, entity_id, proposed, author, reason) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (entity_type, entity_id) WHERE status = 'PENDING'
       DO UPDATE SET proposed = EXCLUDED.proposed, author = EXCLUDED.author, reason = EXCLUDED.reason, updated_at = now()
       RETURNING ${COLUMNS}`,
      [entityType, entityId, JSON.stringify(proposed), author, reason],
    );
    return row;
  }

  async decide(
    manager: EntityManager,
    id: string,
    status: RevisionStatus.APPROVED | RevisionStatus.REJECTED,
    reviewer: string,
    reason: string | null,
  ): Promise<void> {
    await manager.query(
      `UPDATE revision SET status = $2, reviewer = $3, decision_reason = $4, decided_at = now(), updated_at = now()
       WHERE id = $1 AND status = 'PENDING'`,
      [id, status, reviewer, reason],
    );
  }
}
