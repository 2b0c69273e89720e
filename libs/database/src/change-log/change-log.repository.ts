import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ChangeRecord } from './change';

/**
 * Appends to the change log. Takes the caller's EntityManager so that the
 * row is written in the same transaction as the change it records.
 */
@Injectable()
export class ChangeLogRepository {
  async record(manager: EntityManager, changes: ChangeRecord | ChangeRecord[]): Promise<void> {
    const rows = Array.isArray(changes) ? changes : [changes];
    if (rows.length === 0) return;
    // One statement for the whole batch: unnest keeps it to 10 parameters.
    await manager.query(
      `INSERT INTO change (principal, entity_type, entity_id, entity_key, domain_code, action, before, after, reason)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[], $8::jsonb[], $9::text[])`,
      [
        rows.map((r) => r.principal),
        rows.map((r) => r.entityType),
        rows.map((r) => r.entityId),
        rows.map((r) => r.entityKey),
        rows.map((r) => r.domain ?? null),
        rows.map((r) => r.action),
        rows.map((r) => (r.before === undefined || r.before === null ? null : JSON.stringify(r.before))),
        rows.map((r) => (r.after === undefined || r.after === null ? null : JSON.stringify(r.after))),
        rows.map((r) => r.reason ?? null),
      ],
    );
  }

  /**
   * Appends the rows a SELECT returns, for set-based writes (imports of a
   * million mappings) whose changes never need to pass through Node. The
   * SELECT returns, in order: principal, entity_type, entity_id, entity_key,
   * domain_code, action, before, after, reason.
   */
  async recordSelected(manager: EntityManager, select: string, params: unknown[] = []): Promise<void> {
    await manager.query(
      `INSERT INTO change (principal, entity_type, entity_id, entity_key, domain_code, action, before, after, reason) ${select}`,
      params,
    );
  }
}
