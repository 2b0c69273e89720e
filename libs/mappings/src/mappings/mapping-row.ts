import { MappingRelation, MappingStatus } from './mapping-relation';
import { MappingEntity } from './mapping.entity';

/** A mapping row as PostgreSQL's to_jsonb gives it (snake_case columns). */
export interface MappingRow {
  id: string;
  system_code: string;
  local_code: string;
  local_code_key: string;
  local_label: string | null;
  concept_id: string | null;
  relation: MappingRelation;
  valid_from: string | null;
  valid_to: string | null;
  note: string | null;
  status: MappingStatus;
  justification: string;
  confidence: number | null;
  author: string | null;
  reviewer: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

/** For statements that return whole rows as JSON (to fetch several tables in one round trip). */
export function mappingFromRow(row: MappingRow): MappingEntity {
  return Object.assign(new MappingEntity(), {
    id: row.id,
    systemCode: row.system_code,
    localCode: row.local_code,
    localCodeKey: row.local_code_key,
    localLabel: row.local_label,
    conceptId: row.concept_id,
    relation: row.relation,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    note: row.note,
    status: row.status,
    justification: row.justification,
    confidence: row.confidence === null ? null : Number(row.confidence),
    author: row.author,
    reviewer: row.reviewer,
    version: row.version,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  });
}
