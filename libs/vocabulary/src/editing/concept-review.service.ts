import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { badInput, conflict, RequestContext } from '@lexique/core';
import { ConceptStatus } from '../concepts/concept-status';
import { ConceptAction, conceptStatusMachine } from '../concepts/concept-status.machine';
import { ConceptEntity } from '../concepts/concept.entity';
import { assertMayApprove } from '../review/four-eyes';
import { Revision, RevisionStatus } from '../review/revision';
import { RevisionRepository } from '../review/revision.repository';
import { validateContent } from './concept-content';
import { ConceptIntegrity } from './concept-integrity';
import { ConceptSnapshot, contentOf } from './concept-snapshot';
import { ConceptWriteGate, OpenConcept } from './concept-write-gate';
import { ConceptWriterRepository } from './concept-writer.repository';
import { normalizeReason, requireReason } from './write-context';

/**
 * The review workflow of concepts: submit, approve (four eyes where the
 * domain requires review), reject, deprecate, restore. On a published concept
 * with a pending revision, approve applies the revision and reject discards it.
 */
@Injectable()
export class ConceptReviewService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: ConceptWriterRepository,
    private readonly integrity: ConceptIntegrity,
    private readonly gate: ConceptWriteGate,
    private readonly revisions: RevisionRepository,
  ) {}

  submit(ctx: RequestContext, code: string, version: number, reason?: string | null): Promise<ConceptEntity> {
    return this.transition(ctx, code, version, ConceptAction.SUBMIT, normalizeReason(reason));
  }

  approve(ctx: RequestContext, code: string, version: number, reasonText?: string | null): Promise<ConceptEntity> {
    return this.dataSource.transaction(async (manager) => {
      const reason = normalizeReason(reasonText);
      const open = await this.gate.open(manager, ctx, code, version);
      const pending = await this.pendingOf(manager, open.concept);
      if (pending) return this.applyRevision(manager, ctx, open, version, pending, reason);
      const status = conceptStatusMachine.next(open.concept.status, ConceptAction.APPROVE, open.domain);
      assertMayApprove(ctx.principal, open.concept.lastEditor, open.domain, open.concept.code);
      return this.write(manager, ctx, open, version, ConceptAction.APPROVE, { status, published: true }, reason);
    });
  }

  reject(ctx: RequestContext, code: string, version: number, reasonText: string | null | undefined): Promise<ConceptEntity> {
    return this.dataSource.transaction(async (manager) => {
      const reason = requireReason(reasonText);
      const open = await this.gate.open(manager, ctx, code, version);
      const pending = await this.pendingOf(manager, open.concept);
      if (pending) {
        const published = await this.writer.snapshot(manager, open.concept.id);
        await this.revisions.decide(manager, pending.id, RevisionStatus.REJECTED, ctx.principal.id, reason);
        const updated = await this.writer.update(manager, open.concept, version, {});
        await this.gate.record(manager, ctx, updated, 'REJECT_REVISION', { before: pending.proposed, after: published, reason });
        return updated;
      }
      const status = conceptStatusMachine.next(open.concept.status, ConceptAction.REJECT, open.domain);
      return this.write(manager, ctx, open, version, ConceptAction.REJECT, { status }, reason);
    });
  }

  deprecate(ctx: RequestContext, code: string, version: number, replacedBy: string | null | undefined, reasonText?: string | null) {
    return this.dataSource.transaction(async (manager) => {
      const reason = normalizeReason(reasonText);
      const open = await this.gate.open(manager, ctx, code, version);
      const status = conceptStatusMachine.next(open.concept.status, ConceptAction.DEPRECATE, open.domain);
      if (await this.pendingOf(manager, open.concept)) {
        throw conflict(`${open.concept.code} has a pending revision: approve or reject it before deprecating`, {
          status: open.concept.status,
        });
      }
      const replacedById = await this.successor(manager, open.concept, replacedBy);
      return this.write(manager, ctx, open, version, ConceptAction.DEPRECATE, { status, replacedById }, reason);
    });
  }

  restore(ctx: RequestContext, code: string, version: number, reason?: string | null): Promise<ConceptEntity> {
    return this.transition(ctx, code, version, ConceptAction.RESTORE, normalizeReason(reason));
  }

  private transition(ctx: RequestContext, code: string, version: number, action: ConceptAction, reason: string | null) {
    return this.dataSource.transaction(async (manager) => {
      const open = await this.gate.open(manager, ctx, code, version);
      const from = open.concept.status;
      const status = conceptStatusMachine.next(from, action, open.domain);
      if (from === ConceptStatus.DEPRECATED) await this.assertLabelsFree(manager, open);
      return this.write(
        manager,
        ctx,
        open,
        version,
        action,
        { status, replacedById: from === ConceptStatus.DEPRECATED ? null : undefined },
        reason,
      );
    });
  }

  private async write(
    manager: EntityManager,
    ctx: RequestContext,
    { concept }: OpenConcept,
    version: number,
    action: ConceptAction,
    change: { status: ConceptStatus; replacedById?: string | null; published?: boolean },
    reason: string | null,
  ): Promise<ConceptEntity> {
    const before = await this.writer.snapshot(manager, concept.id);
    // A concept that was deprecated had been published: its code stays frozen once it is a draft again.
    const published = change.published || change.status === ConceptStatus.DEPRECATED || concept.status === ConceptStatus.DEPRECATED;
    const updated = await this.writer.update(manager, concept, version, { ...change, published });
    const after = await this.writer.snapshot(manager, concept.id);
    await this.gate.record(manager, ctx, updated, action, { before, after, reason });
    return updated;
  }

  private async applyRevision(
    manager: EntityManager,
    ctx: RequestContext,
    { concept, domain }: OpenConcept,
    version: number,
    revision: Revision<ConceptSnapshot>,
    reason: string | null,
  ): Promise<ConceptEntity> {
    assertMayApprove(ctx.principal, revision.author, domain, `the pending revision of ${concept.code}`);
    // The dictionary may have moved since the proposal: check it again against what is there now.
    const content = validateContent(contentOf(revision.proposed), 'revision');
    const relations = await this.integrity.check(manager, { id: concept.id, code: concept.code, domain: domain.code }, content, 'revision');
    const before = await this.writer.snapshot(manager, concept.id);
    const updated = await this.writer.update(manager, concept, version, { content, lastEditor: revision.author });
    await this.writer.replaceLinks(manager, concept.id, relations.broaderIds, relations.relatedIds);
    await this.revisions.decide(manager, revision.id, RevisionStatus.APPROVED, ctx.principal.id, reason);
    const after = await this.writer.snapshot(manager, concept.id);
    await this.gate.record(manager, ctx, updated, 'APPROVE_REVISION', { before, after, reason });
    return updated;
  }

  private pendingOf(manager: EntityManager, concept: ConceptEntity): Promise<Revision<ConceptSnapshot> | null> {
    if (concept.status !== ConceptStatus.PUBLISHED) return Promise.resolve(null);
    return this.revisions.pending<ConceptSnapshot>('CONCEPT', concept.id, manager);
  }

  private async successor(manager: EntityManager, concept: ConceptEntity, replacedBy: string | null | undefined): Promise<string | null> {
    const code = replacedBy?.trim().toUpperCase();
    if (!code) return null;
    const ref = (await this.writer.refsByCodes(manager, [code])).get(code);
    if (!ref) throw badInput('replacedBy', `Unknown concept "${code}" in "replacedBy"`);
    if (ref.id === concept.id) throw badInput('replacedBy', 'A concept cannot replace itself');
    if (ref.status !== ConceptStatus.PUBLISHED)
      throw badInput('replacedBy', `"replacedBy" must be a published concept (${ref.code} is ${ref.status})`);
    return ref.id;
  }

  /** Deprecated concepts do not hold their labels: one taking its label back must not collide with a live one. */
  private async assertLabelsFree(manager: EntityManager, { concept }: OpenConcept): Promise<void> {
    const [duplicate] = await this.writer.duplicatePrefLabels(manager, concept.domainCode, concept.prefLabel, concept.id);
    if (duplicate) {
      throw conflict(
        `${duplicate.code} now has the same preferred label (${duplicate.lang}): change one of them before restoring ${concept.code}`,
        {
          status: concept.status,
        },
      );
    }
  }
}
