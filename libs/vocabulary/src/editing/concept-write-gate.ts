import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { canSeeUnpublished, notFound, RequestContext } from '@lexique/core';
import { ChangeLogRepository } from '@lexique/database';
import { PUBLIC_STATUSES } from '../concepts/concept-status';
import { ConceptEntity } from '../concepts/concept.entity';
import { assertStewardOf } from '../review/steward-access';
import { ConceptSnapshot } from './concept-snapshot';
import { ConceptWriterRepository, LockedDomain, staleVersion } from './concept-writer.repository';

export interface OpenConcept {
  concept: ConceptEntity;
  domain: LockedDomain;
}

/**
 * The first steps of every write to an existing concept, in the caller's
 * transaction: find it (as the caller may see it), check the caller stewards
 * its domain, lock the domain, and refuse a version that is already stale.
 * The conditional UPDATE still decides in the end: this early check only
 * spares work.
 */
@Injectable()
export class ConceptWriteGate {
  constructor(
    private readonly writer: ConceptWriterRepository,
    private readonly changeLog: ChangeLogRepository,
  ) {}

  async open(manager: EntityManager, ctx: RequestContext, code: string, version: number): Promise<OpenConcept> {
    const concept = await this.writer.findByCode(manager, code.trim().toUpperCase());
    if (!concept || !(PUBLIC_STATUSES.includes(concept.status) || canSeeUnpublished(ctx.principal, concept.domainCode))) {
      throw notFound(`No concept "${code}"`, 'code');
    }
    assertStewardOf(ctx.principal, concept.domainCode);
    const domain = (await this.writer.lockDomain(manager, concept.domainCode))!;
    if (version !== concept.version) throw staleVersion(concept.code, version, concept.version);
    return { concept, domain };
  }

  /** Records a write of a concept in the change log, in the same transaction. */
  record(
    manager: EntityManager,
    ctx: RequestContext,
    concept: ConceptEntity,
    action: string,
    change: { before: ConceptSnapshot | null; after: ConceptSnapshot | null; reason: string | null },
  ): Promise<void> {
    return this.changeLog.record(manager, {
      principal: ctx.principal.id,
      entityType: 'CONCEPT',
      entityId: concept.id,
      entityKey: concept.code,
      domain: concept.domainCode,
      action,
      ...change,
    });
  }
}
