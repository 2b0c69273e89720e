import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ChangeLogRepository } from '@lexique/database';
import { CONCEPT_SNAPSHOT_SQL } from '../concepts/concept-snapshot';
import { ConceptStatus } from '../concepts/concept-status';
import { ConceptAction } from '../concepts/concept-status.machine';
import {
  CHECKED_WRITES,
  ResolvedWrite,
  ROW_WRITES,
  WriteCounts,
  WriteDecision,
  WriteEffect,
  WriteIntent,
  WriteOutcome,
} from './concept-write';
import { WriteProblem } from './write-problem';

/** A write as staged: the request, already checked field by field. */
export interface StagedWrite {
  ord: number;
  line: number | null;
  subject: string | null;
  intent: WriteIntent;
  code: string;
  newCode: string | null;
  domain: string | null;
  version: number | null;
  patch: object;
  action: ConceptAction | null;
  status: ConceptStatus | null;
  replacedBy: string | null;
  replacedByGiven: boolean;
}

/** A new concept before its patch: every field empty. */
const EMPTY = `jsonb_build_object('code', w.code, 'domain', w.domain, 'status', w.target_status, 'prefLabel', '{}'::jsonb,
  'altLabels', '{}'::jsonb, 'hiddenLabels', '[]'::jsonb, 'acronyms', '[]'::jsonb, 'definition', '{}'::jsonb, 'scopeNote', '{}'::jsonb,
  'source', NULL, 'broader', '[]'::jsonb, 'related', '[]'::jsonb, 'replacedBy', NULL)`;

/** What a content change is measured against: a published concept's pending proposal when an edit builds on it. */
const BASE = `CASE WHEN w.intent = 'UPDATE' AND w.current_status = 'PUBLISHED' THEN COALESCE(w.pending, w.before) ELSE w.before END`;

/** Rows staged per statement: big enough to amortise round trips, small enough to keep memory flat. */
export const STAGE_BATCH = 5000;

/**
 * The SQL of the one writer of concepts. A write is staged in a temporary
 * table of the caller's transaction (`concept_write`, one row per concept
 * named), resolved against the dictionary under the domain locks, decided
 * (the status machine and the access policy run in Node over the resolved
 * rows), checked against every integrity rule in a few set-based statements,
 * then applied in a few more. The same statements serve one edit and an
 * import of a hundred thousand concepts.
 */
@Injectable()
export class ConceptWriteRepository {
  constructor(private readonly changeLog: ChangeLogRepository) {}

  async create(manager: EntityManager): Promise<void> {
    await manager.query(`DROP TABLE IF EXISTS concept_write`);
    await manager.query(`
      CREATE TEMP TABLE concept_write (
        ord int PRIMARY KEY, line int, subject text,
        intent text NOT NULL, code text NOT NULL, new_code text, domain text, version int,
        patch jsonb NOT NULL, action text, status text, replaced_by text, replaced_by_given boolean NOT NULL,
        -- what the dictionary holds, read under the locks
        id uuid, current_domain text, current_status text, current_version int, last_editor text, first_published boolean,
        domain_exists boolean, requires_review boolean, before jsonb, pending_id uuid, pending jsonb, pending_author text,
        new_code_taken boolean, content_changes boolean,
        -- what the write does
        effect text, target_status text, after jsonb
      ) ON COMMIT DROP`);
  }

  async stage(manager: EntityManager, rows: readonly StagedWrite[]): Promise<void> {
    if (!rows.length) return;
    // one JSON parameter per batch: PostgreSQL parses it much faster than a dozen arrays of as many elements
    await manager.query(
      `INSERT INTO concept_write (ord, line, subject, intent, code, new_code, domain, version, patch, action, status, replaced_by, replaced_by_given)
       SELECT ord, line, subject, intent, code, "newCode", domain, version, patch, action, status, "replacedBy", "replacedByGiven"
       FROM jsonb_to_recordset($1::jsonb) AS t(ord int, line int, subject text, intent text, code text, "newCode" text, domain text,
         version int, patch jsonb, action text, status text, "replacedBy" text, "replacedByGiven" boolean)`,
      [JSON.stringify(rows)],
    );
  }

