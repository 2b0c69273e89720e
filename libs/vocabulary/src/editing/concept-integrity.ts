import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { badInput } from '@lexique/core';
import { ConceptContent } from './concept-content';
import { ConceptWriterRepository } from './concept-writer.repository';

export interface ResolvedRelations {
  broaderIds: string[];
  relatedIds: string[];
}

/**
 * The rules that need the database: relations point to existing concepts,
 * broader ones in the same domain and without cycles, and preferred labels
 * unique per language in the domain. Run under the domain lock; ends by
 * taking the locks the relations need before the concept row is written.
 */
@Injectable()
export class ConceptIntegrity {
  constructor(private readonly writer: ConceptWriterRepository) {}

  async check(
    manager: EntityManager,
    concept: { id: string | null; code: string; domain: string },
    content: ConceptContent,
    path = 'input',
  ): Promise<ResolvedRelations> {
    const refs = await this.writer.refsByCodes(manager, [...content.broader, ...content.related]);
    const resolve = (codes: string[], field: string) =>
      codes.map((code, i) => {
        if (code === concept.code) throw badInput(`${path}.${field}[${i}]`, `A concept cannot be ${field} to itself`);
        const ref = refs.get(code);
        if (!ref) throw badInput(`${path}.${field}[${i}]`, `Unknown concept "${code}" in "${path}.${field}"`);
        return ref;
      });
    const broader = resolve(content.broader, 'broader');
    broader.forEach((ref, i) => {
      if (ref.domain !== concept.domain) {
        throw badInput(
          `${path}.broader[${i}]`,
          `A broader concept must be in the same domain (${ref.code} is in ${ref.domain}, not ${concept.domain})`,
        );
      }
    });
    const related = resolve(content.related, 'related');
    const broaderIds = broader.map((ref) => ref.id);
    if (concept.id && (await this.writer.wouldCloseCycle(manager, concept.id, broaderIds))) {
      throw badInput(`${path}.broader`, `These broader concepts would make a cycle: ${concept.code} is already above one of them`);
    }
    const [duplicate] = await this.writer.duplicatePrefLabels(manager, concept.domain, content.prefLabel, concept.id);
    if (duplicate) {
      throw badInput(
        `${path}.prefLabel.${duplicate.lang}`,
        `${duplicate.code} already has the preferred label "${content.prefLabel[duplicate.lang as keyof typeof content.prefLabel]}" in domain ${concept.domain}`,
      );
    }
    const relatedIds = related.map((ref) => ref.id);
    await this.writer.lockRelations(manager, concept.id, relatedIds);
    return { broaderIds, relatedIds };
  }
}
