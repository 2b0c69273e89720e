import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RequestContext } from '@lexique/core';
import type { Gql } from '@lexique/core';
import { ConceptEntity } from '../concepts/concept.entity';
import { WriteIntent } from '../writing/concept-write';
import { ConceptWriter } from '../writing/concept-writer';
import { normalizeReason } from './write-context';
import { writtenConcepts } from './written-concepts';

/** Fields of `updateConcept` that are arguments, not under `input`; `newCode` is the input's code. */
const UPDATE_FIELDS = { code: 'code', version: 'version', newCode: 'input.code' };

/**
 * Creating and editing concepts through the API, one at a time, by the one
 * writer. Drafts and entries in review change in place; an edit of a
 * published concept becomes its pending revision, which readers do not see
 * until another person approves it. A field or language the input leaves
 * out keeps its value; an edit that changes nothing is refused (UNCHANGED).
 */
@Injectable()
export class ConceptEditingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: ConceptWriter,
  ) {}

  create(ctx: RequestContext, { domain, code, ...patch }: Gql.CreateConceptInput, reasonText?: string | null): Promise<ConceptEntity> {
    return this.dataSource.transaction(async (manager) => {
      const reason = normalizeReason(reasonText);
      const result = await this.writer.write(manager, ctx, [{ intent: WriteIntent.CREATE, code, domain, patch }], {
        reason,
        refuseUnchanged: true,
      });
      const [concept] = await writtenConcepts(manager, result, (field) => `input.${field}`);
      return concept;
    });
  }

  update(
    ctx: RequestContext,
    code: string,
    version: number,
    { code: newCode, ...patch }: Gql.UpdateConceptInput,
    reasonText?: string | null,
  ): Promise<ConceptEntity> {
    return this.dataSource.transaction(async (manager) => {
      const reason = normalizeReason(reasonText);
      const result = await this.writer.write(manager, ctx, [{ intent: WriteIntent.UPDATE, code, version, newCode, patch }], {
        reason,
        refuseUnchanged: true,
      });
      const [concept] = await writtenConcepts(
        manager,
        result,
        (field) => UPDATE_FIELDS[field as keyof typeof UPDATE_FIELDS] ?? `input.${field}`,
      );
      return concept;
    });
  }
}