  /**
   * The domains a write must lock: those of the concepts it writes, and of
   * the concepts it links as related or unlinks (related links are stored on
   * both sides). A concept never changes domain, so this read needs no lock.
   */
  async domainsToLock(manager: EntityManager): Promise<string[]> {
    const rows: { code: string }[] = await manager.query(`
      SELECT DISTINCT d AS code FROM (
        SELECT COALESCE(c.domain_code, w.domain) AS d FROM concept_write w LEFT JOIN concept c ON c.code = w.code
        UNION ALL
        SELECT t.domain_code FROM concept_write w CROSS JOIN LATERAL jsonb_array_elements_text(w.patch -> 'related') r JOIN concept t ON t.code = r.value
        UNION ALL
        SELECT t.domain_code FROM concept_write w JOIN concept c ON c.code = w.code
          JOIN concept_related l ON l.concept_id = c.id JOIN concept t ON t.id = l.related_id
      ) d WHERE d IS NOT NULL ORDER BY 1`);
    return rows.map((row) => row.code);
  }

  /** Writers of a domain take turns: two cannot each add half of a cycle or the same label unseen. Always in code order. */
  async lockDomains(manager: EntityManager, codes: readonly string[]): Promise<void> {
    if (!codes.length) return;
    await manager.query(`SELECT code FROM domain WHERE code = ANY($1) ORDER BY code FOR UPDATE`, [codes]);
  }

  /** Reads, under the locks, what the dictionary holds for every concept the write names. */
  async resolve(manager: EntityManager): Promise<void> {
    await manager.query(`ANALYZE concept_write`);
    await manager.query(`
      UPDATE concept_write w SET id = c.id, current_domain = c.domain_code, current_status = c.status, current_version = c.version,
        last_editor = c.last_editor, first_published = c.first_published_at IS NOT NULL, before = ${CONCEPT_SNAPSHOT_SQL}
      FROM concept c WHERE c.code = w.code`);
    await manager.query(`
      UPDATE concept_write w SET domain_exists = d.code IS NOT NULL, requires_review = COALESCE(d.requires_review, true)
      FROM concept_write x LEFT JOIN domain d ON d.code = COALESCE(x.current_domain, x.domain) WHERE x.ord = w.ord`);
    await manager.query(`
      UPDATE concept_write w SET pending_id = r.id, pending = r.proposed, pending_author = r.author
      FROM revision r WHERE r.entity_type = 'CONCEPT' AND r.entity_id = w.id AND r.status = 'PENDING'`);
    await manager.query(`
      UPDATE concept_write w SET new_code_taken = EXISTS (SELECT 1 FROM concept c WHERE c.code = w.new_code AND c.id IS DISTINCT FROM w.id)
      WHERE w.new_code IS NOT NULL`);
    // links a file states from the other side: narrower (only between concepts of the write) and related, made symmetric
    await manager.query(`
      WITH inverse AS (
        SELECT n.value AS code, jsonb_agg(o.code) AS codes
        FROM concept_write o CROSS JOIN LATERAL jsonb_array_elements_text(o.patch -> 'narrower') n GROUP BY n.value
      )
      UPDATE concept_write w SET patch = w.patch || jsonb_build_object('broader', (
        SELECT jsonb_agg(DISTINCT x ORDER BY x) FROM (
          SELECT jsonb_array_elements_text(COALESCE(w.patch -> 'broader', w.before -> 'broader', '[]')) AS x
          UNION ALL SELECT jsonb_array_elements_text(i.codes)) s))
      FROM inverse i WHERE i.code = w.code`);
    await manager.query(`
      WITH inverse AS (
        SELECT r.value AS code, jsonb_agg(o.code) AS codes
        FROM concept_write o CROSS JOIN LATERAL jsonb_array_elements_text(o.patch -> 'related') r WHERE r.value <> o.code GROUP BY r.value
      )
      UPDATE concept_write w SET patch = w.patch || jsonb_build_object('related', (
        SELECT jsonb_agg(DISTINCT x ORDER BY x) FROM (
          SELECT jsonb_array_elements_text(COALESCE(w.patch -> 'related', w.before -> 'related', '[]')) AS x
          UNION ALL SELECT jsonb_array_elements_text(i.codes)) s))
      FROM inverse i WHERE i.code = w.code AND NOT (COALESCE(w.patch -> 'related', w.before -> 'related', '[]') @> i.codes)`);
    await manager.query(`
      UPDATE concept_write w SET content_changes = before IS NULL
        OR concept_patch(${BASE}, w.patch) IS DISTINCT FROM ${BASE}
        OR (w.replaced_by_given AND w.replaced_by IS DISTINCT FROM w.before ->> 'replacedBy')`);
  }

