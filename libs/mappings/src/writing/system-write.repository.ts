import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ChangeLogRepository } from '@lexique/database';
import { SystemSnapshot } from './system-write';

/** A system's snapshot in SQL (`s`: an information_system row). */
const SNAPSHOT = `jsonb_build_object('code', s.code, 'name', s.name, 'kind', s.kind, 'owner', s.owner_code, 'ownerName', s.owner_name,
  'description', s.description, 'status', s.status, 'activeSince', s.active_since, 'retiringSince', s.retiring_since, 'retiredOn', s.retired_on)`;

/** The SQL of the writer of systems: systems are few (one per legacy application), so they are written row by row. */
@Injectable()
export class SystemWriteRepository {
  constructor(private readonly changeLog: ChangeLogRepository) {}

  /** Locks the systems named, in code order (the lock order of the mapping writer), and reads them. */
  async lockAndRead(manager: EntityManager, codes: readonly string[]): Promise<Map<string, { snapshot: SystemSnapshot; version: number }>> {
    const rows: { snapshot: SystemSnapshot; version: number }[] = await manager.query(
      `SELECT ${SNAPSHOT} AS snapshot, s.version FROM information_system s WHERE s.code = ANY($1) ORDER BY s.code FOR UPDATE`,
      [codes],
    );
    return new Map(rows.map((row) => [row.snapshot.code, row]));
  }

  /** Inserts a new system; false when its code is taken by a system committed meanwhile (it waits for that commit). */
  async insert(manager: EntityManager, system: SystemSnapshot): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO information_system (code, name, kind, owner_code, owner_name, description, status, active_since, retiring_since, retired_on)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (code) DO NOTHING RETURNING code`,
      columns(system),
    );
    return rows.length === 1;
  }

  /** The optimistic lock: writes only if still at `version`; false otherwise. */
  async update(manager: EntityManager, system: SystemSnapshot, version: number): Promise<boolean> {
    const [rows]: [unknown[], number] = await manager.query(
      `UPDATE information_system SET name = $2, kind = $3, owner_code = $4, owner_name = $5, description = $6, status = $7,
         active_since = $8, retiring_since = $9, retired_on = $10, version = version + 1, updated_at = now()
       WHERE code = $1 AND version = $11 RETURNING code`,
      [...columns(system), version],
    );
    return rows.length === 1;
  }

  record(
    manager: EntityManager,
    principal: string,
    changes: { action: string; before: SystemSnapshot | null; after: SystemSnapshot }[],
    reason: string | null,
  ): Promise<void> {
    return this.changeLog.record(
      manager,
      changes.map(({ action, before, after }) => ({
        principal,
        entityType: 'SYSTEM' as const,
        entityId: after.code,
        entityKey: after.code,
        action,
        before,
        after,
        reason,
      })),
    );
  }
}

function columns(s: SystemSnapshot): unknown[] {
  return [
    s.code,
    s.name,
    s.kind,
    s.owner,
    s.ownerName,
    JSON.stringify(s.description),
    s.status,
    s.activeSince,
    s.retiringSince,
    s.retiredOn,
  ];
}
