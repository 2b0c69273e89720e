import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ChangeLogRepository } from '@lexique/database';
import { ConceptRecord, DomainRecord, SourcePosition } from '../records';
import { ImportCounts, ImportProblem } from './import-report';

export interface StagedConcept {
  at: SourcePosition;
  record: Partial<ConceptRecord> & { code: string };
}

/** A concept whose status changes, or which is published, for the publication policy to judge. */
export interface StatusChange {
  line: number | null;
  subject: string | null;
  code: string;
  domain: string;
  from: string;
  to: string;
}

/** Empty values of a concept: what a new concept has for the fields the file leaves out. */
const DEFAULTS = `'{"status":"DRAFT","prefLabel":{},"altLabels":{},"acronyms":[],"hiddenLabels":[],"definition":{},"scopeNote":{},"source":null,"broader":[],"related":[],"replacedBy":null}'::jsonb`;

/** The concept as a record (the shape of imports and change rows), relations by code, sorted. */
const SNAPSHOT = `jsonb_build_object(
  'code', c.code, 'domain', c.domain_code, 'status', c.status, 'prefLabel', c.pref_label, 'altLabels', c.alt_labels,
  'acronyms', to_jsonb(c.acronyms), 'hiddenLabels', to_jsonb(c.hidden_labels), 'definition', c.definition,
  'scopeNote', c.scope_note, 'source', c.source,
  'broader', COALESCE((SELECT jsonb_agg(b.code ORDER BY b.code) FROM concept_broader cb JOIN concept b ON b.id = cb.broader_id WHERE cb.concept_id = c.id), '[]'),
  'related', COALESCE((SELECT jsonb_agg(r.code ORDER BY r.code) FROM concept_related cr JOIN concept r ON r.id = cr.related_id WHERE cr.concept_id = c.id), '[]'),
  'replacedBy', (SELECT code FROM concept WHERE id = c.replaced_by_id))`;

const PROBLEM_COLUMNS = `line, subject, field, message`;

/**
 * The SQL of a concept import. Rows are staged in temporary tables of the
 * import's transaction, so that Node's memory stays flat whatever the file
 * size; references, cycles and differences are then found in a few set-based
 * statements, and the writes done in a few more.
 */
@Injectable()
export class ConceptStagingRepository {
  constructor(private readonly changeLog: ChangeLogRepository) {}

  async create(manager: EntityManager): Promise<void> {
    await manager.query(
      `CREATE TEMP TABLE import_domain (line int, subject text, code text, doc jsonb, before jsonb, action text) ON COMMIT DROP`,
    );
    await manager.query(`
      CREATE TEMP TABLE import_concept (
        ord serial, line int, subject text, code text, doc jsonb,
        id uuid, before jsonb, after jsonb, action text
      ) ON COMMIT DROP`);
    await manager.query(
      `CREATE TEMP TABLE import_link (kind text, code text, target text, line int, subject text, field text) ON COMMIT DROP`,
    );
  }

  async stageDomains(manager: EntityManager, domains: { at: SourcePosition; record: DomainRecord }[]): Promise<void> {
    if (!domains.length) return;
    await manager.query(
      `INSERT INTO import_domain (line, subject, code, doc) SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::jsonb[])`,
      [
        domains.map((d) => d.at.line ?? null),
        domains.map((d) => d.at.subject ?? null),
        domains.map((d) => d.record.code),
        domains.map((d) => JSON.stringify(d.record)),
      ],
    );
  }

  async stage(manager: EntityManager, concepts: StagedConcept[]): Promise<void> {
    if (!concepts.length) return;
    // one JSON parameter per batch: PostgreSQL parses it much faster than arrays of as many elements
    await manager.query(
      `INSERT INTO import_concept (line, subject, code, doc)
       SELECT (e->>'l')::int, e->>'s', e->'d'->>'code', e->'d' FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS x(e, ordinality) ORDER BY ordinality`,
      [JSON.stringify(concepts.map((c) => ({ l: c.at.line ?? null, s: c.at.subject ?? null, d: c.record })))],
    );
  }

