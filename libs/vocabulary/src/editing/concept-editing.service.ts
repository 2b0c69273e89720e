import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { badInput, RequestContext } from '@lexique/core';
import { ConceptStatus } from '../concepts/concept-status';
import { conceptEditMode, EditMode } from '../concepts/concept-status.machine';
import { ConceptEntity } from '../concepts/concept.entity';
import { RevisionRepository } from '../review/revision.repository';
import { assertStewardOf } from '../review/steward-access';
import { ConceptContentInput, mergeContent, validateConceptCode, validateContent } from './concept-content';
import { ConceptIntegrity } from './concept-integrity';
import { ConceptSnapshot, contentOf } from './concept-snapshot';
import { ConceptWriteGate, OpenConcept } from './concept-write-gate';
import { ConceptWriterRepository } from './concept-writer.repository';
import { normalizeReason } from './write-context';

export interface CreateConceptInput extends ConceptContentInput {
  domain: string;
  code: string;
}

export interface UpdateConceptInput extends ConceptContentInput {
  code?: string | null;
}

/**
 * Creating and editing concepts. Drafts and entries in review change in
 * place; an edit of a published concept becomes its pending revision, which
 * readers do not see until another person approves it.
 */
@Injectable()
export class ConceptEditingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: ConceptWriterRepository,
    private readonly integrity: ConceptIntegrity,
    private readonly gate: ConceptWriteGate,
    private readonly revisions: RevisionRepository,
  ) {}

  create(ctx: RequestContext, input: CreateConceptInput, reasonText?: string | null): Promise<ConceptEntity> {
    return this.dataSource.transaction(async (manager) => {
      const reason = normalizeReason(reasonText);
      const domain = await this.writer.lockDomain(manager, input.domain.trim().toUpperCase());
      if (!domain) throw badInput('input.domain', `Unknown domain "${input.domain}"`);
      assertStewardOf(ctx.principal, domain.code);
      const code = validateConceptCode(input.code, domain.code);
      const content = validateContent(input);
      if (await this.writer.findByCode(manager, code)) throw badInput('input.code', `The code ${code} is already used`);
      const relations = await this.integrity.check(manager, { id: null, code, domain: domain.code }, content);
      const concept = await this.writer.insert(manager, { code, domain: domain.code, content, lastEditor: ctx.principal.id });
      await this.writer.replaceLinks(manager, concept.id, relations.broaderIds, relations.relatedIds);
      const after = await this.writer.snapshot(manager, concept.id);
      await this.gate.record(manager, ctx, concept, 'CREATE', { before: null, after, reason });
      return concept;
    });
  }

  update(
    ctx: RequestContext,
    code: string,
    version: number,
    input: UpdateConceptInput,
    reasonText?: string | null,
  ): Promise<ConceptEntity> {
    return this.dataSource.transaction(async (manager) => {
      const reason = normalizeReason(reasonText);
      const open = await this.gate.open(manager, ctx, code, version);
      const mode = conceptEditMode(open.concept.status);
      switch (mode) {
        case EditMode.IN_PLACE:
          return this.updateInPlace(manager, ctx, open, version, input, reason);
        case EditMode.REVISION:
          return this.proposeRevision(manager, ctx, open, version, input, reason);
      }
    });
  }

  private async updateInPlace(
    manager: EntityManager,
    ctx: RequestContext,
    { concept, domain }: OpenConcept,
    version: number,
    { code: codeInput, ...input }: UpdateConceptInput,
    reason: string | null,
  ): Promise<ConceptEntity> {
    const code = codeInput === undefined || codeInput === null ? concept.code : validateConceptCode(codeInput, domain.code);
    if (code !== concept.code) {
      if (concept.firstPublishedAt || concept.status !== ConceptStatus.DRAFT) {
        throw badInput('input.code', `Only a draft never published may change its code (${concept.code} is ${concept.status})`);
      }
      if (await this.writer.findByCode(manager, code)) throw badInput('input.code', `The code ${code} is already used`);
    }
    const before = await this.writer.snapshot(manager, concept.id);
    const content = validateContent(mergeContent(contentOf(before), input));
    const relations = await this.integrity.check(manager, { id: concept.id, code, domain: domain.code }, content);
    const updated = await this.writer.update(manager, concept, version, { content, code, lastEditor: ctx.principal.id });
    await this.writer.replaceLinks(manager, concept.id, relations.broaderIds, relations.relatedIds);
    const after = await this.writer.snapshot(manager, concept.id);
    await this.gate.record(manager, ctx, updated, 'UPDATE', { before, after, reason });
    return updated;
  }

  private async proposeRevision(
    manager: EntityManager,
    ctx: RequestContext,
    { concept, domain }: OpenConcept,
    version: number,
    { code: codeInput, ...input }: UpdateConceptInput,
    reason: string | null,
  ): Promise<ConceptEntity> {
    if (codeInput !== undefined && codeInput !== null && codeInput.trim().toUpperCase() !== concept.code) {
      throw badInput('input.code', `${concept.code} is published: its code can no longer change`);
    }
    const published = await this.writer.snapshot(manager, concept.id);
    const pending = await this.revisions.pending<ConceptSnapshot>('CONCEPT', concept.id, manager);
    // Successive edits build on the pending proposal, not on what readers see.
    const base = pending?.proposed ?? published;
    const content = validateContent(mergeContent(contentOf(base), input));
    await this.integrity.check(manager, { id: concept.id, code: concept.code, domain: domain.code }, content);
    const proposed: ConceptSnapshot = { ...published, ...content };
    await this.revisions.propose(manager, 'CONCEPT', concept.id, proposed, ctx.principal.id, reason);
    const updated = await this.writer.update(manager, concept, version, {});
    await this.gate.record(manager, ctx, updated, 'PROPOSE_REVISION', { before: base, after: proposed, reason });
    return updated;
  }
}