  /** Problems found before deciding: a code named twice, narrower links to concepts outside the write. */
  requestProblems(manager: EntityManager): Promise<WriteProblem[]> {
    return manager.query(`
      SELECT w.ord, 'code' AS field, 'DUPLICATE_IN_REQUEST' AS reason,
             format('%s is already named earlier in this write (%s)', w.code, COALESCE('line ' || f.line, f.subject, 'item ' || (f.ord + 1))) AS message,
             jsonb_build_object('concept', w.code) AS values
      FROM (SELECT ord, code, first_value(ord) OVER (PARTITION BY code ORDER BY ord) AS first FROM concept_write) w
        JOIN concept_write f ON f.ord = w.first
      WHERE w.ord <> w.first
      UNION ALL
      SELECT w.ord, 'narrower', CASE WHEN c.id IS NULL THEN 'UNKNOWN_CONCEPT' ELSE 'INVALID_VALUE' END,
             CASE WHEN c.id IS NULL THEN format('Unknown concept "%s"', n.value)
                  ELSE format('%s is not in this write: state the link as its broader concept instead', n.value) END,
             jsonb_build_object('concept', n.value)
      FROM concept_write w CROSS JOIN LATERAL jsonb_array_elements_text(w.patch -> 'narrower') n
        LEFT JOIN concept c ON c.code = n.value
      WHERE NOT EXISTS (SELECT 1 FROM concept_write o WHERE o.code = n.value)
      ORDER BY 1, 2`);
  }

  async resolved(manager: EntityManager): Promise<ResolvedWrite[]> {
    const rows: (Omit<ResolvedWrite, 'domainExists' | 'requiresReview' | 'firstPublished' | 'newCodeTaken' | 'contentChanges'> & {
      domainExists: boolean | null;
      requiresReview: boolean | null;
      firstPublished: boolean | null;
      newCodeTaken: boolean | null;
      contentChanges: boolean | null;
    })[] = await manager.query(`
      SELECT ord, intent, code, domain, id IS NOT NULL AS exists, COALESCE(current_domain, domain) AS "effectiveDomain",
        domain_exists AS "domainExists", requires_review AS "requiresReview", current_status AS status, version,
        current_version AS "currentVersion", last_editor AS "lastEditor", first_published AS "firstPublished",
        pending_author AS "pendingAuthor", action, status AS "requestedStatus", new_code AS "newCode",
        new_code_taken AS "newCodeTaken", content_changes AS "contentChanges", replaced_by_given AS "replacedByGiven"
      FROM concept_write ORDER BY ord`);
    return rows.map((row) => ({
      ...row,
      domainExists: row.domainExists === true,
      requiresReview: row.requiresReview !== false,
      firstPublished: row.firstPublished === true,
      newCodeTaken: row.newCodeTaken === true,
      contentChanges: row.contentChanges === true,
    }));
  }