  /**
   * Completes every staged concept with the current values of the fields the
   * file leaves out, closes relations (narrower becomes broader of the other
   * side, related is symmetric within the file) and finds what is wrong.
   */
  /** `publishable`: domains where the importer may publish, null for all (admins). */
  async resolve(manager: EntityManager, publishable: string[] | null): Promise<ImportProblem[]> {
    await manager.query(`CREATE INDEX ON import_concept (code)`);
    await manager.query(`ANALYZE import_concept`);
    await manager.query(
      `UPDATE import_domain s SET before = jsonb_build_object('code', d.code, 'label', d.label, 'description', d.description) FROM domain d WHERE d.code = s.code`,
    );
    await manager.query(
      `UPDATE import_domain SET action = CASE WHEN before IS NULL THEN 'CREATE' WHEN before = doc THEN 'UNCHANGED' ELSE 'UPDATE' END`,
    );
    await manager.query(`UPDATE import_concept s SET id = c.id, before = ${SNAPSHOT} FROM concept c WHERE c.code = s.code`);
    await manager.query(`UPDATE import_concept SET after = ${DEFAULTS} || COALESCE(before, '{}') || (doc - 'narrower')`);
    // a concept new to the dictionary arrives for review where the importer may not publish
    await manager.query(
      `UPDATE import_concept SET after = after || '{"status":"IN_REVIEW"}'
       WHERE before IS NULL AND after->>'status' = 'PUBLISHED' AND $1::text[] IS NOT NULL AND NOT (after->>'domain' = ANY($1::text[]))`,
      [publishable],
    );

    await manager.query(`
      INSERT INTO import_link (kind, code, target, line, subject, field)
      SELECT 'broader', s.code, b.value, s.line, s.subject, 'broader' FROM import_concept s, jsonb_array_elements_text(s.after->'broader') b
      UNION ALL
      SELECT 'broader', n.value, s.code, s.line, s.subject, 'narrower' FROM import_concept s, jsonb_array_elements_text(s.doc->'narrower') n
      UNION ALL
      SELECT 'related', s.code, r.value, s.line, s.subject, 'related' FROM import_concept s, jsonb_array_elements_text(s.after->'related') r
      UNION ALL
      SELECT 'related', r.value, s.code, s.line, s.subject, 'related' FROM import_concept s, jsonb_array_elements_text(s.after->'related') r
        WHERE EXISTS (SELECT 1 FROM import_concept o WHERE o.code = r.value)`);
    await manager.query(`CREATE INDEX ON import_link (code, kind)`);
    await manager.query(`ANALYZE import_link`);
    await manager.query(`
      UPDATE import_concept s SET after = s.after
        || jsonb_build_object('broader', COALESCE((SELECT jsonb_agg(DISTINCT l.target ORDER BY l.target) FROM import_link l WHERE l.code = s.code AND l.kind = 'broader'), '[]'))
        || jsonb_build_object('related', COALESCE((SELECT jsonb_agg(DISTINCT l.target ORDER BY l.target) FROM import_link l WHERE l.code = s.code AND l.kind = 'related'), '[]'))`);
    await manager.query(`
      UPDATE import_concept SET action = CASE WHEN before IS NULL THEN 'CREATE' WHEN before = after THEN 'UNCHANGED' ELSE 'UPDATE' END,
        id = COALESCE(id, gen_random_uuid())`);
    return this.problems(manager);
  }

