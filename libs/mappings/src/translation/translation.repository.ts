import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConceptEntity, conceptFromRow, ConceptRow } from '@lexique/vocabulary';
import { MappingEntity } from '../mappings/mapping.entity';
import { mappingFromRow, MappingRow } from '../mappings/mapping-row';

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
 * existence, the mappings valid at the date, their concepts and the current
 * concept at the end of each replacement chain.
 */
@Injectable()
export class TranslationRepository {
  constructor(private readonly dataSource: DataSource) {}

  async lookup(system: string, keys: string[], at: string | null): Promise<TranslationLookup> {
    const rows: { system_exists: string; mapping: MappingRow | null; concept: ConceptRow | null; current: ConceptRow | null }[] =
      await this.dataSource.query(
        `WITH RECURSIVE
       hit AS (
         SELECT m.* FROM mapping m
         WHERE m.system_code = $1 AND m.local_code_key = ANY($2::text[]) AND m.status = 'PUBLISHED'
           AND daterange(m.valid_from, m.valid_to, '[)') @> COALESCE($3::date, CURRENT_DATE)
       ),
       chain AS (
         SELECT c.id AS start_id, c.id, c.status, c.replaced_by_id, 0 AS depth
         FROM concept c WHERE c.id IN (SELECT concept_id FROM hit)
         UNION ALL
         SELECT chain.start_id, n.id, n.status, n.replaced_by_id, chain.depth + 1
         FROM chain JOIN concept n ON n.id = chain.replaced_by_id
         WHERE chain.status = 'DEPRECATED' AND chain.depth < ${MAX_CHAIN}
       ),
       current AS (
         SELECT DISTINCT ON (start_id) start_id, id FROM chain WHERE status <> 'DEPRECATED' ORDER BY start_id, depth
       )
       SELECT s.code AS system_exists, to_jsonb(hit) AS mapping, to_jsonb(c) AS concept, to_jsonb(cur) AS current
       FROM information_system s
       LEFT JOIN hit ON true
       LEFT JOIN concept c ON c.id = hit.concept_id
       LEFT JOIN current ON current.start_id = hit.concept_id
       LEFT JOIN concept cur ON cur.id = current.id
       WHERE s.code = $1`,
        [system, keys, at],
      );
    const byKey = new Map<string, TranslatedKey>();
    for (const row of rows) {
      if (!row.mapping) continue;
      const mapping = mappingFromRow(row.mapping);
      byKey.set(mapping.localCodeKey, {
        mapping,
        concept: row.concept ? conceptFromRow(row.concept) : null,
        current: row.current ? conceptFromRow(row.current) : null,
      });
    }
    return { systemExists: rows.length > 0, byKey };
  }
}
