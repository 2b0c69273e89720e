import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ConceptStatus } from '@lexique/vocabulary';
import { MappingStatus } from '../mappings/mapping-relation';
import { mappingFromRow, MappingRow } from '../mappings/mapping-row';
import { MappingEntity } from '../mappings/mapping.entity';
import { MappingContent } from './mapping-input';
import { MappingSnapshot } from './mapping-snapshot';

/** Who reviews a mapping: the domain it belongs to, and whether that domain needs a second person. */
export interface MappingDomain {
  domain: string | null;
  requiresReview: boolean;
}

export interface ConceptTarget extends MappingDomain {
  id: string;
  code: string;
  status: ConceptStatus;
}

export interface StoredMapping extends MappingDomain {
  entity: MappingEntity;
  snapshot: MappingSnapshot;
  pending: { id: string; proposed: MappingSnapshot; author: string } | null;
}

/** The columns a write sets (besides identity and version). */
export interface MappingColumns {
  conceptId: string | null;
  content: MappingContent;
  status: MappingStatus;
  author: string | null;
  reviewer: string | null;
}

interface StoredRow extends MappingDomain {
  row: MappingRow;
  concept: string | null;
  pending_id: string | null;
  proposed: MappingSnapshot | null;
  pending_author: string | null;
}

/**
 * The SQL of mapping writes: set-based (one statement per kind of write
 * whatever the number of mappings), in the caller's transaction.
 */
@Injectable()
export class MappingWriterRepository {
  /**
   * Serialises writers of the same local codes (of any status: drafts are not
   * covered by the exclusion constraint), in one global order so that two
   * bulk writes sharing codes take turns instead of deadlocking.
   */
  async lockCodes(manager: EntityManager, codes: readonly { system: string; key: string }[]): Promise<void> {
    if (codes.length === 0) return;
    await manager.query(
      `SELECT pg_advisory_xact_lock(k) FROM (
         SELECT DISTINCT hashtextextended('lexique:mapping:' || s || '/' || c, 0) AS k
         FROM unnest($1::text[], $2::text[]) AS t(s, c) ORDER BY k OFFSET 0
       ) ordered`,
      [codes.map((c) => c.system), codes.map((c) => c.key)],
    );
  }

  /** Systems by code, with the domain their UNMAPPED codes belong to (the one named like their kind). */
  async systems(manager: EntityManager, codes: readonly string[]): Promise<Map<string, MappingDomain>> {
    const rows: (MappingDomain & { code: string })[] = await manager.query(
      `SELECT s.code, d.code AS domain, COALESCE(d.requires_review, true) AS "requiresReview"
       FROM information_system s LEFT JOIN domain d ON d.code = s.kind WHERE s.code = ANY($1)`,
      [codes],
    );
    return new Map(rows.map(({ code, ...domain }) => [code, domain]));
  }

  async concepts(manager: EntityManager, codes: readonly string[]): Promise<Map<string, ConceptTarget>> {
    if (codes.length === 0) return new Map();
    const rows: ConceptTarget[] = await manager.query(
      `SELECT c.id, c.code, c.status, c.domain_code AS domain, d.requires_review AS "requiresReview"
       FROM concept c JOIN domain d ON d.code = c.domain_code WHERE c.code = ANY($1)`,
      [codes],
    );
    return new Map(rows.map((row) => [row.code, row]));
  }

  /** Every mapping (all statuses and periods) of these local codes, with its domain and pending revision. */
  async existing(manager: EntityManager, codes: readonly { system: string; key: string }[]): Promise<StoredMapping[]> {
    if (codes.length === 0) return [];
    const rows: StoredRow[] = await manager.query(
      `SELECT to_jsonb(m) AS row, c.code AS concept,
              CASE WHEN c.id IS NULL THEN kd.code ELSE c.domain_code END AS domain,
              CASE WHEN c.id IS NULL THEN COALESCE(kd.requires_review, true) ELSE cd.requires_review END AS "requiresReview",
              r.id AS pending_id, r.proposed, r.author AS pending_author
       FROM mapping m
       JOIN information_system s ON s.code = m.system_code
       LEFT JOIN concept c ON c.id = m.concept_id
       LEFT JOIN domain cd ON cd.code = c.domain_code
       LEFT JOIN domain kd ON kd.code = s.kind
       LEFT JOIN revision r ON r.entity_type = 'MAPPING' AND r.entity_id = m.id AND r.status = 'PENDING'
       WHERE (m.system_code, m.local_code_key) IN (SELECT * FROM unnest($1::text[], $2::text[]))
       ORDER BY m.system_code, m.local_code_key, m.valid_from NULLS FIRST`,
      [codes.map((c) => c.system), codes.map((c) => c.key)],
    );
    return rows.map((r) => ({
      entity: mappingFromRow(r.row),
      snapshot: snapshotOf(r.row, r.concept),
      domain: r.domain,
      requiresReview: r.requiresReview,
      pending: r.pending_id ? { id: r.pending_id, proposed: r.proposed!, author: r.pending_author! } : null,
    }));
  }

  /**
   * Mappings IN_REVIEW and published ones with a pending revision, in these
   * domains (all when null), oldest change first.
   */
  async awaitingReview(manager: EntityManager, domains: string[] | null, system: string | null, limit: number): Promise<MappingEntity[]> {
    const rows: { row: MappingRow }[] = await manager.query(
      `SELECT to_jsonb(m) AS row FROM mapping m
       JOIN information_system s ON s.code = m.system_code
       LEFT JOIN concept c ON c.id = m.concept_id
       LEFT JOIN domain kd ON kd.code = s.kind
       LEFT JOIN revision r ON r.entity_type = 'MAPPING' AND r.entity_id = m.id AND r.status = 'PENDING'
       WHERE (m.status = 'IN_REVIEW' OR r.id IS NOT NULL)
         AND ($1::text[] IS NULL OR COALESCE(c.domain_code, kd.code) = ANY($1))
         AND ($2::text IS NULL OR m.system_code = $2)
       ORDER BY COALESCE(r.updated_at, m.updated_at), m.id
       LIMIT $3`,
      [domains, system, limit],
    );
    return rows.map((r) => mappingFromRow(r.row));
  }

