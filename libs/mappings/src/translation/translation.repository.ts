import { Injectable } from '@nestjs/common';
import { PreparedQueries, preparedStatement, prefixedColumns, prefixedRowReader } from '@lexique/database';
import { CONCEPT_ROW_COLUMNS, ConceptEntity, conceptFromRow, ConceptRow, ConceptStatus } from '@lexique/vocabulary';
import { MappingEntity } from '../mappings/mapping.entity';
import { MAPPING_ROW_COLUMNS, mappingFromRow, MappingRow } from '../mappings/mapping-row';

/** One translated key: the mapping valid at the date, its concept and the current concept. */
export interface TranslatedKey {
  mapping: MappingEntity;
  concept: ConceptEntity | null;
  current: ConceptEntity | null;
}

export interface TranslationLookup {
  systemExists: boolean;
  byKey: Map<string, TranslatedKey>;
}

// Depth bound of replacement chains: they are acyclic by construction (a
// replacement must be published when set), the bound only stops a corrupted row.
const MAX_CHAIN = 32;

/**
 * Translation in one statement whatever the number of codes: the system's
 * existence, the mappings valid at the date and their concepts, and for a
 * deprecated concept the current one at the end of its replacement chain.
 *
 * Written for the planner as much as for the reader, after measuring batches
 * of 1,000 codes on 1,000,000 mappings:
 * - the key and system are compared with constants, and the validity with
 *   plain comparisons, so that the lookup btree is chosen (a
 *   daterange test against CURRENT_DATE cannot be estimated and drew the
 *   planner to the exclusion constraint's much slower GiST index);
 * - the replacement chain is walked per row and only for deprecated concepts:
 *   joining a recursive CTE to the hits was planned as a nested loop over it,
 *   quadratic in the number of codes;
 * - rows come back as columns, not to_jsonb, which tripled the statement's time;
 * - prepared, so that it is planned once per connection. A single code has a
 *   statement of its own: with `= ANY($2)` PostgreSQL cannot tell one code from
 *   a thousand, judges the generic plan dearer and plans every call again,
 *   which tripled the database's work for a single translation.
 */
const translationStatement = (name: string, keyCondition: string) =>
  preparedStatement(
    name,
    `SELECT s.code AS system_exists, ${prefixedColumns('m', 'm_', MAPPING_ROW_COLUMNS)}, ${prefixedColumns('c', 'c_', CONCEPT_ROW_COLUMNS)},
     CASE WHEN c.status = 'DEPRECATED' THEN (
       WITH RECURSIVE walk AS (
         SELECT n.id, n.status, n.replaced_by_id, 1 AS depth FROM concept n WHERE n.id = c.replaced_by_id
         UNION ALL
         SELECT n.id, n.status, n.replaced_by_id, walk.depth + 1
         FROM walk JOIN concept n ON n.id = walk.replaced_by_id
         WHERE walk.status = 'DEPRECATED' AND walk.depth < ${MAX_CHAIN}
       )
       SELECT to_jsonb(n) FROM walk JOIN concept n ON n.id = walk.id
       WHERE walk.status <> 'DEPRECATED' ORDER BY walk.depth LIMIT 1
     ) END AS replacement
   FROM information_system s
   LEFT JOIN mapping m ON m.system_code = $1 AND ${keyCondition} AND m.status = 'PUBLISHED'
     AND (m.valid_from IS NULL OR m.valid_from <= COALESCE($3::date, CURRENT_DATE))
     AND (m.valid_to IS NULL OR m.valid_to > COALESCE($3::date, CURRENT_DATE))
   LEFT JOIN concept c ON c.id = m.concept_id
   WHERE s.code = $1`,
  );
const TRANSLATE_ONE = translationStatement('translation.lookupOne', 'm.local_code_key = ($2::text[])[1]');
const TRANSLATE_MANY = translationStatement('translation.lookupMany', 'm.local_code_key = ANY($2::text[])');

const mappingRowOf = prefixedRowReader<MappingRow>('m_', MAPPING_ROW_COLUMNS);
const conceptRowOf = prefixedRowReader<ConceptRow>('c_', CONCEPT_ROW_COLUMNS);

type TranslationRow = Record<string, unknown> & { system_exists: string; replacement: ConceptRow | null };

@Injectable()
export class TranslationRepository {
  constructor(private readonly queries: PreparedQueries) {}

  async lookup(system: string, keys: string[], at: string | null): Promise<TranslationLookup> {
    const statement = keys.length === 1 ? TRANSLATE_ONE : TRANSLATE_MANY;
    const rows = await this.queries.rows<TranslationRow>(statement, [system, keys, at]);
    const byKey = new Map<string, TranslatedKey>();
    for (const row of rows) {
      const mappingRow = mappingRowOf(row);
      if (!mappingRow) continue;
      const mapping = mappingFromRow(mappingRow);
      const conceptRow = conceptRowOf(row);
      const concept = conceptRow ? conceptFromRow(conceptRow) : null;
      // a concept still in use is its own current concept; a deprecated one, the end of its chain
      const current = concept?.status === ConceptStatus.DEPRECATED ? (row.replacement ? conceptFromRow(row.replacement) : null) : concept;
      byKey.set(mapping.localCodeKey, { mapping, concept, current });
    }
    return { systemExists: rows.length > 0, byKey };
  }
}