  async recordDecisions(manager: EntityManager, decisions: readonly WriteDecision[]): Promise<void> {
    await manager.query(
      `UPDATE concept_write w SET effect = d.effect, target_status = d.status
       FROM unnest($1::int[], $2::text[], $3::text[]) AS d(ord, effect, status) WHERE w.ord = d.ord`,
      [decisions.map((d) => d.ord), decisions.map((d) => d.effect), decisions.map((d) => d.status)],
    );
    // what each concept will say once written; new concepts get their id now so that checks and links can name them
    await manager.query(`
      UPDATE concept_write w SET id = COALESCE(w.id, gen_random_uuid()), after = CASE w.effect
        WHEN 'CREATE' THEN concept_patch(${EMPTY}, w.patch)
          || jsonb_build_object('replacedBy', CASE WHEN w.target_status = 'DEPRECATED' THEN w.replaced_by END)
        WHEN 'UPDATE' THEN concept_patch(w.before, w.patch) || jsonb_build_object('code', COALESCE(w.new_code, w.code), 'status', w.target_status,
          'replacedBy', CASE WHEN w.target_status <> 'DEPRECATED' THEN NULL WHEN w.replaced_by_given THEN to_jsonb(w.replaced_by) ELSE w.before -> 'replacedBy' END)
        WHEN 'PROPOSE_REVISION' THEN concept_patch(${BASE}, w.patch)
        WHEN 'APPROVE_REVISION' THEN w.pending || jsonb_build_object('status', 'PUBLISHED')
        WHEN 'REJECT_REVISION' THEN w.before
        ELSE w.before || jsonb_build_object('status', w.target_status,
          'replacedBy', CASE WHEN w.target_status = 'DEPRECATED' THEN to_jsonb(w.replaced_by) END)
      END
      WHERE w.effect IS NOT NULL AND w.effect <> 'UNCHANGED'`);
    await manager.query(`CREATE INDEX ON concept_write ((after ->> 'code'))`);
    await manager.query(`CREATE INDEX ON concept_write (id)`);
    await manager.query(`ANALYZE concept_write`);
  }

