import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessPolicy } from '@lexique/access';
import { badInput, pageSize, RequestContext, Role } from '@lexique/core';
import { ConceptStatus, normalizeReason, requireReason, RevisionRepository, RevisionStatus } from '@lexique/vocabulary';
import { MappingStatus } from '../mappings/mapping-relation';
import { mappingFromRow, MappingRow } from '../mappings/mapping-row';
import { MappingEntity } from '../mappings/mapping.entity';
import { MAX_MAPPING_PAGE } from '../mappings/mapping.service';
import { normalizeSystemCode } from '../systems/system.service';
import { periodsOverlap } from './mapping-input';
import { contentOf } from './mapping-snapshot';
import { MappingAction, mappingStatusMachine } from './mapping-status.machine';
import { keyOf, MappingWriteGate, refusingOverlap, staleMapping } from './mapping-write-gate';
import { MappingColumns, MappingWriterRepository, snapshotOf, StoredMapping } from './mapping-writer.repository';

/** Names one mapping: its system and local code, and its id when the code has several validity periods. */
export interface MappingRef {
  system: string;
  localCode: string;
  id?: string | null;
}

/**
 * The review workflow of mappings, as for concepts: submit, approve (four
 * eyes where the domain requires review; the approver is recorded as the
 * mapping's reviewer), reject, and delete. On a published mapping with a
 * pending revision, approve applies the revision and reject discards it.
 */
