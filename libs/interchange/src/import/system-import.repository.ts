import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ChangeLogRepository } from '@lexique/database';
import { SourcePosition, SystemRecord } from '../records';
import { ImportCounts } from './import-report';

/** Systems are few (one per legacy application): they are compared and written row by row. */
@Injectable()
export class SystemImportRepository {
  constructor(private readonly changeLog: ChangeLogRepository) {}

  async importSystems(
    manager: EntityManager,
    systems: { at: SourcePosition; record: SystemRecord }[],
    write: { principal: string; reason: string } | null,
  ): Promise<Omit<ImportCounts, 'proposed'>> {
    const counts = { created: 0, updated: 0, unchanged: 0 };
    if (!systems.length) return counts;
    const current: SystemRecord[] = await manager.query(
      `SELECT code, name, kind, owner_code AS owner, owner_name AS "ownerName", status FROM information_system WHERE code = ANY($1)`,
      [systems.map((s) => s.record.code)],
    );
    const byCode = new Map(current.map((s) => [s.code, s]));
    for (const { record } of systems) {
      const before = byCode.get(record.code);
      const after = {
        code: record.code,
        name: record.name,
        kind: record.kind,
        owner: record.owner,
        ownerName: record.ownerName,
        status: record.status,
      };
      const action = !before ? 'CREATE' : JSON.stringify(before) === JSON.stringify(after) ? null : 'UPDATE';
      if (!action) {
        counts.unchanged++;
        continue;
      }
      if (action === 'CREATE') counts.created++;
      else counts.updated++;
      if (!write) continue;
      await manager.query(
        `INSERT INTO information_system (code, name, kind, owner_code, owner_name, status) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (code) DO UPDATE SET name = $2, kind = $3, owner_code = $4, owner_name = $5, status = $6,
           version = information_system.version + 1, updated_at = now()`,
        [after.code, after.name, after.kind, after.owner, after.ownerName, after.status],
      );
      await this.changeLog.record(manager, {
        principal: write.principal,
        entityType: 'SYSTEM',
        entityId: after.code,
        entityKey: after.code,
        action,
        before: before ?? null,
        after,
        reason: write.reason,
      });
    }
    return counts;
  }
}