  /**
   * Every integrity rule over the dictionary as it will be after the write:
   * a French preferred label; preferred labels unique per language among the
   * live concepts of a domain (compared by label_key); labels of a concept
   * disjoint; the links and successor a write adds pointing to concepts that
   * exist and that the writer may see, broader ones in the same domain, a
   * successor only for a deprecated concept and a published one.
   * `readable`: domains whose unpublished concepts the writer may see (null: all).
   */
  integrityProblems(manager: EntityManager, readable: readonly string[] | null): Promise<WriteProblem[]> {
    return manager.query(
      `
      WITH w AS (
        SELECT ord, id, code, after, after ->> 'code' AS key, after ->> 'domain' AS domain, after ->> 'status' AS status, before
        FROM concept_write WHERE effect = ANY($1)
      ),
      added AS (
        SELECT w.ord, w.key, w.domain, w.status, r.kind, r.code AS target, r.i
        FROM w CROSS JOIN LATERAL (
          SELECT 'broader' AS kind, value AS code, ordinality - 1 AS i FROM jsonb_array_elements_text(w.after -> 'broader') WITH ORDINALITY
          UNION ALL
          SELECT 'related', value, ordinality - 1 FROM jsonb_array_elements_text(w.after -> 'related') WITH ORDINALITY
          UNION ALL
          SELECT 'replacedBy', w.after ->> 'replacedBy', NULL WHERE w.after ->> 'replacedBy' IS NOT NULL
        ) r
        WHERE CASE r.kind WHEN 'replacedBy' THEN r.code IS DISTINCT FROM w.before ->> 'replacedBy'
                          ELSE NOT COALESCE(w.before -> r.kind ? r.code, false) END
      ),
      target AS (
        SELECT a.*, t.domain AS t_domain, t.status AS t_status,
               t.code IS NOT NULL AND (t.status IN ('PUBLISHED', 'DEPRECATED') OR $3::text[] IS NULL OR t.domain = ANY($3)) AS visible
        -- the concept pointed to as it will be: a written one by its new row, the others as they are
        FROM added a LEFT JOIN LATERAL (
          SELECT s.after ->> 'code' AS code, s.after ->> 'domain' AS domain, s.after ->> 'status' AS status
          FROM concept_write s WHERE s.after ->> 'code' = a.target AND s.effect = ANY($2)
          UNION ALL
          SELECT c.code, c.domain_code, c.status FROM concept c
          WHERE c.code = a.target AND NOT EXISTS (SELECT 1 FROM concept_write s WHERE s.id = c.id AND s.effect = ANY($2))
          LIMIT 1
        ) t ON true
      ),
      labels AS (
        SELECT w.ord, w.key, w.domain, l.key AS lang, l.value AS label, label_key(l.value) AS k
        FROM w CROSS JOIN LATERAL jsonb_each_text(w.after -> 'prefLabel') l WHERE w.status <> 'DEPRECATED'
      ),
      live_labels AS (
        SELECT key AS code, domain, lang, k FROM labels
        UNION ALL
        SELECT c.code, c.domain_code, l.key, label_key(l.value)
        FROM concept c CROSS JOIN LATERAL jsonb_each_text(c.pref_label) l
        WHERE c.status <> 'DEPRECATED' AND c.domain_code IN (SELECT domain FROM labels)
          AND NOT EXISTS (SELECT 1 FROM concept_write s WHERE s.id = c.id AND s.effect = ANY($1))
      )
      SELECT ord, field, reason, message, values FROM (
        SELECT w.ord, 'prefLabel.fr' AS field, 'REQUIRED' AS reason,
               format('%s needs a French preferred label', w.key) AS message, NULL::jsonb AS values
        FROM w WHERE NULLIF(w.after -> 'prefLabel' ->> 'fr', '') IS NULL
      UNION ALL
        SELECT a.ord, 'prefLabel.' || a.lang, 'DUPLICATE_LABEL',
               format('%s already has the preferred label "%s" in domain %s', min(o.code), a.label, a.domain),
               jsonb_build_object('label', a.label, 'language', a.lang, 'concept', min(o.code), 'domain', a.domain)
        FROM labels a JOIN live_labels o ON o.domain = a.domain AND o.lang = a.lang AND o.k = a.k AND o.code <> a.key
        GROUP BY a.ord, a.lang, a.label, a.domain
      UNION ALL
        SELECT w.ord, 'altLabels.' || a.key, 'LABEL_REPEATED', format('"%s" is already the preferred label', v.value),
               jsonb_build_object('label', v.value, 'language', a.key)
        FROM w CROSS JOIN LATERAL jsonb_each(w.after -> 'altLabels') a CROSS JOIN LATERAL jsonb_array_elements_text(a.value) v
        WHERE w.after -> 'prefLabel' ->> a.key = v.value
      UNION ALL
        SELECT w.ord, 'hiddenLabels', 'LABEL_REPEATED', format('"%s" is already a preferred or alternative label', h.value),
               jsonb_build_object('label', h.value)
        FROM w CROSS JOIN LATERAL jsonb_array_elements_text(w.after -> 'hiddenLabels') h
        WHERE EXISTS (SELECT 1 FROM jsonb_each_text(w.after -> 'prefLabel') p WHERE p.value = h.value)
           OR EXISTS (SELECT 1 FROM jsonb_each(w.after -> 'altLabels') a, jsonb_array_elements_text(a.value) v WHERE v.value = h.value)
      UNION ALL
        SELECT t.ord, t.kind || COALESCE('[' || t.i || ']', ''),
               CASE WHEN t.target = t.key THEN 'SELF_REFERENCE' ELSE 'UNKNOWN_CONCEPT' END,
               CASE WHEN t.target = t.key THEN format('A concept cannot be %s of itself', t.kind)
                    ELSE format('Unknown concept "%s" in "%s"', t.target, t.kind) END,
               jsonb_build_object('concept', t.target)
        FROM target t WHERE t.target = t.key OR NOT t.visible
      UNION ALL
        SELECT t.ord, 'broader[' || t.i || ']', 'BROADER_OTHER_DOMAIN',
               format('A broader concept must be in the same domain (%s is in %s, not %s)', t.target, t.t_domain, t.domain),
               jsonb_build_object('concept', t.target, 'domain', t.t_domain)
        FROM target t WHERE t.kind = 'broader' AND t.visible AND t.target <> t.key AND t.t_domain <> t.domain
      UNION ALL
        SELECT t.ord, 'replacedBy', 'SUCCESSOR_WITHOUT_DEPRECATION', 'Only a deprecated concept names a successor',
               jsonb_build_object('concept', t.target)
        FROM target t WHERE t.kind = 'replacedBy' AND t.status <> 'DEPRECATED'
      UNION ALL
        SELECT t.ord, 'replacedBy', 'SUCCESSOR_NOT_PUBLISHED',
               format('"replacedBy" must be a published concept (%s is %s)', t.target, t.t_status),
               jsonb_build_object('concept', t.target, 'status', t.t_status)
        FROM target t WHERE t.kind = 'replacedBy' AND t.status = 'DEPRECATED' AND t.visible AND t.target <> t.key AND t.t_status <> 'PUBLISHED'
      ) p ORDER BY ord, field`,
      [CHECKED_WRITES, ROW_WRITES, readable],
    );
  }