  private async problems(manager: EntityManager): Promise<ImportProblem[]> {
    const rows: ImportProblem[] = await manager.query(`
      -- the same code twice in the file
      SELECT ${PROBLEM_COLUMNS} FROM (
        SELECT s.line, s.subject, 'code' AS field, format('The concept %s is already in the file (first at %s)', s.code, COALESCE('line ' || f.line, f.subject)) AS message, s.ord
        FROM import_concept s JOIN LATERAL (SELECT line, subject FROM import_concept o WHERE o.code = s.code ORDER BY o.ord LIMIT 1) f ON true
        WHERE EXISTS (SELECT 1 FROM import_concept o WHERE o.code = s.code AND o.ord < s.ord)
      UNION ALL
        SELECT s.line, s.subject, 'domain', format('Unknown domain "%s"', s.after->>'domain'), s.ord FROM import_concept s
        WHERE NOT EXISTS (SELECT 1 FROM domain d WHERE d.code = s.after->>'domain') AND NOT EXISTS (SELECT 1 FROM import_domain d WHERE d.code = s.after->>'domain')
      UNION ALL
        SELECT s.line, s.subject, 'prefLabel@fr', 'Every concept has a French preferred label', s.ord FROM import_concept s
        WHERE s.after->'prefLabel'->>'fr' IS NULL AND NOT (s.doc ? 'prefLabel')
      UNION ALL
        SELECT s.line, s.subject, 'domain', format('%s is in domain %s: a concept does not change domain', s.code, s.before->>'domain'), s.ord FROM import_concept s
        WHERE s.before IS NOT NULL AND s.before->>'domain' <> s.after->>'domain'
      UNION ALL
        SELECT l.line, l.subject, l.field, format('Unknown concept "%s"', CASE WHEN l.field = 'narrower' THEN l.code ELSE l.target END), 0
        FROM import_link l
        WHERE NOT EXISTS (SELECT 1 FROM import_concept o WHERE o.code = CASE WHEN l.field = 'narrower' THEN l.code ELSE l.target END)
          AND NOT EXISTS (SELECT 1 FROM concept c WHERE c.code = CASE WHEN l.field = 'narrower' THEN l.code ELSE l.target END)
      UNION ALL
        SELECT l.line, l.subject, 'narrower', format('%s is not in the file: state the link as its broader concept instead', l.code), 0
        FROM import_link l
        WHERE l.field = 'narrower' AND NOT EXISTS (SELECT 1 FROM import_concept o WHERE o.code = l.code) AND EXISTS (SELECT 1 FROM concept c WHERE c.code = l.code)
      UNION ALL
        SELECT l.line, l.subject, l.field, format('A broader concept must be in the same domain (%s is in %s, %s in %s)', l.target, t.domain, l.code, o.domain), 0
        FROM import_link l
        JOIN LATERAL (SELECT COALESCE((SELECT after->>'domain' FROM import_concept WHERE code = l.code LIMIT 1), (SELECT domain_code FROM concept WHERE code = l.code)) AS domain) o ON true
        JOIN LATERAL (SELECT COALESCE((SELECT after->>'domain' FROM import_concept WHERE code = l.target LIMIT 1), (SELECT domain_code FROM concept WHERE code = l.target)) AS domain) t ON true
        WHERE l.kind = 'broader' AND o.domain <> t.domain
      UNION ALL
        SELECT s.line, s.subject, 'replacedBy', format('Unknown concept "%s"', s.after->>'replacedBy'), s.ord FROM import_concept s
        WHERE s.after->>'replacedBy' IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM import_concept o WHERE o.code = s.after->>'replacedBy') AND NOT EXISTS (SELECT 1 FROM concept c WHERE c.code = s.after->>'replacedBy')
      UNION ALL
        SELECT s.line, s.subject, 'replacedBy', 'Only a DEPRECATED concept names a successor', s.ord FROM import_concept s
        WHERE s.after->>'replacedBy' IS NOT NULL AND s.after->>'status' <> 'DEPRECATED'
      UNION ALL
        SELECT s.line, s.subject, 'replacedBy', format('The successor %s is %s: a deprecated concept is replaced by a published one', o.code, o.status), s.ord
        FROM import_concept s
        JOIN LATERAL (SELECT code, COALESCE((SELECT after->>'status' FROM import_concept WHERE code = s.after->>'replacedBy' LIMIT 1), (SELECT status FROM concept WHERE code = s.after->>'replacedBy')) AS status
                      FROM (SELECT s.after->>'replacedBy' AS code) x) o ON true
        WHERE o.code IS NOT NULL AND o.status IS NOT NULL AND o.status <> 'PUBLISHED'
      ) p ORDER BY line NULLS LAST, subject, field`);
    return [...rows.map(clean), ...(await this.cycles(manager))];
  }