@Injectable()
export class MappingReviewService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: MappingWriterRepository,
    private readonly gate: MappingWriteGate,
    private readonly revisions: RevisionRepository,
  ) {}

  /** The review queue of the caller: admins see every domain, stewards theirs. */
  awaitingReview(ctx: RequestContext, system: string | null | undefined, first: number | null | undefined): Promise<MappingEntity[]> {
    const domains = ctx.principal.roles.includes(Role.ADMIN) ? null : ctx.principal.stewardDomains;
    const code = system ? normalizeSystemCode(system) : null;
    return this.writer.awaitingReview(this.dataSource.manager, domains, code, pageSize(first, MAX_MAPPING_PAGE, 100));
  }

  submit(ctx: RequestContext, ref: MappingRef, version: number, reasonText?: string | null): Promise<MappingEntity> {
    return this.dataSource.transaction(async (manager) => {
      const reason = normalizeReason(reasonText);
      const mapping = await this.gate.open(manager, ctx, ref.system, ref.localCode, version, ref.id);
      const status = mappingStatusMachine.next(mapping.entity.status, MappingAction.SUBMIT, mapping);
      return this.write(manager, ctx, mapping, MappingAction.SUBMIT, { status }, reason);
    });
  }

  approve(ctx: RequestContext, ref: MappingRef, version: number, reasonText?: string | null): Promise<MappingEntity> {
    return this.dataSource.transaction(async (manager) => {
      const reason = normalizeReason(reasonText);
      const mapping = await this.gate.open(manager, ctx, ref.system, ref.localCode, version, ref.id);
      if (mapping.entity.status === MappingStatus.PUBLISHED && mapping.pending) return this.applyRevision(manager, ctx, mapping, reason);
      const status = mappingStatusMachine.next(mapping.entity.status, MappingAction.APPROVE, mapping);
      AccessPolicy.of(ctx.principal).assertMayApprove(mapping.domain, mapping, mapping.entity.author, keyOf(mapping));
      // The concept may have been deprecated since the mapping was written: readers must not get a mapping to it.
      await this.conceptId(manager, mapping.snapshot.concept, 'concept');
      return refusingOverlap('validFrom', () =>
        this.write(manager, ctx, mapping, MappingAction.APPROVE, { status, reviewer: ctx.principal.id }, reason),
      );
    });
  }

  reject(ctx: RequestContext, ref: MappingRef, version: number, reasonText: string | null | undefined): Promise<MappingEntity> {
    return this.dataSource.transaction(async (manager) => {
      const reason = requireReason(reasonText);
      const mapping = await this.gate.open(manager, ctx, ref.system, ref.localCode, version, ref.id);
      if (mapping.entity.status === MappingStatus.PUBLISHED && mapping.pending) {
        await this.revisions.decide(manager, mapping.pending.id, RevisionStatus.REJECTED, ctx.principal.id, reason);
        const [row] = await this.writer.bumpVersions(manager, [{ id: mapping.entity.id, version }]);
        if (!row) throw staleMapping(keyOf(mapping), version, null);
        await this.gate.record(
          manager,
          ctx,
          [{ id: row.id, domain: mapping.domain, action: 'REJECT_REVISION', before: mapping.pending.proposed, after: mapping.snapshot }],
          reason,
        );
        return mappingFromRow(row);
      }
      const status = mappingStatusMachine.next(mapping.entity.status, MappingAction.REJECT, mapping);
      return this.write(manager, ctx, mapping, MappingAction.REJECT, { status }, reason);
    });
  }

  /** Removes the mapping now, whatever its status; its pending revision is rejected with the same reason. */
  delete(ctx: RequestContext, ref: MappingRef, version: number, reasonText?: string | null): Promise<MappingEntity> {
    return this.dataSource.transaction(async (manager) => {
      const reason = normalizeReason(reasonText);
      const mapping = await this.gate.open(manager, ctx, ref.system, ref.localCode, version, ref.id);
      if (mapping.pending) await this.revisions.decide(manager, mapping.pending.id, RevisionStatus.REJECTED, ctx.principal.id, reason);
      if (!(await this.writer.delete(manager, mapping.entity.id, version))) throw staleMapping(keyOf(mapping), version, null);
      await this.gate.record(
        manager,
        ctx,
        [{ id: mapping.entity.id, domain: mapping.domain, action: 'DELETE', before: mapping.snapshot, after: null }],
        reason,
      );
      return mapping.entity;
    });
  }

  private async write(
    manager: EntityManager,
    ctx: RequestContext,
    mapping: StoredMapping,
    action: MappingAction,
    change: { status: MappingStatus; reviewer?: string | null },
    reason: string | null,
  ): Promise<MappingEntity> {
    const columns: MappingColumns = {
      conceptId: mapping.entity.conceptId,
      content: contentOf(mapping.snapshot),
      status: change.status,
      author: mapping.entity.author,
      reviewer: change.reviewer === undefined ? mapping.entity.reviewer : change.reviewer,
    };
    const row = await this.update(manager, mapping, columns);
    await this.gate.record(
      manager,
      ctx,
      [{ id: row.id, domain: mapping.domain, action, before: mapping.snapshot, after: snapshotOf(row, mapping.snapshot.concept) }],
      reason,
    );
    return mappingFromRow(row);
  }

  private async applyRevision(manager: EntityManager, ctx: RequestContext, mapping: StoredMapping, reason: string | null) {
    const revision = mapping.pending!;
    AccessPolicy.of(ctx.principal).assertMayApprove(mapping.domain, mapping, revision.author, `the pending revision of ${keyOf(mapping)}`);
    // The dictionary may have moved since the proposal: check it again against what is there now.
    const conceptId = await this.conceptId(manager, revision.proposed.concept, 'revision');
    const others = (await this.writer.existing(manager, [{ system: mapping.snapshot.system, key: mapping.entity.localCodeKey }])).filter(
      (m) => m.entity.id !== mapping.entity.id && periodsOverlap(m.snapshot, revision.proposed),
    );
    if (others.length > 0) throw badInput('revision', `The proposed period of ${keyOf(mapping)} now overlaps another mapping of the code`);
    const columns: MappingColumns = {
      conceptId,
      content: contentOf(revision.proposed),
      status: MappingStatus.PUBLISHED,
      author: revision.author,
      reviewer: ctx.principal.id,
    };
    const row = await refusingOverlap('revision', () => this.update(manager, mapping, columns));
    await this.revisions.decide(manager, revision.id, RevisionStatus.APPROVED, ctx.principal.id, reason);
    const after = snapshotOf(row, revision.proposed.concept);
    await this.gate.record(
      manager,
      ctx,
      [{ id: row.id, domain: mapping.domain, action: 'APPROVE_REVISION', before: mapping.snapshot, after }],
      reason,
    );
    return mappingFromRow(row);
  }

  private async update(manager: EntityManager, mapping: StoredMapping, columns: MappingColumns): Promise<MappingRow> {
    const [row] = await this.writer.update(manager, [{ id: mapping.entity.id, version: mapping.entity.version, ...columns }]);
    if (!row) throw staleMapping(keyOf(mapping), mapping.entity.version, null);
    return row;
  }

  private async conceptId(manager: EntityManager, code: string | null, field: string): Promise<string | null> {
    if (!code) return null;
    const concept = (await this.writer.concepts(manager, [code])).get(code);
    if (!concept || concept.status !== ConceptStatus.PUBLISHED) {
      throw badInput(field, `${code} is no longer a published concept: map the code to another one first`);
    }
    return concept.id;
  }
}
