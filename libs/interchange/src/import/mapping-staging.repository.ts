import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ChangeLogRepository } from '@lexique/database';
import { localCodeKey } from '@lexique/mappings';
import { MappingRecord, SourcePosition } from '../records';
import { ImportCounts, ImportProblem } from './import-report';

export interface StagedMapping {
  at: SourcePosition;
  record: Partial<MappingRecord>;
}

const DEFAULTS = `'{"localLabel":null,"concept":null,"note":null,"validTo":null,"justification":"semapv:ManualMappingCuration","confidence":null}'::jsonb`;
/** The effective mapping: the file's fields over the current ones (or the defaults for a new mapping). */
const AFTER = `(${DEFAULTS} || COALESCE(s.before, '{}') || s.doc)`;

const SNAPSHOT = `jsonb_build_object(
  'system', m.system_code, 'localCode', m.local_code, 'localLabel', m.local_label, 'relation', m.relation,
  'concept', (SELECT code FROM concept WHERE id = m.concept_id), 'note', m.note,
  'validFrom', m.valid_from::text, 'validTo', m.valid_to::text, 'justification', m.justification, 'confidence', m.confidence)`;

/**
 * The SQL of a mapping import, staged like concepts (see
 * ConceptStagingRepository). A mapping is identified by its system, its
 * trimmed local code and the start of its validity.
 */
@Injectable()
export class MappingStagingRepository {
  constructor(private readonly changeLog: ChangeLogRepository) {}

  async create(manager: EntityManager): Promise<void> {
    await manager.query(`
      CREATE TEMP TABLE import_mapping (
        ord serial, line int, system text, code_key text, valid_from date, doc jsonb,
        id uuid, before jsonb, domain text, action text
      ) ON COMMIT DROP`);
  }

  async stage(manager: EntityManager, mappings: StagedMapping[]): Promise<void> {
    if (!mappings.length) return;
    // one JSON parameter per batch: PostgreSQL parses it much faster than five arrays of as many elements
    await manager.query(
      `INSERT INTO import_mapping (line, system, code_key, valid_from, doc)
       SELECT (e->>'l')::int, e->'d'->>'system', e->>'k', (e->'d'->>'validFrom')::date, e->'d' FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS x(e, ordinality) ORDER BY ordinality`,
      [JSON.stringify(mappings.map((m) => ({ l: m.at.line ?? null, k: localCodeKey(m.record.localCode ?? ''), d: m.record })))],
    );
  }

  async resolve(manager: EntityManager): Promise<Omit<ImportProblem, 'reason'>[]> {
    await manager.query(`CREATE INDEX ON import_mapping (system, code_key, valid_from)`);
    await manager.query(`ANALYZE import_mapping`);
    await manager.query(`
      UPDATE import_mapping s SET id = m.id, before = ${SNAPSHOT}
      FROM mapping m WHERE m.system_code = s.system AND m.local_code_key = s.code_key AND m.valid_from IS NOT DISTINCT FROM s.valid_from`);
    await manager.query(`
      UPDATE import_mapping s SET
        action = CASE WHEN s.before IS NULL THEN 'CREATE' WHEN s.before = ${AFTER} THEN 'UNCHANGED' ELSE 'UPDATE' END,
        id = COALESCE(s.id, gen_random_uuid()),
        domain = COALESCE((SELECT c.domain_code FROM concept c WHERE c.code = ${AFTER}->>'concept'), (SELECT kind FROM information_system WHERE code = s.system))`);
    const rows: (ImportProblem & { line: number })[] = await manager.query(`
      SELECT line, field, message FROM (
        SELECT s.line, 'localCode' AS field, format('%s/%s is already in the file (line %s)', s.system, s.doc->>'localCode', f.line) AS message
        FROM import_mapping s JOIN LATERAL (
          SELECT line FROM import_mapping o WHERE o.system = s.system AND o.code_key = s.code_key AND o.valid_from IS NOT DISTINCT FROM s.valid_from ORDER BY o.ord LIMIT 1
        ) f ON true WHERE f.line <> s.line
      UNION ALL
        SELECT s.line, 'system', format('Unknown information system "%s"', s.system) FROM import_mapping s
        WHERE NOT EXISTS (SELECT 1 FROM information_system i WHERE i.code = s.system)
      UNION ALL
        SELECT s.line, 'concept', format('Unknown concept "%s"', s.doc->>'concept') FROM import_mapping s
        WHERE s.doc->>'concept' IS NOT NULL AND NOT EXISTS (SELECT 1 FROM concept c WHERE c.code = s.doc->>'concept')
      UNION ALL
        SELECT s.line, 'validFrom', format('%s/%s overlaps the validity of another published mapping of this code', s.system, s.doc->>'localCode')
        FROM import_mapping s
        WHERE s.action = 'CREATE' AND EXISTS (
          SELECT 1 FROM mapping m WHERE m.system_code = s.system AND m.local_code_key = s.code_key AND m.status = 'PUBLISHED'
            AND daterange(m.valid_from, m.valid_to, '[)') && daterange(s.valid_from, (s.doc->>'validTo')::date, '[)'))
      ) p ORDER BY line, field`);
    return rows.map(({ line, field, message }) => ({ line, field, message }));
  }

