import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { badInput, conflict, forbidden, notFound, RequestContext, Role } from '@lexique/core';
import { ChangeLogRepository } from '@lexique/database';
import { normalizeReason } from '@lexique/vocabulary';
import { InformationSystemEntity } from '../systems/information-system.entity';
import { SystemStatus } from '../systems/system-status';
import { systemLifecycleMachine } from './system-lifecycle.machine';
import { SystemFields, SystemFieldsInput, validateSystemCode, validateSystemFields } from './system-input';

/** What the change log records of a system, with the names the demo loader used. */
type SystemSnapshot = SystemFields & { code: string; status: SystemStatus };

const NO_REVIEW = { requiresReview: false };

/**
 * Admin writes of information systems: creation, edits and lifecycle, with
 * the optimistic lock and a change row in the same transaction.
 */
@Injectable()
export class SystemEditingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly changeLog: ChangeLogRepository,
  ) {}

  create(ctx: RequestContext, input: SystemFieldsInput & { code: string }, reasonText?: string | null): Promise<InformationSystemEntity> {
    return this.dataSource.transaction(async (manager) => {
      assertAdmin(ctx);
      const reason = normalizeReason(reasonText);
      const code = validateSystemCode(input.code);
      const fields = validateSystemFields(input);
      const status = input.status ?? SystemStatus.ACTIVE;
      const [inserted]: { code: string }[] = await manager.query(
        `INSERT INTO information_system (code, name, kind, owner_code, owner_name, description, active_since, retiring_since, retired_on, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (code) DO NOTHING RETURNING code`,
        [code, ...columns(fields), status],
      );
      if (!inserted) throw badInput('input.code', `The system ${code} already exists`);
      const created = await this.load(manager, code);
      await this.record(manager, ctx, 'CREATE', null, created, reason);
      return created;
    });
  }

  /** Fields given replace the current ones; a new `status` must follow the lifecycle. */
  update(
    ctx: RequestContext,
    code: string,
    version: number,
    input: SystemFieldsInput,
    reasonText?: string | null,
  ): Promise<InformationSystemEntity> {
    return this.dataSource.transaction(async (manager) => {
      assertAdmin(ctx);
      const reason = normalizeReason(reasonText);
      const current = await manager.getRepository(InformationSystemEntity).findOneBy({ code: code.trim().toUpperCase() });
      if (!current) throw notFound(`No system "${code}"`, 'code');
      const status =
        input.status && input.status !== current.status
          ? systemLifecycleMachine.next(current.status, input.status, NO_REVIEW)
          : current.status;
      const today = new Date().toISOString().slice(0, 10);
      const fields = validateSystemFields({
        ...snapshot(current),
        ...defined(input),
        retiringSince:
          input.retiringSince ?? (status === SystemStatus.RETIRING && current.status !== status ? today : current.retiringSince),
        retiredOn: input.retiredOn ?? (status === SystemStatus.RETIRED && current.status !== status ? today : current.retiredOn),
      });
      const [rows]: [unknown[], number] = await manager.query(
        `UPDATE information_system SET name = $3, kind = $4, owner_code = $5, owner_name = $6, description = $7,
           active_since = $8, retiring_since = $9, retired_on = $10, status = $11, version = version + 1, updated_at = now()
         WHERE code = $1 AND version = $2 RETURNING code`,
        [current.code, version, ...columns(fields), status],
      );
      if (rows.length === 0) {
        const now = await this.load(manager, current.code);
        throw conflict(
          `System ${current.code} has changed since you read it (you named version ${version}, it is at version ${now.version})`,
          {
            currentVersion: now.version,
          },
        );
      }
      const updated = await this.load(manager, current.code);
      await this.record(manager, ctx, 'UPDATE', current, updated, reason);
      return updated;
    });
  }

  private async load(manager: EntityManager, code: string): Promise<InformationSystemEntity> {
    return (await manager.getRepository(InformationSystemEntity).findOneBy({ code }))!;
  }

  private record(
    manager: EntityManager,
    ctx: RequestContext,
    action: string,
    before: InformationSystemEntity | null,
    after: InformationSystemEntity,
    reason: string | null,
  ) {
    return this.changeLog.record(manager, {
      principal: ctx.principal.id,
      entityType: 'SYSTEM',
      entityId: after.code,
      entityKey: after.code,
      action,
      before: before && snapshot(before),
      after: snapshot(after),
      reason,
    });
  }
}

function assertAdmin(ctx: RequestContext): void {
  if (!ctx.principal.roles.includes(Role.ADMIN)) throw forbidden('Only admins manage information systems');
}

function snapshot(system: InformationSystemEntity): SystemSnapshot {
  return {
    code: system.code,
    name: system.name,
    kind: system.kind,
    owner: system.ownerCode,
    ownerName: system.ownerName,
    status: system.status,
    description: system.description,
    activeSince: system.activeSince,
    retiringSince: system.retiringSince,
    retiredOn: system.retiredOn,
  };
}

function defined<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as Partial<T>;
}

function columns(fields: SystemFields): unknown[] {
  return [
    fields.name,
    fields.kind,
    fields.owner,
    fields.ownerName,
    JSON.stringify(fields.description),
    fields.activeSince,
    fields.retiringSince,
    fields.retiredOn,
  ];
}
