import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { badInput, canSeeUnpublished, DomainError, ErrorCode, forbidden, notFound, Principal, RequestContext } from '@lexique/core';
import { ChangeLogRepository, ChangeRecord, pgErrorCode } from '@lexique/database';
import { localCodeKey } from '../mappings/local-code';
import { MappingStatus } from '../mappings/mapping-relation';
import { normalizeSystemCode } from '../systems/system.service';
import { MappingSnapshot } from './mapping-snapshot';
import { MappingWriterRepository, StoredMapping } from './mapping-writer.repository';

/** The exclusion constraint: two published mappings of one local code over overlapping periods. */
const PG_EXCLUSION_VIOLATION = '23P01';

/**
 * Who may write a mapping: the stewards of its domain and admins. A mapping
 * belongs to the domain of its concept; an UNMAPPED one to the domain named
 * like its system's kind (RH for a system of kind RH), and to admins alone
 * when there is none.
 */
export function mayWriteMapping(principal: Principal, domain: string | null): boolean {
  return canSeeUnpublished(principal, domain ?? '');
}

export function assertMayWriteMapping(principal: Principal, domain: string | null): void {
  if (!mayWriteMapping(principal, domain)) {
    throw forbidden(
      domain
        ? `Only a steward of domain ${domain} or an admin may change its mappings`
        : 'Only admins may change the UNMAPPED codes of a system whose kind names no domain',
    );
  }
}

export function staleMapping(key: string, named: number | null, current: number | null, field?: string) {
  const message =
    current === null
      ? `${key} has no mapping to update (it may have been deleted): create it again without a version`
      : named === null
        ? `${key} is already mapped over this period (version ${current}): name that version to change it`
        : `${key} has changed since you read it (you named version ${named}, it is at version ${current}): reload it and apply your change again`;
  return new DomainError(ErrorCode.CONFLICT, message, field, { currentVersion: current });
}

/**
 * The first steps of every review write to one mapping, in the caller's
 * transaction, and the change rows every write records.
 */
@Injectable()
export class MappingWriteGate {
  constructor(
    private readonly writer: MappingWriterRepository,
    private readonly changeLog: ChangeLogRepository,
  ) {}

  /** Finds the mapping as the caller may see it, locks its code, checks the caller writes its domain and the version is current. */
  async open(manager: EntityManager, ctx: RequestContext, system: string, localCode: string, version: number, id?: string | null) {
    const code = { system: normalizeSystemCode(system), key: localCodeKey(localCode) };
    await this.writer.lockCodes(manager, [code]);
    const visible = (await this.writer.existing(manager, [code])).filter(
      (m) => m.entity.status === MappingStatus.PUBLISHED || canSeeUnpublished(ctx.principal, m.domain ?? ''),
    );
    const found = id ? visible.filter((m) => m.entity.id === id) : visible;
    if (found.length === 0) throw notFound(`No mapping of "${localCode}" in ${code.system}`, id ? 'id' : 'localCode');
    if (found.length > 1) throw badInput('id', `${code.system}/${code.key} has several validity periods: name the mapping by its id`);
    const mapping = found[0];
    assertMayWriteMapping(ctx.principal, mapping.domain);
    if (mapping.entity.version !== version) throw staleMapping(keyOf(mapping), version, mapping.entity.version);
    return mapping;
  }

  record(
    manager: EntityManager,
    ctx: RequestContext,
    changes: { id: string; domain: string | null; action: string; before: MappingSnapshot | null; after: MappingSnapshot | null }[],
    reason: string | null,
  ): Promise<void> {
    return this.changeLog.record(
      manager,
      changes.map(({ id, domain, action, before, after }): ChangeRecord => ({
        principal: ctx.principal.id,
        entityType: 'MAPPING',
        entityId: id,
        entityKey: changeKey((after ?? before)!),
        domain,
        action,
        before,
        after,
        reason,
      })),
    );
  }
}

/** The key of a mapping in the change log and history: SYSTEM/localCode, the code trimmed. */
export function changeKey(snapshot: { system: string; localCode: string }): string {
  return `${snapshot.system}/${localCodeKey(snapshot.localCode)}`;
}

export function keyOf(mapping: StoredMapping): string {
  return changeKey(mapping.snapshot);
}

/** Runs a write that may publish, turning the database's refusal of overlapping published periods into a clear error. */
export async function refusingOverlap<T>(field: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (pgErrorCode(error) === PG_EXCLUSION_VIOLATION) {
      throw badInput(field, 'Another published mapping of this local code covers part of the same period: end it first (validTo)');
    }
    throw error;
  }
}