  /**
   * The broader links among the concepts a write touches and everything above
   * them, as they will be after the write: enough to find any cycle the write
   * would close, at any depth.
   */
  broaderLinksAbove(manager: EntityManager): Promise<{ code: string; broader: string }[]> {
    // one step up from a concept: a written one's new broader codes, another's stored links
    const up = (from: string) => `
      SELECT b.value AS broader FROM concept_write s CROSS JOIN LATERAL jsonb_array_elements_text(s.after -> 'broader') b
      WHERE s.after ->> 'code' = ${from} AND s.effect = ANY($1)
      UNION ALL
      SELECT t.code FROM concept c JOIN concept_broader cb ON cb.concept_id = c.id JOIN concept t ON t.id = cb.broader_id
      WHERE c.code = ${from} AND NOT EXISTS (SELECT 1 FROM concept_write s WHERE s.id = c.id AND s.effect = ANY($1))`;
    return manager.query(
      `
      WITH RECURSIVE link(code, broader) AS (
        SELECT w.after ->> 'code', b.value FROM concept_write w CROSS JOIN LATERAL jsonb_array_elements_text(w.after -> 'broader') b
        WHERE w.effect = ANY($1)
        UNION
        SELECT walk.broader, step.broader FROM link walk CROSS JOIN LATERAL (${up('walk.broader')}) step
      )
      SELECT code, broader FROM link`,
      [CHECKED_WRITES],
    );
  }

  /** The written concepts (code as it will be → ord), for problems found in Node. */
  async writtenCodes(manager: EntityManager): Promise<Map<string, number>> {
    const rows: { code: string; ord: number }[] = await manager.query(
      `SELECT after ->> 'code' AS code, ord FROM concept_write WHERE effect = ANY($1)`,
      [CHECKED_WRITES],
    );
    return new Map(rows.map((row) => [row.code, row.ord]));
  }

