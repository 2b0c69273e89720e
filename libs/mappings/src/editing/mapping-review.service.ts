import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessPolicy } from '@lexique/access';
import { pageSize, RequestContext } from '@lexique/core';
import { normalizeReason, requireReason } from '@lexique/vocabulary';
import { MappingEntity } from '../mappings/mapping.entity';
import { MappingRepository } from '../mappings/mapping.repository';
import { MAX_MAPPING_PAGE } from '../mappings/mapping.service';
import { normalizeSystemCode } from '../systems/system.service';
import { MappingEffect, MappingIntent, MappingWrite } from '../writing/mapping-write';
import { MappingWriter } from '../writing/mapping-writer';
import { MappingAction } from './mapping-status.machine';
import { writtenMappings } from './written-mappings';

/** Names one mapping: its system and local code, and its id when the code has several validity periods. */
export interface MappingRef {
  system: string;
  localCode: string;
  id?: string | null;
}

/** Arguments of the review mutations, named as such; what is wrong in a pending revision being approved is under `revision.`. */
const ARGUMENTS = new Set(['system', 'localCode', 'id', 'version']);

/**
 * The review workflow of mappings through the API, as for concepts: submit,
 * approve (four eyes where the domain requires review; the approver is
 * recorded as the mapping's reviewer), reject, and delete, each by the one
 * writer. On a published mapping with a pending revision, approve applies the
 * revision (after checking it again against the dictionary as it is now) and
 * reject discards it.
 */
@Injectable()
export class MappingReviewService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: MappingWriter,
    private readonly mappings: MappingRepository,
  ) {}

  /** The review queue of the caller: admins see every domain, stewards theirs. */
  awaitingReview(ctx: RequestContext, system: string | null | undefined, first: number | null | undefined): Promise<MappingEntity[]> {
    const domains = AccessPolicy.of(ctx.principal).unpublishedDomains;
    const code = system ? normalizeSystemCode(system) : null;
    return this.mappings.awaitingReview(domains === 'all' ? null : domains, code, pageSize(first, MAX_MAPPING_PAGE, 100));
  }

  submit(ctx: RequestContext, ref: MappingRef, version: number, reason?: string | null): Promise<MappingEntity> {
    return this.one(ctx, { intent: MappingIntent.TRANSITION, action: MappingAction.SUBMIT, ...ref, version }, normalizeReason(reason));
  }

  approve(ctx: RequestContext, ref: MappingRef, version: number, reason?: string | null): Promise<MappingEntity> {
    return this.one(ctx, { intent: MappingIntent.TRANSITION, action: MappingAction.APPROVE, ...ref, version }, normalizeReason(reason));
  }

  reject(ctx: RequestContext, ref: MappingRef, version: number, reason: string | null | undefined): Promise<MappingEntity> {
    return this.one(ctx, { intent: MappingIntent.TRANSITION, action: MappingAction.REJECT, ...ref, version }, requireReason(reason));
  }

  /** Removes the mapping now, whatever its status; its pending revision is rejected with the same reason. */
  delete(ctx: RequestContext, ref: MappingRef, version: number, reason?: string | null): Promise<MappingEntity> {
    return this.one(ctx, { intent: MappingIntent.DELETE, ...ref, version }, normalizeReason(reason));
  }

  private one(ctx: RequestContext, write: MappingWrite, reason: string | null): Promise<MappingEntity> {
    return this.dataSource.transaction(async (manager) => {
      const result = await this.writer.write(manager, ctx, [write], { reason });
      const applying = result.outcomes[0]?.effect === MappingEffect.APPROVE_REVISION;
      const [mapping] = await writtenMappings(manager, result, (field) =>
        applying && !ARGUMENTS.has(field) ? `revision.${field}` : field,
      );
      return mapping;
    });
  }
}
