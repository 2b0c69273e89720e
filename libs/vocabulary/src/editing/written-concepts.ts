import { EntityManager } from 'typeorm';
import { DomainError, refusal } from '@lexique/core';
import { ConceptEntity } from '../concepts/concept.entity';
import { ConceptWriteResult } from '../writing/concept-writer';

/**
 * What a mutation answers once the writer is done: the concepts as written,
 * in request order; or, when the write was refused, its first problem as the
 * error, its field placed where the caller sent it (`placeField`), with every
 * problem of the write listed in `extensions.problems` for bulk callers.
 */
export async function writtenConcepts(
  manager: EntityManager,
  result: ConceptWriteResult,
  placeField: (field: string, ord: number) => string,
): Promise<ConceptEntity[]> {
  if (!result.applied) {
    const problems = result.problems.map((p) => ({
      index: p.ord,
      reason: p.reason,
      field: p.field === null ? null : placeField(p.field, p.ord),
      message: p.message,
      ...(p.values ?? {}),
    }));
    const [first] = result.problems;
    const error = refusal(first.reason, first.message, problems[0].field ?? undefined, first.values);
    throw problems.length > 1
      ? new DomainError(error.code, error.message, error.field, { ...error.details, problems }, error.reason)
      : error;
  }
  const ids = result.outcomes.map((outcome) => outcome.id!);
  const found = await manager.getRepository(ConceptEntity).findBy(ids.map((id) => ({ id })));
  const byId = new Map(found.map((concept) => [concept.id, concept]));
  return ids.map((id) => byId.get(id)!);
}