  /**
   * Writes the decided changes and their change rows. Every row is written
   * only if it is still at the version read under the locks (the optimistic
   * lock, once for every door); the count tells if a writer bypassed them.
   */
  async apply(manager: EntityManager, principal: string, reason: string | null): Promise<{ expected: number; written: number }> {
    await manager.query(
      `INSERT INTO concept (id, code, domain_code, status, pref_label, alt_labels, hidden_labels, acronyms, definition, scope_note, source,
                            last_editor, first_published_at)
       SELECT w.id, w.after ->> 'code', w.after ->> 'domain', w.target_status, w.after -> 'prefLabel', w.after -> 'altLabels',
              ARRAY(SELECT jsonb_array_elements_text(w.after -> 'hiddenLabels')), ARRAY(SELECT jsonb_array_elements_text(w.after -> 'acronyms')),
              w.after -> 'definition', w.after -> 'scopeNote', w.after ->> 'source', $1,
              CASE WHEN w.target_status IN ('PUBLISHED', 'DEPRECATED') THEN now() END
       FROM concept_write w WHERE w.effect = 'CREATE' ORDER BY w.ord`,
      [principal],
    );
    // content and status, which readers see change
    const [, changed]: [unknown, number] = await manager.query(
      `UPDATE concept c SET
         code = w.after ->> 'code', status = w.target_status, pref_label = w.after -> 'prefLabel', alt_labels = w.after -> 'altLabels',
         hidden_labels = ARRAY(SELECT jsonb_array_elements_text(w.after -> 'hiddenLabels')),
         acronyms = ARRAY(SELECT jsonb_array_elements_text(w.after -> 'acronyms')),
         definition = w.after -> 'definition', scope_note = w.after -> 'scopeNote', source = w.after ->> 'source',
         replaced_by_id = CASE WHEN w.target_status = 'DEPRECATED' AND w.after ->> 'replacedBy' IS NOT NULL THEN c.replaced_by_id END,
         last_editor = CASE w.effect WHEN 'UPDATE' THEN $1 WHEN 'APPROVE_REVISION' THEN w.pending_author ELSE c.last_editor END,
         -- a concept once published keeps its code frozen, even back in draft (loaded deprecated ones had no date)
         first_published_at = COALESCE(c.first_published_at,
           CASE WHEN w.target_status IN ('PUBLISHED', 'DEPRECATED') OR w.current_status = 'DEPRECATED' THEN now() END),
         version = c.version + 1, updated_at = now()
       FROM concept_write w
       WHERE c.id = w.id AND c.version = w.current_version AND w.effect = ANY($2) AND w.effect <> 'CREATE'`,
      [principal, ROW_WRITES],
    );
    // a proposal, or the rejection of one, only moves the lock
    const [, bumped]: [unknown, number] = await manager.query(
      `UPDATE concept c SET version = c.version + 1 FROM concept_write w
       WHERE c.id = w.id AND c.version = w.current_version AND w.effect IN ('PROPOSE_REVISION', 'REJECT_REVISION')`,
    );
    const [{ expected }]: { expected: number }[] = await manager.query(
      `SELECT count(*)::int AS expected FROM concept_write WHERE effect = ANY($1) AND effect <> 'CREATE'`,
      [[...ROW_WRITES, WriteEffect.PROPOSE_REVISION, WriteEffect.REJECT_REVISION]],
    );
    await manager.query(
      `INSERT INTO revision (entity_type, entity_id, proposed, author, reason)
       SELECT 'CONCEPT', w.id, w.after, $1, $2 FROM concept_write w WHERE w.effect = 'PROPOSE_REVISION'
       ON CONFLICT (entity_type, entity_id) WHERE status = 'PENDING'
       DO UPDATE SET proposed = EXCLUDED.proposed, author = EXCLUDED.author, reason = EXCLUDED.reason, updated_at = now()`,
      [principal, reason],
    );
    await manager.query(
      `UPDATE revision r SET status = CASE w.effect WHEN 'APPROVE_REVISION' THEN 'APPROVED' ELSE 'REJECTED' END,
         reviewer = $1, decision_reason = $2, decided_at = now(), updated_at = now()
       FROM concept_write w WHERE r.id = w.pending_id AND r.status = 'PENDING' AND w.effect IN ('APPROVE_REVISION', 'REJECT_REVISION')`,
      [principal, reason],
    );
    await this.writeLinks(manager);
    await this.changeLog.recordSelected(
      manager,
      `SELECT $1, 'CONCEPT', w.id::text, w.after ->> 'code', w.after ->> 'domain', w.effect,
         CASE w.effect WHEN 'CREATE' THEN NULL WHEN 'PROPOSE_REVISION' THEN ${BASE} WHEN 'REJECT_REVISION' THEN w.pending ELSE w.before END,
         w.after, $2
       FROM concept_write w WHERE w.effect IS NOT NULL AND w.effect <> 'UNCHANGED' ORDER BY w.ord`,
      [principal, reason],
    );
    return { expected, written: changed + bumped };
  }