  /** Domains of the mappings that change (the concept's, or the system's kind for UNMAPPED), with a line of each. */
  domainsTouched(manager: EntityManager): Promise<{ domain: string | null; line: number; published: boolean }[]> {
    return manager.query(`
      SELECT DISTINCT ON (s.domain, published) s.domain, s.line, published FROM (
        SELECT s.*, EXISTS (SELECT 1 FROM mapping m WHERE m.id = s.id AND m.status = 'PUBLISHED') AS published FROM import_mapping s WHERE s.action <> 'UNCHANGED'
      ) s ORDER BY s.domain, published, s.ord`);
  }

  async counts(manager: EntityManager): Promise<Omit<ImportCounts, 'proposed'>> {
    const [row]: Omit<ImportCounts, 'proposed'>[] = await manager.query(`
      SELECT count(*) FILTER (WHERE action = 'CREATE')::int AS created, count(*) FILTER (WHERE action = 'UPDATE')::int AS updated,
        count(*) FILTER (WHERE action = 'UNCHANGED')::int AS unchanged FROM import_mapping`);
    return row;
  }

  /** Writes the differences; new mappings are PUBLISHED in `publishable` domains and IN_REVIEW elsewhere. */
  async apply(manager: EntityManager, principal: string, reason: string, publishable: string[] | null): Promise<void> {
    await manager.query(
      `INSERT INTO mapping (id, system_code, local_code, local_label, concept_id, relation, valid_from, valid_to, note, status, justification, confidence, author)
       SELECT s.id, s.system, a->>'localCode', a->>'localLabel', c.id, a->>'relation', (a->>'validFrom')::date, (a->>'validTo')::date, a->>'note',
         CASE WHEN $2::text[] IS NULL OR s.domain = ANY($2::text[]) THEN 'PUBLISHED' ELSE 'IN_REVIEW' END, a->>'justification', (a->>'confidence')::numeric, $1
       FROM import_mapping s CROSS JOIN LATERAL (SELECT ${AFTER} AS a) x LEFT JOIN concept c ON c.code = a->>'concept'
       WHERE s.action = 'CREATE' ORDER BY s.ord`,
      [principal, publishable],
    );
    await manager.query(`
      UPDATE mapping m SET local_code = a->>'localCode', local_label = a->>'localLabel', concept_id = (SELECT id FROM concept WHERE code = a->>'concept'),
        relation = a->>'relation', valid_to = (a->>'validTo')::date, note = a->>'note', justification = a->>'justification',
        confidence = (a->>'confidence')::numeric, version = m.version + 1, updated_at = now()
      FROM import_mapping s CROSS JOIN LATERAL (SELECT ${AFTER} AS a) x
      WHERE s.action = 'UPDATE' AND m.id = s.id`);
    await this.changeLog.recordSelected(
      manager,
      `SELECT $1, 'MAPPING', s.id::text, s.system || '/' || (s.doc->>'localCode'), s.domain, s.action, s.before, ${AFTER}, $2
       FROM import_mapping s WHERE s.action IN ('CREATE', 'UPDATE') ORDER BY s.ord`,
      [principal, reason],
    );
  }
}
