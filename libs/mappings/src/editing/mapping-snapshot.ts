import { MappingRelation, MappingStatus } from '../mappings/mapping-relation';
import { MappingRow } from '../mappings/mapping-row';

/**
 * A mapping as the change log and revisions record it: the concept by code,
 * and its status so that the change feed hides drafts and entries in review
 * from readers as it does for concepts.
 */
export interface MappingSnapshot {
  system: string;
  localCode: string;
  localLabel: string | null;
  relation: MappingRelation;
  concept: string | null;
  validFrom: string | null;
  validTo: string | null;
  note: string | null;
  justification: string;
  confidence: number | null;
  status: MappingStatus;
  author: string | null;
  reviewer: string | null;
}

/** The snapshot of a stored row whose concept has this code. */
export function snapshotOf(row: MappingRow, concept: string | null): MappingSnapshot {
  return {
    system: row.system_code,
    localCode: row.local_code,
    localLabel: row.local_label,
    relation: row.relation,
    concept,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    note: row.note,
    justification: row.justification,
    confidence: row.confidence === null ? null : Number(row.confidence),
    status: row.status,
    author: row.author,
    reviewer: row.reviewer,
  };
}
