import { LocalizedText, LocalizedTexts } from '@lexique/core';
import { ConceptStatus } from './concept-status';
import { ConceptEntity } from './concept.entity';

/** A concept row, snake_case, as a statement returns it: columns (timestamps as Date) or to_jsonb (as text). */
export interface ConceptRow {
  id: string;
  code: string;
  domain_code: string;
  status: ConceptStatus;
  pref_label: LocalizedText;
  alt_labels: LocalizedTexts;
  hidden_labels: string[];
  acronyms: string[];
  definition: LocalizedText;
  scope_note: LocalizedText;
  source: string | null;
  replaced_by_id: string | null;
  version: number;
  created_at: string | Date;
  updated_at: string | Date;
}

/** The columns of ConceptRow, for statements that select them by name (see prefixedColumns). */
export const CONCEPT_ROW_COLUMNS = [
  'id',
  'code',
  'domain_code',
  'status',
  'pref_label',
  'alt_labels',
  'hidden_labels',
  'acronyms',
  'definition',
  'scope_note',
  'source',
  'replaced_by_id',
  'version',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof ConceptRow)[];

/** For statements that return whole rows (to fetch several tables in one round trip). */
export function conceptFromRow(row: ConceptRow): ConceptEntity {
  return Object.assign(new ConceptEntity(), {
    id: row.id,
    code: row.code,
    domainCode: row.domain_code,
    status: row.status,
    prefLabel: row.pref_label,
    altLabels: row.alt_labels,
    hiddenLabels: row.hidden_labels,
    acronyms: row.acronyms,
    definition: row.definition,
    scopeNote: row.scope_note,
    source: row.source,
    replacedById: row.replaced_by_id,
    version: row.version,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  });
}
