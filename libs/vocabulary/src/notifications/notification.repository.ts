import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AUTHORING_ACTIONS, DECISIONS, REVIEWED_ENTITIES } from './decisions';

export interface NotificationRow {
  at: Date;
  entity: string;
  key: string;
  domain: string | null;
  action: string;
  reason: string | null;
  label: string | null;
  by: string;
}

/** Decisions about someone's entries, read from the change log (nothing stored for them). */
@Injectable()
export class NotificationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Decisions by others on the entries `principal` wrote, newest first: each
   * decision counts for the author of the last edit before it. Starts from
   * the person's own changes (index on principal), over `days` days.
   */
  async forAuthor(principal: string, days: number, limit: number): Promise<NotificationRow[]> {
    return this.dataSource.query(
      `WITH mine AS (
         SELECT DISTINCT entity_type, entity_id FROM change
         WHERE principal = $1 AND entity_type = ANY($2) AND action = ANY($3) AND at > now() - make_interval(days => $5)
       )
       SELECT d.at, d.entity_type AS entity, d.entity_key AS key, d.domain_code AS domain, d.action, d.reason,
              COALESCE(d.after, d.before) -> 'prefLabel' ->> 'fr' AS label,
              COALESCE(p.name, regexp_replace(d.principal, '^(user|key):', '')) AS by
       FROM mine
       JOIN change d ON d.entity_type = mine.entity_type AND d.entity_id = mine.entity_id
       LEFT JOIN person p ON p.id = d.principal
       WHERE d.action = ANY($4) AND d.principal <> $1
         AND (SELECT e.principal FROM change e
              WHERE e.entity_type = d.entity_type AND e.entity_id = d.entity_id AND e.seq < d.seq AND e.action = ANY($3)
              ORDER BY e.seq DESC LIMIT 1) = $1
       ORDER BY d.seq DESC
       LIMIT $6`,
      [principal, REVIEWED_ENTITIES, AUTHORING_ACTIONS, Object.keys(DECISIONS), days, limit],
    );
  }

  /** The author of the last edit of an entity before a change (who a decision concerns). */
  async lastAuthorBefore(entity: string, entityId: string, seq: string): Promise<string | null> {
    const [row]: { principal: string }[] = await this.dataSource.query(
      `SELECT principal FROM change
       WHERE entity_type = $1 AND entity_id = $2 AND seq < $3::bigint AND action = ANY($4)
       ORDER BY seq DESC LIMIT 1`,
      [entity, entityId, seq, AUTHORING_ACTIONS],
    );
    return row?.principal ?? null;
  }
}