  /** Broader links that close a cycle, over the dictionary as it would be after the import. */
  private async cycles(manager: EntityManager): Promise<ImportProblem[]> {
    const rows: ImportProblem[] = await manager.query(`
      WITH RECURSIVE edge AS (
        SELECT code, target FROM import_link WHERE kind = 'broader'
        UNION ALL
        SELECT c.code, b.code FROM concept_broader cb JOIN concept c ON c.id = cb.concept_id JOIN concept b ON b.id = cb.broader_id
        WHERE NOT EXISTS (SELECT 1 FROM import_concept s WHERE s.code = c.code)
      ), walk AS (
        SELECT s.code AS start, e.target AS node, 1 AS depth FROM import_concept s JOIN edge e ON e.code = s.code
        UNION
        SELECT w.start, e.target, w.depth + 1 FROM walk w JOIN edge e ON e.code = w.node WHERE w.node <> w.start AND w.depth < 50
      )
      SELECT DISTINCT s.line, s.subject, 'broader' AS field, format('%s would be broader than itself (a cycle of broader concepts)', s.code) AS message
      FROM walk w JOIN import_concept s ON s.code = w.start WHERE w.node = w.start
      ORDER BY 1, 2`);
    return rows.map(clean);
  }

  /** Concepts whose status changes (new ones count as drafts), and changed public ones, for the publication policy. */
  statusChanges(manager: EntityManager, onlyStatusChanges: boolean): Promise<StatusChange[]> {
    return manager.query(
      `SELECT line, subject, code, after->>'domain' AS domain, COALESCE(before->>'status', 'DRAFT') AS "from", after->>'status' AS "to"
       FROM import_concept
       WHERE (action = 'UPDATE' AND (before->>'status' <> after->>'status' OR (NOT $1 AND before->>'status' IN ('PUBLISHED', 'DEPRECATED'))))
         -- a new concept arriving deprecated is published and deprecated at once
         OR (action = 'CREATE' AND after->>'status' = 'DEPRECATED')
       ORDER BY ord`,
      [onlyStatusChanges],
    );
  }

  /** Schemes of the file that would create or change a domain. */
  changedDomains(manager: EntityManager): Promise<{ code: string; line: number | null; subject: string | null }[]> {
    return manager.query(`SELECT code, line, subject FROM import_domain WHERE action <> 'UNCHANGED' ORDER BY code`);
  }

  /** The domains of the concepts that change, with the first row of each (for permissions). */
  async domainsTouched(manager: EntityManager): Promise<{ domain: string; line: number | null; subject: string | null }[]> {
    return manager.query(
      `SELECT DISTINCT ON (after->>'domain') after->>'domain' AS domain, line, subject FROM import_concept WHERE action <> 'UNCHANGED' ORDER BY after->>'domain', ord`,
    );
  }

  async counts(manager: EntityManager): Promise<{ domains: ImportCounts; concepts: ImportCounts; sentToReview: number }> {
    const [row]: Record<string, number>[] = await manager.query(`
      SELECT
        (SELECT count(*) FILTER (WHERE action = 'CREATE') FROM import_domain)::int AS dc,
        (SELECT count(*) FILTER (WHERE action = 'UPDATE') FROM import_domain)::int AS du,
        (SELECT count(*) FILTER (WHERE action = 'UNCHANGED') FROM import_domain)::int AS dn,
        (SELECT count(*) FILTER (WHERE action = 'CREATE') FROM import_concept)::int AS cc,
        (SELECT count(*) FILTER (WHERE action = 'UPDATE') FROM import_concept)::int AS cu,
        (SELECT count(*) FILTER (WHERE action = 'UNCHANGED') FROM import_concept)::int AS cn,
        (SELECT count(*) FILTER (WHERE action = 'CREATE' AND after->>'status' = 'IN_REVIEW' AND doc->>'status' = 'PUBLISHED') FROM import_concept)::int AS review`);
    return {
      domains: { created: row.dc, updated: row.du, unchanged: row.dn },
      concepts: { created: row.cc, updated: row.cu, unchanged: row.cn },
      sentToReview: row.review,
    };
  }

