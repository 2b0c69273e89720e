import { MappingRelation, MappingStatus } from './mapping-relation';
import { MappingEntity } from './mapping.entity';

/** A mapping row, snake_case, as a statement returns it: columns (dates cast to text) or to_jsonb. */
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
  /** numeric: a string from a column, a number from to_jsonb */
  confidence: number | string | null;
  author: string | null;
  reviewer: string | null;
  version: number;
  created_at: string | Date;
  updated_at: string | Date;
}

/** The columns of MappingRow; dates as text, as to_jsonb gives them, not as the driver's local-midnight Date. */
export const MAPPING_ROW_COLUMNS = [
  'id',
  'system_code',
  'local_code',
  'local_code_key',
  'local_label',
  'concept_id',
  'relation',
  'valid_from::text',
  'valid_to::text',
  'note',
  'status',
  'justification',
  'confidence',
  'author',
  'reviewer',
  'version',
  'created_at',
  'updated_at',
] as const;

/** For statements that return whole rows (to fetch several tables in one round trip). */
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
