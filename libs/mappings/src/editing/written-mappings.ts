import { EntityManager } from 'typeorm';
import { DomainError, refusal } from '@lexique/core';
import { mappingFromRow } from '../mappings/mapping-row';
import { MappingEntity } from '../mappings/mapping.entity';
import { MappingWriteResult } from '../writing/mapping-writer';

/**
 * What a mutation answers once the writer is done: the mappings as written
 * (a deleted one as it was), in request order; or, when the write was
 * refused, its first problem as the error, its field placed where the caller
 * sent it (`placeField`), with every problem listed in `extensions.problems`.
 */
export async function writtenMappings(
  manager: EntityManager,
  result: MappingWriteResult,
  placeField: (field: string, ord: number) => string,
): Promise<MappingEntity[]> {
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
  const deleted = new Map(result.deleted.map((row) => [row.id, mappingFromRow(row)]));
  const ids = result.outcomes.map((outcome) => outcome.id!);
  const kept = ids.filter((id) => !deleted.has(id));
  const found = kept.length ? await manager.getRepository(MappingEntity).findBy(kept.map((id) => ({ id }))) : [];
  const byId = new Map([...found.map((mapping): [string, MappingEntity] => [mapping.id, mapping]), ...deleted]);
  return ids.map((id) => byId.get(id)!);
}
