import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { badInput, RequestContext } from '@lexique/core';
import { ConceptAction } from '../concepts/concept-status.machine';
import { ConceptEntity } from '../concepts/concept.entity';
import { WriteEffect, WriteIntent } from '../writing/concept-write';
import { ConceptWriter } from '../writing/concept-writer';
import { normalizeReason, requireReason } from './write-context';
import { writtenConcepts } from './written-concepts';

/** A concept and the version its reviewer read. */
export interface ReviewedConcept {
  code: string;
  version: number;
}

/** Arguments of the one-at-a-time actions, named as such in refusals. */
const ARGUMENTS = new Set(['code', 'version', 'replacedBy']);

/** Bulk review actions take at most this many concepts (a reviewer's screenful many times over). */
export const MAX_REVIEW_BATCH = 1000;

/**
 * The review workflow of concepts through the API: submit, approve (four
 * eyes where the domain requires review), reject, deprecate, restore, one at
 * a time or a list at once (all or nothing, the same rules). On a published
 * concept with a pending revision, approve applies it and reject discards it.
 * Every action goes through the one writer, which checks the concept against
 * the whole dictionary again before it is published.
 */
@Injectable()
export class ConceptReviewService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: ConceptWriter,
  ) {}

  submit(ctx: RequestContext, code: string, version: number, reason?: string | null): Promise<ConceptEntity> {
    return this.one(ctx, ConceptAction.SUBMIT, { code, version }, normalizeReason(reason));
  }

  approve(ctx: RequestContext, code: string, version: number, reason?: string | null): Promise<ConceptEntity> {
    return this.one(ctx, ConceptAction.APPROVE, { code, version }, normalizeReason(reason));
  }

  reject(ctx: RequestContext, code: string, version: number, reason: string | null | undefined): Promise<ConceptEntity> {
    return this.one(ctx, ConceptAction.REJECT, { code, version }, requireReason(reason));
  }

  deprecate(ctx: RequestContext, code: string, version: number, replacedBy: string | null | undefined, reason?: string | null) {
    return this.one(ctx, ConceptAction.DEPRECATE, { code, version, replacedBy: replacedBy ?? null }, normalizeReason(reason));
  }

  restore(ctx: RequestContext, code: string, version: number, reason?: string | null): Promise<ConceptEntity> {
    return this.one(ctx, ConceptAction.RESTORE, { code, version }, normalizeReason(reason));
  }

  /** The same action on every concept listed, all or nothing; refusals name `items[i]`. */
  many(
    ctx: RequestContext,
    action: ConceptAction,
    items: readonly ReviewedConcept[],
    reasonText?: string | null,
  ): Promise<ConceptEntity[]> {
    const reason = action === ConceptAction.REJECT ? requireReason(reasonText) : normalizeReason(reasonText);
    if (items.length === 0) throw badInput('items', '"items" must name at least one concept');
    if (items.length > MAX_REVIEW_BATCH) throw badInput('items', `At most ${MAX_REVIEW_BATCH} concepts per call (got ${items.length})`);
    return this.dataSource.transaction(async (manager) => {
      const writes = items.map(({ code, version }) => ({ intent: WriteIntent.TRANSITION, action, code, version }));
      const result = await this.writer.write(manager, ctx, writes, { reason });
      return writtenConcepts(manager, result, (field, ord) => `items[${ord}].${field}`);
    });
  }

  private one(ctx: RequestContext, action: ConceptAction, item: ReviewedConcept & { replacedBy?: string | null }, reason: string | null) {
    return this.dataSource.transaction(async (manager) => {
      const result = await this.writer.write(manager, ctx, [{ intent: WriteIntent.TRANSITION, action, ...item }], { reason });
      // the arguments keep their names; what is wrong in a pending revision being approved is in `revision`
      const applying = result.outcomes[0]?.effect === WriteEffect.APPROVE_REVISION;
      const [concept] = await writtenConcepts(manager, result, (field) =>
        applying && !ARGUMENTS.has(field) ? `revision.${field}` : field,
      );
      return concept;
    });
  }
}