  /** Writes the differences and their change rows. */
  async apply(manager: EntityManager, principal: string, reason: string): Promise<void> {
    await manager.query(`
      INSERT INTO domain (code, label, description)
      SELECT code, doc->'label', doc->'description' FROM import_domain WHERE action = 'CREATE'`);
    await manager.query(`
      UPDATE domain d SET label = s.doc->'label', description = s.doc->'description', version = d.version + 1, updated_at = now()
      FROM import_domain s WHERE s.action = 'UPDATE' AND d.code = s.code`);
    await this.changeLog.recordSelected(
      manager,
      `SELECT $1, 'DOMAIN', code, code, code, action, before, doc, $2 FROM import_domain WHERE action IN ('CREATE', 'UPDATE')`,
      [principal, reason],
    );

    // deprecated concepts are written without their successor first: it may be created by this same import
    // the importer is the last editor: the four-eyes rule then keeps them from approving their own imports
    await manager.query(
      `
      INSERT INTO concept (id, code, domain_code, status, pref_label, alt_labels, hidden_labels, acronyms, definition, scope_note, source, last_editor, first_published_at)
      SELECT id, code, after->>'domain', after->>'status', after->'prefLabel', after->'altLabels',
        ARRAY(SELECT jsonb_array_elements_text(after->'hiddenLabels')), ARRAY(SELECT jsonb_array_elements_text(after->'acronyms')),
        after->'definition', after->'scopeNote', after->>'source', $1,
        CASE WHEN after->>'status' IN ('PUBLISHED', 'DEPRECATED') THEN now() END
      FROM import_concept WHERE action = 'CREATE' ORDER BY ord`,
      [principal],
    );
    await manager.query(
      `
      UPDATE concept c SET status = s.after->>'status', pref_label = s.after->'prefLabel', alt_labels = s.after->'altLabels',
        hidden_labels = ARRAY(SELECT jsonb_array_elements_text(s.after->'hiddenLabels')), acronyms = ARRAY(SELECT jsonb_array_elements_text(s.after->'acronyms')),
        definition = s.after->'definition', scope_note = s.after->'scopeNote', source = s.after->>'source', replaced_by_id = NULL,
        last_editor = $1, first_published_at = coalesce(c.first_published_at, CASE WHEN s.after->>'status' IN ('PUBLISHED', 'DEPRECATED') THEN now() END),
        version = c.version + 1, updated_at = now()
      FROM import_concept s WHERE s.action = 'UPDATE' AND c.id = s.id`,
      [principal],
    );
    await manager.query(`
      DELETE FROM concept_broader WHERE concept_id IN (SELECT id FROM import_concept WHERE action <> 'UNCHANGED')`);
    await manager.query(`
      INSERT INTO concept_broader (concept_id, broader_id)
      SELECT s.id, b.id FROM import_concept s, jsonb_array_elements_text(s.after->'broader') t JOIN concept b ON b.code = t.value
      WHERE s.action <> 'UNCHANGED' ON CONFLICT DO NOTHING`);
    await manager.query(`
      DELETE FROM concept_related WHERE concept_id IN (SELECT id FROM import_concept WHERE action <> 'UNCHANGED')
        OR related_id IN (SELECT id FROM import_concept WHERE action <> 'UNCHANGED')`);
    await manager.query(`
      INSERT INTO concept_related (concept_id, related_id)
      SELECT a, b FROM (
        SELECT s.id AS a, r.id AS b FROM import_concept s, jsonb_array_elements_text(s.after->'related') t JOIN concept r ON r.code = t.value WHERE s.action <> 'UNCHANGED'
        UNION
        SELECT r.id, s.id FROM import_concept s, jsonb_array_elements_text(s.after->'related') t JOIN concept r ON r.code = t.value WHERE s.action <> 'UNCHANGED'
      ) pairs ON CONFLICT DO NOTHING`);
    await manager.query(`
      UPDATE concept c SET replaced_by_id = r.id FROM import_concept s JOIN concept r ON r.code = s.after->>'replacedBy'
      WHERE s.action <> 'UNCHANGED' AND c.id = s.id`);
    await this.changeLog.recordSelected(
      manager,
      `SELECT $1, 'CONCEPT', id::text, code, after->>'domain', action, before, after, $2 FROM import_concept WHERE action IN ('CREATE', 'UPDATE') ORDER BY ord`,
      [principal, reason],
    );
  }
}

function clean(row: ImportProblem): ImportProblem {
  const problem: ImportProblem = { field: row.field, message: row.message };
  if (row.line !== null && row.line !== undefined) problem.line = row.line;
  if (row.subject !== null && row.subject !== undefined) problem.subject = row.subject;
  return problem;
}