  /** Links of the concepts whose row changes: broader replaced, related replaced on both sides, successors set. */
  private async writeLinks(manager: EntityManager): Promise<void> {
    const linked = `SELECT id FROM concept_write WHERE effect IN ('CREATE', 'UPDATE', 'APPROVE_REVISION')
                      AND (before IS NULL OR before -> 'broader' IS DISTINCT FROM after -> 'broader' OR before -> 'related' IS DISTINCT FROM after -> 'related')`;
    await manager.query(`DELETE FROM concept_broader WHERE concept_id IN (${linked})`);
    await manager.query(`
      INSERT INTO concept_broader (concept_id, broader_id)
      SELECT w.id, b.id FROM concept_write w CROSS JOIN LATERAL jsonb_array_elements_text(w.after -> 'broader') t JOIN concept b ON b.code = t.value
      WHERE w.id IN (${linked})`);
    await manager.query(`DELETE FROM concept_related WHERE concept_id IN (${linked}) OR related_id IN (${linked})`);
    await manager.query(`
      INSERT INTO concept_related (concept_id, related_id)
      SELECT a, b FROM (
        SELECT w.id AS a, r.id AS b FROM concept_write w CROSS JOIN LATERAL jsonb_array_elements_text(w.after -> 'related') t
          JOIN concept r ON r.code = t.value WHERE w.id IN (${linked})
        UNION
        SELECT r.id, w.id FROM concept_write w CROSS JOIN LATERAL jsonb_array_elements_text(w.after -> 'related') t
          JOIN concept r ON r.code = t.value WHERE w.id IN (${linked})
      ) pairs ON CONFLICT DO NOTHING`);
    await manager.query(`
      UPDATE concept c SET replaced_by_id = r.id FROM concept_write w JOIN concept r ON r.code = w.after ->> 'replacedBy'
      WHERE c.id = w.id AND w.target_status = 'DEPRECATED' AND w.effect <> 'PROPOSE_REVISION'
        AND c.replaced_by_id IS DISTINCT FROM r.id`);
  }

  /** The outcome of the concepts staged among the first `before` of the write. */
  async outcomes(manager: EntityManager, before: number): Promise<WriteOutcome[]> {
    return manager.query(
      `SELECT ord, COALESCE(after ->> 'code', code) AS code, id, effect, COALESCE(target_status, current_status) AS status, line, subject
       FROM concept_write WHERE ord < $1 ORDER BY ord`,
      [before],
    );
  }

  /** The write in numbers; `sentToReview`: concepts it brings into review (a steward's file saying PUBLISHED, or sent on purpose). */
  async counts(manager: EntityManager): Promise<WriteCounts & { sentToReview: number }> {
    const [row]: (WriteCounts & { sentToReview: number })[] = await manager.query(`
      SELECT count(*) FILTER (WHERE effect = 'CREATE')::int AS created,
             count(*) FILTER (WHERE effect NOT IN ('CREATE', 'UNCHANGED', 'PROPOSE_REVISION'))::int AS updated,
             count(*) FILTER (WHERE effect = 'UNCHANGED')::int AS unchanged,
             count(*) FILTER (WHERE effect = 'PROPOSE_REVISION')::int AS proposed,
             count(*) FILTER (WHERE effect IN ('CREATE', 'UPDATE') AND target_status = 'IN_REVIEW'
                              AND current_status IS DISTINCT FROM 'IN_REVIEW')::int AS "sentToReview"
      FROM concept_write`);
    return row;
  }

  /**
   * The planner's statistics of the tables a large write filled, in its
   * transaction (rows it inserted count as live; the figures commit with it).
   */
  async refreshStatistics(manager: EntityManager): Promise<void> {
    await manager.query(`ANALYZE concept, concept_broader, concept_related`);
  }
}
