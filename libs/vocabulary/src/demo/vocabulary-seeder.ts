import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { LocalizedText, LocalizedTexts, RequestContext } from '@lexique/core';
import { ConceptStatus } from '../concepts/concept-status';
import { DomainEditingService } from '../editing/domain-editing.service';
import { replacingPatch } from '../writing/concept-patch';
import { WriteIntent } from '../writing/concept-write';
import { ConceptWriter } from '../writing/concept-writer';
import { assertVocabularyWritten } from '../writing/write-problem';

/** The shape of domains and concepts in `demo/vocabulary.json`. */
export interface DomainDocument {
  code: string;
  label: LocalizedText;
  description?: LocalizedText;
  requiresReview?: boolean;
}

export interface ConceptDocument {
  domain: string;
  code: string;
  status: string;
  prefLabel: LocalizedText;
  altLabels?: LocalizedTexts;
  acronyms?: string[];
  hiddenLabels?: string[];
  definition?: LocalizedText;
  scopeNote?: LocalizedText;
  source?: string;
  broader?: string[];
  related?: string[];
  replacedBy?: string;
}

/**
 * Loads a whole vocabulary (the demo data on first start, `lexique seed`)
 * through the writers of domains and concepts, as an admin's import would:
 * the same checks as any other write, one change row per domain and concept.
 * A vocabulary that breaks a rule is refused whole, naming what is wrong.
 */
@Injectable()
export class VocabularySeeder {
  constructor(
    private readonly domainWriter: DomainEditingService,
    private readonly conceptWriter: ConceptWriter,
  ) {}

  async seed(manager: EntityManager, ctx: RequestContext, domains: DomainDocument[], concepts: ConceptDocument[], reason: string) {
    const schemes = await this.domainWriter.importDomains(
      manager,
      ctx,
      domains.map((d, ord) => ({
        ord,
        domain: { code: d.code, label: d.label, description: d.description ?? {}, requiresReview: d.requiresReview ?? true },
      })),
      reason,
    );
    assertVocabularyWritten('domains', schemes.problems, (ord) => domains[ord].code);
    const result = await this.conceptWriter.write(
      manager,
      ctx,
      concepts.map((c) => ({
        intent: WriteIntent.UPSERT,
        code: c.code,
        domain: c.domain,
        status: c.status as ConceptStatus,
        replacedBy: c.replacedBy ?? null,
        patch: replacingPatch({ ...c, source: c.source ?? null }),
      })),
      { reason },
    );
    assertVocabularyWritten('concepts', result.problems, (ord) => concepts[ord].code);
    return { domains: schemes.created + schemes.updated, concepts: result.counts.created + result.counts.updated };
  }
}