  async insert(manager: EntityManager, rows: readonly ({ system: string; localCode: string } & MappingColumns)[]): Promise<MappingRow[]> {
    if (rows.length === 0) return [];
    const returned: { row: MappingRow }[] = await manager.query(
      `INSERT INTO mapping (system_code, local_code, concept_id, local_label, relation, valid_from, valid_to, note, justification,
                            confidence, status, author, reviewer)
       SELECT t.system, t.code, t.concept, ${CONTENT_COLUMNS_FROM_T}, t.status, t.author, t.reviewer
       FROM unnest($1::text[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::date[], $7::date[], $8::text[], $9::text[],
                   $10::numeric[], $11::text[], $12::text[], $13::text[])
         AS t(system, code, concept, label, relation, valid_from, valid_to, note, justification, confidence, status, author, reviewer)
       RETURNING to_jsonb(mapping) AS row`,
      [rows.map((r) => r.system), rows.map((r) => r.localCode), ...columnArrays(rows)],
    );
    return returned.map((r) => r.row);
  }

  /**
   * The optimistic lock, for many rows at once: writes a row only if it is
   * still at the version named, and bumps it. Returns the rows written; the
   * caller compares the count with what it asked.
   */
  async update(manager: EntityManager, rows: readonly ({ id: string; version: number } & MappingColumns)[]): Promise<MappingRow[]> {
    if (rows.length === 0) return [];
    // UPDATE answers [rows, count] through TypeORM.
    const [returned]: [{ row: MappingRow }[], number] = await manager.query(
      `UPDATE mapping m SET concept_id = t.concept, local_label = t.label, relation = t.relation, valid_from = t.valid_from,
              valid_to = t.valid_to, note = t.note, justification = t.justification, confidence = t.confidence, status = t.status,
              author = t.author, reviewer = t.reviewer, version = m.version + 1, updated_at = now()
       FROM unnest($1::uuid[], $2::int[], $3::uuid[], $4::text[], $5::text[], $6::date[], $7::date[], $8::text[], $9::text[],
                   $10::numeric[], $11::text[], $12::text[], $13::text[])
         AS t(id, version, concept, label, relation, valid_from, valid_to, note, justification, confidence, status, author, reviewer)
       WHERE m.id = t.id AND m.version = t.version
       RETURNING to_jsonb(m) AS row`,
      [rows.map((r) => r.id), rows.map((r) => r.version), ...columnArrays(rows)],
    );
    return returned.map((r) => r.row);
  }

  /** Moves only the lock of these rows (a proposal or a decision on one changes no column readers see). */
  async bumpVersions(manager: EntityManager, rows: readonly { id: string; version: number }[]): Promise<MappingRow[]> {
    if (rows.length === 0) return [];
    // UPDATE answers [rows, count] through TypeORM.
    const [returned]: [{ row: MappingRow }[], number] = await manager.query(
      `UPDATE mapping m SET version = m.version + 1 FROM unnest($1::uuid[], $2::int[]) AS t(id, version)
       WHERE m.id = t.id AND m.version = t.version RETURNING to_jsonb(m) AS row`,
      [rows.map((r) => r.id), rows.map((r) => r.version)],
    );
    return returned.map((r) => r.row);
  }

  async delete(manager: EntityManager, id: string, version: number): Promise<boolean> {
    const [rows]: [unknown[], number] = await manager.query(`DELETE FROM mapping WHERE id = $1 AND version = $2 RETURNING id`, [
      id,
      version,
    ]);
    return rows.length > 0;
  }

  /** Creates or replaces the pending revision of each mapping: the last author is who a reviewer must differ from. */
  async propose(
    manager: EntityManager,
    proposals: readonly { id: string; proposed: MappingSnapshot }[],
    author: string,
    reason: string | null,
  ): Promise<void> {
    if (proposals.length === 0) return;
    await manager.query(
      `INSERT INTO revision (entity_type, entity_id, proposed, author, reason)
       SELECT 'MAPPING', t.id, t.proposed, $3, $4 FROM unnest($1::uuid[], $2::jsonb[]) AS t(id, proposed)
       ON CONFLICT (entity_type, entity_id) WHERE status = 'PENDING'
       DO UPDATE SET proposed = EXCLUDED.proposed, author = EXCLUDED.author, reason = EXCLUDED.reason, updated_at = now()`,
      [proposals.map((p) => p.id), proposals.map((p) => JSON.stringify(p.proposed)), author, reason],
    );
  }
}

const CONTENT_COLUMNS_FROM_T = `t.label, t.relation, t.valid_from, t.valid_to, t.note, t.justification, t.confidence`;

function columnArrays(rows: readonly MappingColumns[]): unknown[] {
  return [
    rows.map((r) => r.conceptId),
    rows.map((r) => r.content.localLabel),
    rows.map((r) => r.content.relation),
    rows.map((r) => r.content.validFrom),
    rows.map((r) => r.content.validTo),
    rows.map((r) => r.content.note),
    rows.map((r) => r.content.justification),
    rows.map((r) => r.content.confidence),
    rows.map((r) => r.status),
    rows.map((r) => r.author),
    rows.map((r) => r.reviewer),
  ];
}

/** The change-log snapshot of a stored row whose concept has this code. */
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
