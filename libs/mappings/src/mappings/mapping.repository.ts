import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { PreparedQueries, preparedStatement, prefixedColumns } from '@lexique/database';
import { MAPPING_ROW_COLUMNS, mappingFromRow, MappingRow } from './mapping-row';
import { MappingRelation, MappingStatus } from './mapping-relation';
import { MappingEntity } from './mapping.entity';

/** Position of a mapping in the order of a system's page: trimmed local code, then id. */
export interface MappingKey {
  localCodeKey: string;
  id: string;
}

// Relations from the most to the least precise: the order crosswalk targets come in.
const RELATION_ORDER = `array_position(ARRAY['EXACT','CLOSE','NARROW','BROAD','RELATED','UNMAPPED'], m.relation)`;

// Crosswalk's second half, as hot as translation: prepared, and validity tested
// with plain comparisons for the reason given in the translation repository.
const TOWARDS_CONCEPT = preparedStatement(
  'mapping.towardsConcept',
  `WITH RECURSIVE predecessors AS (
     SELECT id FROM concept WHERE id = $2
     UNION
     SELECT c.id FROM concept c JOIN predecessors p ON c.replaced_by_id = p.id WHERE c.status = 'DEPRECATED'
   )
   SELECT ${prefixedColumns('m', '', MAPPING_ROW_COLUMNS)} FROM mapping m
   WHERE m.system_code = $1 AND m.status = 'PUBLISHED'
     AND m.concept_id IN (SELECT id FROM predecessors)
     AND (m.valid_from IS NULL OR m.valid_from <= COALESCE($3::date, CURRENT_DATE))
     AND (m.valid_to IS NULL OR m.valid_to > COALESCE($3::date, CURRENT_DATE))
   ORDER BY ${RELATION_ORDER}, m.local_code_key`,
);

@Injectable()
export class MappingRepository {
  constructor(
    @InjectRepository(MappingEntity) private readonly mappings: Repository<MappingEntity>,
    private readonly queries: PreparedQueries,
  ) {}

  private published(relation?: MappingRelation) {
    const query = this.mappings.createQueryBuilder('m').where('m.status = :status', { status: MappingStatus.PUBLISHED });
    if (relation) query.andWhere('m.relation = :relation', { relation });
    return query;
  }

  /** A keyset page of a system's published mappings (all validity periods), `limit` rows after `after`. */
  page(system: string, limit: number, after?: MappingKey, relation?: MappingRelation): Promise<MappingEntity[]> {
    const query = this.published(relation).andWhere('m.system_code = :system', { system });
    if (after) query.andWhere('(m.local_code_key, m.id) > (:key, :id::uuid)', { key: after.localCodeKey, id: after.id });
    return query.orderBy('m.local_code_key', 'ASC').addOrderBy('m.id', 'ASC').limit(limit).getMany();
  }

  count(system: string, relation?: MappingRelation): Promise<number> {
    return this.published(relation).andWhere('m.system_code = :system', { system }).getCount();
  }

  /** Published mappings to any of these concepts, optionally of one system, ordered by system and code. */
  forConcepts(conceptIds: readonly string[], system?: string): Promise<MappingEntity[]> {
    const query = this.published().andWhere('m.concept_id = ANY(:conceptIds::uuid[])', { conceptIds });
    if (system) query.andWhere('m.system_code = :system', { system });
    return query.orderBy('m.system_code', 'ASC').addOrderBy('m.local_code_key', 'ASC').getMany();
  }

  /**
   * Published mappings of `system`, valid on `at`, whose concept leads to
   * `currentConceptId` once deprecated concepts are followed to their successor.
   */
  async towardsConcept(system: string, currentConceptId: string, at: string | null): Promise<MappingEntity[]> {
    const rows = await this.queries.rows<MappingRow>(TOWARDS_CONCEPT, [system, currentConceptId, at]);
    return rows.map(mappingFromRow);
  }

  /**
   * Every mapping of one local code, whatever its status and period, with the
   * domain it belongs to (its concept's; for an UNMAPPED code, the domain
   * named like the system's kind, if any).
   */
  async ofLocalCode(system: string, localCodeKey: string): Promise<{ mapping: MappingEntity; domain: string | null }[]> {
    const rows: { row: MappingRow; domain: string | null }[] = await this.mappings.manager.query(
      `SELECT to_jsonb(m) AS row, CASE WHEN c.id IS NULL THEN kd.code ELSE c.domain_code END AS domain
       FROM mapping m
       JOIN information_system s ON s.code = m.system_code
       LEFT JOIN concept c ON c.id = m.concept_id
       LEFT JOIN domain kd ON kd.code = s.kind
       WHERE m.system_code = $1 AND m.local_code_key = $2
       ORDER BY m.valid_from NULLS FIRST, m.id`,
      [system, localCodeKey],
    );
    return rows.map((r) => ({ mapping: mappingFromRow(r.row), domain: r.domain }));
  }

  /** Mappings by id, whatever their status: callers have checked who may see them. */
  byIds(ids: readonly string[]): Promise<MappingEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.mappings.createQueryBuilder('m').where('m.id = ANY(:ids::uuid[])', { ids }).getMany();
  }
}
