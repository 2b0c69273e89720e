import { Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { EntityManager } from 'typeorm';
import { ChangeLogRepository } from '@lexique/database';
import { WriteProblem } from '@lexique/vocabulary';
import { MappingRow } from '../mappings/mapping-row';
import { CHECKED_WRITES, CONTENT_WRITES, MappingCounts, MappingDecision, MappingOutcome, ROW_WRITES } from './mapping-write';
import { DEFAULT_JUSTIFICATION } from './mapping-patch';

/** A write as staged: the request, its values already checked. */
export interface StagedMapping {
  ord: number;
  line: number | null;
  intent: string;
  system: string;
  localCode: string;
  codeKey: string;
  /** The mapping named by id (API), if any. */
  id: string | null;
  /** How the mapping meant is found: by `id`, by the start of its `period`, or as the `only` one of its code. */
  match: 'id' | 'period' | 'only';
  version: number | null;
  patch: object;
  action: string | null;
}

/** Rows staged per COPY: enough to amortise a round trip, little enough to keep memory flat. */
export const STAGE_BATCH = 20_000;

/** The fields a mapping's content holds (what an edit changes and a revision proposes). */
const NOT_CONTENT = `- 'system' - 'localCode' - 'status' - 'author' - 'reviewer'`;

/** A new mapping before its patch. */
const EMPTY = `'{"localLabel": null, "relation": null, "concept": null, "validFrom": null, "validTo": null, "note": null,
  "justification": "${DEFAULT_JUSTIFICATION}", "confidence": null}'::jsonb`;

/** The snapshot of mapping `m`, whose concept is `cc`, as the change log and revisions record it. */
const SNAPSHOT = `jsonb_build_object('system', m.system_code, 'localCode', m.local_code, 'localLabel', m.local_label, 'relation', m.relation,
  'concept', cc.code, 'validFrom', m.valid_from, 'validTo', m.valid_to, 'note', m.note, 'justification', m.justification,
  'confidence', m.confidence, 'status', m.status, 'author', m.author, 'reviewer', m.reviewer)`;

/** The validity of content `c` as a range; null when its dates are not ordered (a PERIOD_ORDER problem of its own). */
const period = (c: string) => `CASE WHEN (${c} ->> 'validFrom')::date < (${c} ->> 'validTo')::date
  OR ${c} ->> 'validFrom' IS NULL OR ${c} ->> 'validTo' IS NULL
  THEN daterange((${c} ->> 'validFrom')::date, (${c} ->> 'validTo')::date, '[)') END`;

/**
 * The SQL of the one writer of mappings. A write is copied into a temporary
 * table of the caller's transaction (`mapping_request`), resolved against the
 * dictionary under the locks into `mapping_write` in one statement, decided
 * once per kind of row (the status machine and the access policy run in Node),
 * checked in a few set-based statements, then applied in a few more. The
 * same statements serve one edit and an import of a million mappings.
 */
@Injectable()
export class MappingWriteRepository {
  constructor(private readonly changeLog: ChangeLogRepository) {}

  async create(manager: EntityManager): Promise<void> {
    await manager.query(`DROP TABLE IF EXISTS mapping_request, mapping_write`);
    await manager.query(`
      CREATE TEMP TABLE mapping_request (
        ord int NOT NULL, line int, intent text NOT NULL, system text NOT NULL, local_code text NOT NULL, code_key text NOT NULL,
        req_id uuid, match text NOT NULL, version int, patch jsonb NOT NULL, action text
      ) ON COMMIT DROP`);
  }

  /** Copies rows into the staging table (COPY: a tenth of the cost of an INSERT of as many values). */
  async stage(manager: EntityManager, rows: readonly StagedMapping[]): Promise<void> {
    if (!rows.length) return;
    const client = (await manager.queryRunner!.connect()) as PoolClient;
    const lines = rows.map(
      (r) =>
        [r.ord, r.line, r.intent, r.system, r.localCode, r.codeKey, r.id, r.match, r.version, JSON.stringify(r.patch), r.action]
          .map(copyText)
          .join('\t') + '\n',
    );
    await pipeline(
      Readable.from([lines.join('')]),
      client.query(
        copyFrom(
          `COPY mapping_request (ord, line, intent, system, local_code, code_key, req_id, match, version, patch, action) FROM STDIN`,
        ),
      ),
    );
  }

  /** The systems the write names, for their locks. */
  async systemsNamed(manager: EntityManager): Promise<string[]> {
    const rows: { system: string }[] = await manager.query(`SELECT DISTINCT system FROM mapping_request ORDER BY 1`);
    return rows.map((row) => row.system);
  }

  /**
   * Writers of a system's mappings take turns on its row, always in code
   * order. Lock order everywhere: information_system rows (FOR UPDATE, by
   * code), then domain rows (FOR SHARE here, FOR UPDATE by the concept
   * writer, by code). Readers take no lock.
   */
  async lockSystems(manager: EntityManager, codes: readonly string[]): Promise<void> {
    if (!codes.length) return;
    await manager.query(`SELECT code FROM information_system WHERE code = ANY($1) ORDER BY code FOR UPDATE`, [codes]);
  }

  /**
   * The domains whose concepts the write points to or away from, and of the
   * systems' kinds: the concept writer changes a concept's status under its
   * domain's lock, so sharing it keeps the statuses read here true until
   * commit. A concept never changes domain, so this read needs no lock.
   */
  async domainsToLock(manager: EntityManager): Promise<string[]> {
    await manager.query(`ANALYZE mapping_request`);
    const rows: { code: string }[] = await manager.query(`
      SELECT DISTINCT d AS code FROM (
        SELECT c.domain_code AS d FROM concept c WHERE c.code IN (SELECT DISTINCT patch ->> 'concept' FROM mapping_request)
        UNION ALL
        SELECT c.domain_code FROM mapping m JOIN concept c ON c.id = m.concept_id
        WHERE (m.system_code, m.local_code_key) IN (SELECT system, code_key FROM mapping_request)
        UNION ALL
        SELECT c.domain_code FROM revision r JOIN mapping m ON m.id = r.entity_id JOIN concept c ON c.code = r.proposed ->> 'concept'
        WHERE r.entity_type = 'MAPPING' AND r.status = 'PENDING' AND (m.system_code, m.local_code_key) IN (SELECT system, code_key FROM mapping_request)
        UNION ALL
        SELECT s.kind FROM information_system s WHERE s.code IN (SELECT system FROM mapping_request)
      ) d WHERE d IS NOT NULL ORDER BY 1`);
    return rows.map((row) => row.code);
  }

  async lockDomains(manager: EntityManager, codes: readonly string[]): Promise<void> {
    if (!codes.length) return;
    await manager.query(`SELECT code FROM domain WHERE code = ANY($1) ORDER BY code FOR SHARE`, [codes]);
  }

  /**
   * Reads, under the locks, what the dictionary holds for every mapping the
   * write names, and what each will say: its content (the patch over the
   * mapping, or over its pending revision for an edit of a published one),
   * its concept, its domains, and its kind (what decides its effect).
   * `readable`: domains whose unpublished concepts the writer may see (null: all).
   */
  async resolve(manager: EntityManager, me: string, readable: readonly string[] | null): Promise<void> {
    await manager.query(
      `
      CREATE TEMP TABLE mapping_write ON COMMIT DROP AS
      WITH several AS (
        SELECT m.system_code, m.local_code_key, count(*)::int AS periods FROM mapping m
        WHERE (m.system_code, m.local_code_key) IN (SELECT system, code_key FROM mapping_request WHERE match = 'only')
        GROUP BY 1, 2 HAVING count(*) > 1
      ),
      found AS (
        SELECT r.*, s.code IS NOT NULL AS system_exists, kd.code AS kind_domain, COALESCE(kd.requires_review, true) AS kind_review,
          sv.periods, m.id, m.version AS current_version, m.status AS current_status, m.author,
          CASE WHEN m.id IS NULL THEN NULL WHEN cc.id IS NULL THEN kd.code ELSE cc.domain_code END AS current_domain,
          CASE WHEN m.id IS NULL THEN NULL WHEN cc.id IS NULL THEN COALESCE(kd.requires_review, true) ELSE cd.requires_review END AS current_review,
          CASE WHEN m.id IS NOT NULL THEN ${SNAPSHOT} END AS before,
          p.id AS pending_id, p.proposed AS pending, p.author AS pending_author
        FROM mapping_request r
        LEFT JOIN information_system s ON s.code = r.system
        LEFT JOIN domain kd ON kd.code = s.kind
        LEFT JOIN several sv ON sv.system_code = r.system AND sv.local_code_key = r.code_key
        LEFT JOIN mapping m ON m.system_code = r.system AND m.local_code_key = r.code_key AND CASE r.match
          WHEN 'id' THEN m.id = r.req_id
          WHEN 'period' THEN m.valid_from IS NOT DISTINCT FROM (r.patch ->> 'validFrom')::date
          ELSE sv.periods IS NULL END
        LEFT JOIN concept cc ON cc.id = m.concept_id
        LEFT JOIN domain cd ON cd.code = cc.domain_code
        LEFT JOIN revision p ON p.entity_type = 'MAPPING' AND p.entity_id = m.id AND p.status = 'PENDING'
      ),
      base AS (
        SELECT f.*,
          CASE WHEN f.intent = 'UPDATE' AND f.current_status = 'PUBLISHED' THEN COALESCE(f.pending, f.before) ELSE f.before END ${NOT_CONTENT} AS base
        FROM found f
      ),
      written AS (
        SELECT b.*, CASE
          WHEN b.intent IN ('CREATE', 'UPDATE', 'IMPORT') THEN ${EMPTY} || COALESCE(b.base, '{}') || b.patch
          WHEN b.intent = 'TRANSITION' AND b.action = 'APPROVE' AND b.current_status = 'PUBLISHED' AND b.pending IS NOT NULL
            THEN b.pending ${NOT_CONTENT}
          ELSE b.before ${NOT_CONTENT} END AS content
        FROM base b
      )
      SELECT w.*, t.id AS concept_id, t.status AS concept_status, t.domain_code AS concept_domain,
        t.id IS NOT NULL AND (t.status IN ('PUBLISHED', 'DEPRECATED') OR $2::text[] IS NULL OR t.domain_code = ANY($2)) AS concept_visible,
        CASE WHEN w.content ->> 'concept' IS NULL THEN w.kind_domain ELSE t.domain_code END AS after_domain,
        CASE WHEN w.content ->> 'concept' IS NULL THEN w.kind_review ELSE COALESCE(td.requires_review, true) END AS after_review,
        w.id IS NULL OR w.content IS DISTINCT FROM w.base AS changes,
        w.content ->> 'concept' IS DISTINCT FROM w.before ->> 'concept' AS repoints,
        CASE WHEN NOT w.system_exists OR w.periods IS NOT NULL
               OR (w.id IS NULL AND w.intent NOT IN ('CREATE', 'IMPORT'))
               OR (w.content ->> 'concept' IS NOT NULL AND w.patch ? 'concept'
                   AND NOT (t.id IS NOT NULL AND (t.status IN ('PUBLISHED', 'DEPRECATED') OR $2::text[] IS NULL OR t.domain_code = ANY($2))))
             THEN NULL
             ELSE concat_ws('|', w.intent, COALESCE(w.action, ''), (w.id IS NOT NULL)::text, COALESCE(w.current_status, ''),
               COALESCE(w.current_domain, CASE WHEN w.content ->> 'concept' IS NULL THEN w.kind_domain ELSE t.domain_code END, ''),
               COALESCE(CASE WHEN w.content ->> 'concept' IS NULL THEN w.kind_domain ELSE t.domain_code END, ''),
               (COALESCE(w.current_review, false) OR CASE WHEN w.content ->> 'concept' IS NULL THEN w.kind_review ELSE COALESCE(td.requires_review, true) END)::text,
               (w.author IS NOT DISTINCT FROM $1)::text, (w.pending_id IS NOT NULL)::text, (w.pending_author IS NOT DISTINCT FROM $1)::text,
               (w.version IS NULL OR w.version IS NOT DISTINCT FROM w.current_version)::text,
               (w.id IS NULL OR w.content IS DISTINCT FROM w.base)::text)
        END AS kind,
        NULL::text AS effect, NULL::text AS target_status, NULL::jsonb AS refusal, NULL::jsonb AS after
      FROM written w
      LEFT JOIN concept t ON t.code = w.content ->> 'concept'
      LEFT JOIN domain td ON td.code = t.domain_code`,
      [me, readable],
    );
    await manager.query(`ANALYZE mapping_write`);
  }

  /** Problems found before deciding: unknown systems and concepts, mappings not found or not named clearly, content that breaks a rule. */
  requestProblems(manager: EntityManager): Promise<WriteProblem[]> {
    return manager.query(`
      SELECT ord, field, reason, message, values FROM (
        SELECT w.ord, 'system' AS field, 'UNKNOWN_SYSTEM' AS reason, format('Unknown information system "%s"', w.system) AS message,
               jsonb_build_object('system', w.system) AS values
        FROM mapping_write w WHERE NOT w.system_exists
      UNION ALL
        SELECT w.ord, CASE WHEN w.intent = 'IMPORT' THEN 'validFrom' ELSE 'id' END, 'PERIOD_AMBIGUOUS',
               format('%s/%s has %s validity periods: %s', w.system, w.code_key, w.periods,
                      CASE WHEN w.intent = 'IMPORT' THEN 'give the start of the one meant (validFrom)' ELSE 'name the one meant by its id' END),
               jsonb_build_object('periods', w.periods)
        FROM mapping_write w WHERE w.system_exists AND w.periods IS NOT NULL
      UNION ALL
        SELECT w.ord, CASE WHEN w.match = 'id' THEN 'id' ELSE 'localCode' END, 'NOT_FOUND',
               format('No mapping of "%s" in %s%s', w.code_key, w.system, CASE WHEN w.match = 'id' THEN format(' with id %s', w.req_id) ELSE '' END),
               jsonb_build_object('system', w.system, 'localCode', w.code_key)
        FROM mapping_write w WHERE w.system_exists AND w.periods IS NULL AND w.id IS NULL AND w.intent NOT IN ('CREATE', 'IMPORT')
      UNION ALL
        SELECT w.ord, 'localCode', 'DUPLICATE_IN_REQUEST',
               format('%s/%s is already named earlier in this write (%s)', w.system, w.code_key, COALESCE('line ' || f.line, 'item ' || (f.ord + 1))),
               jsonb_build_object('system', w.system, 'localCode', w.code_key)
        FROM (SELECT ord, system, code_key, line,
                     min(ord) OVER (PARTITION BY system, code_key, COALESCE(id::text, patch ->> 'validFrom', '')) AS first
              FROM mapping_write
              WHERE (system, code_key) IN (SELECT system, code_key FROM mapping_write GROUP BY 1, 2 HAVING count(*) > 1)) w
          JOIN mapping_write f ON f.ord = w.first
        WHERE w.ord <> w.first
      UNION ALL
        SELECT w.ord, 'concept', 'UNKNOWN_CONCEPT', format('Unknown concept "%s"', w.content ->> 'concept'),
               jsonb_build_object('concept', w.content ->> 'concept')
        FROM mapping_write w WHERE w.patch ? 'concept' AND w.content ->> 'concept' IS NOT NULL AND NOT w.concept_visible
      UNION ALL
        SELECT w.ord, 'relation', 'REQUIRED', 'The relation is required', NULL
        FROM mapping_write w WHERE w.intent IN ('CREATE', 'UPDATE', 'IMPORT') AND w.content ->> 'relation' IS NULL AND NOT w.patch ? 'relation'
      UNION ALL
        SELECT w.ord, 'concept', 'REQUIRED',
               format('"concept" is required with the relation %s (use UNMAPPED for a code without equivalent)', w.content ->> 'relation'),
               jsonb_build_object('relation', w.content ->> 'relation')
        FROM mapping_write w WHERE w.intent IN ('CREATE', 'UPDATE', 'IMPORT') AND w.content ->> 'relation' <> 'UNMAPPED' AND w.content ->> 'concept' IS NULL
      UNION ALL
        SELECT w.ord, 'concept', 'CONCEPT_WITH_UNMAPPED',
               format('An UNMAPPED code has no concept (%s given): set "concept" to null', w.content ->> 'concept'),
               jsonb_build_object('concept', w.content ->> 'concept')
        FROM mapping_write w WHERE w.intent IN ('CREATE', 'UPDATE', 'IMPORT') AND w.content ->> 'relation' = 'UNMAPPED' AND w.content ->> 'concept' IS NOT NULL
      UNION ALL
        SELECT w.ord, 'validTo', 'PERIOD_ORDER',
               format('"validTo" (exclusive, %s) must come after "validFrom" (%s)', w.content ->> 'validTo', w.content ->> 'validFrom'),
               jsonb_build_object('validFrom', w.content ->> 'validFrom', 'validTo', w.content ->> 'validTo')
        FROM mapping_write w WHERE w.intent IN ('CREATE', 'UPDATE', 'IMPORT') AND (w.content ->> 'validFrom')::date >= (w.content ->> 'validTo')::date
      ) p ORDER BY ord, field`);
  }

  /** The kinds of row to decide, as `kind` text (see resolve). */
  async kinds(manager: EntityManager): Promise<string[]> {
    const rows: { kind: string }[] = await manager.query(`SELECT DISTINCT kind FROM mapping_write WHERE kind IS NOT NULL`);
    return rows.map((row) => row.kind);
  }

  /** Applies each kind's decision to its rows, with what each mapping will say once written (`me`: the writer). */
  async recordDecisions(manager: EntityManager, decisions: readonly { kind: string; decision: MappingDecision }[], me: string): Promise<void> {
    const rows = decisions.map(({ kind, decision }) =>
      'refusal' in decision ? { kind, refusal: decision.refusal } : { kind, effect: decision.effect, status: decision.status },
    );
    await manager.query(
      `UPDATE mapping_write w SET effect = d.effect, target_status = d.status, refusal = d.refusal,
         id = CASE WHEN d.effect = 'CREATE' THEN gen_random_uuid() ELSE w.id END,
         after = CASE d.effect
           WHEN 'CREATE' THEN jsonb_build_object('system', w.system, 'localCode', w.local_code) || w.content
             || jsonb_build_object('status', d.status, 'author', $2::text, 'reviewer', NULL)
           WHEN 'UPDATE' THEN w.before || w.content || jsonb_build_object('status', d.status, 'author', $2::text, 'reviewer', NULL)
           WHEN 'PROPOSE_REVISION' THEN w.before || w.content || jsonb_build_object('author', $2::text, 'reviewer', NULL)
           WHEN 'APPROVE_REVISION' THEN w.before || w.content || jsonb_build_object('status', 'PUBLISHED', 'author', w.pending_author, 'reviewer', $2::text)
           WHEN 'APPROVE' THEN w.before || jsonb_build_object('status', d.status, 'reviewer', $2::text)
           WHEN 'SUBMIT' THEN w.before || jsonb_build_object('status', d.status)
           WHEN 'REJECT' THEN w.before || jsonb_build_object('status', d.status)
           WHEN 'REJECT_REVISION' THEN w.before
         END
       FROM jsonb_to_recordset($1::jsonb) AS d(kind text, effect text, status text, refusal jsonb)
       WHERE w.kind = d.kind`,
      [JSON.stringify(rows), me],
    );
  }

  /** The refusals of the decisions, with each mapping's key, versions and facts placed in them. */
  decisionProblems(manager: EntityManager): Promise<WriteProblem[]> {
    return manager.query(`
      SELECT w.ord, w.refusal ->> 'field' AS field, w.refusal ->> 'reason' AS reason,
        replace(replace(replace(w.refusal ->> 'message', '{key}', w.system || '/' || w.code_key),
          '{version}', COALESCE(w.version::text, '')), '{currentVersion}', COALESCE(w.current_version::text, '')) AS message,
        -- a stale version names the one now current, for the caller to reload
        COALESCE(w.refusal -> 'values', '{}') || CASE WHEN w.refusal ->> 'reason' = 'STALE_VERSION'
          THEN jsonb_build_object('currentVersion', w.current_version) ELSE '{}' END AS values
      FROM mapping_write w WHERE w.refusal IS NOT NULL ORDER BY w.ord`);
  }

  /**
   * The rules over the dictionary as it will be after the write: a mapping
   * created, re-pointed or published points to a published concept, and the
   * validity periods of one local code never overlap (any status: a draft
   * that overlaps could never be published).
   */
  integrityProblems(manager: EntityManager): Promise<WriteProblem[]> {
    return manager.query(
      `
      WITH mine AS (
        SELECT w.ord, w.id, w.system, w.code_key, w.content ->> 'validFrom' AS valid_from, w.effect = 'CREATE' AS created,
               ${period('w.content')} AS period
        FROM mapping_write w WHERE w.effect = ANY($1)
      ),
      stored AS (
        -- the periods of these codes as they will be: written rows by their content, the others as they are
        SELECT w.id, w.system, w.code_key, ${period('w.content')} AS period, w.content ->> 'validFrom' AS valid_from,
               w.effect = 'CREATE' AS created
        FROM mapping_write w WHERE w.effect = ANY($2)
        UNION ALL
        SELECT m.id, m.system_code, m.local_code_key, daterange(m.valid_from, m.valid_to, '[)'), m.valid_from::text, false
        FROM mapping m
        WHERE (m.system_code, m.local_code_key) IN (SELECT system, code_key FROM mine)
          AND NOT EXISTS (SELECT 1 FROM mapping_write s WHERE s.id = m.id AND (s.effect = ANY($2) OR s.effect = 'DELETE'))
      )
      SELECT ord, field, reason, message, values FROM (
        SELECT w.ord, 'concept' AS field, 'CONCEPT_NOT_PUBLISHED' AS reason,
               format('A mapping must point to a published concept (%s is %s)', w.content ->> 'concept', w.concept_status) AS message,
               jsonb_build_object('concept', w.content ->> 'concept', 'status', w.concept_status) AS values
        FROM mapping_write w
        WHERE w.effect = ANY($1) AND w.concept_id IS NOT NULL AND w.concept_status <> 'PUBLISHED' AND (w.repoints OR w.effect = 'APPROVE')
      UNION ALL
        (SELECT DISTINCT ON (a.ord) a.ord, 'validFrom', 'PERIOD_OVERLAP',
                format('%s/%s is also mapped from %s to %s: periods of one local code must not overlap', a.system, a.code_key,
                       COALESCE(lower(o.period)::text, 'the beginning'), COALESCE(upper(o.period)::text, 'no end')),
                jsonb_build_object('overlapsFrom', lower(o.period)::text, 'overlapsTo', upper(o.period)::text)
         FROM mine a JOIN stored o ON o.system = a.system AND o.code_key = a.code_key AND o.id <> a.id AND o.period && a.period
         -- two new mappings of a code from the same date are one mapping named twice, reported as such
         WHERE NOT (a.created AND o.created AND o.valid_from IS NOT DISTINCT FROM a.valid_from))
      ) p ORDER BY ord, field`,
      [CHECKED_WRITES, CONTENT_WRITES],
    );
  }

  /**
   * Writes the decided changes and their change rows. Every row is written
   * only if it is still at the version read under the locks (the optimistic
   * lock, once for every door); the count tells if a writer bypassed them.
   * Returns the rows deleted, as they were (a deletion answers with them).
   */
  async apply(
    manager: EntityManager,
    me: string,
    reason: string | null,
  ): Promise<{ expected: number; written: number; deleted: MappingRow[] }> {
    await manager.query(
      `INSERT INTO mapping (id, system_code, local_code, concept_id, local_label, relation, valid_from, valid_to, note, justification,
                            confidence, status, author)
       SELECT w.id, w.system, w.local_code, w.concept_id, w.content ->> 'localLabel', w.content ->> 'relation', (w.content ->> 'validFrom')::date,
              (w.content ->> 'validTo')::date, w.content ->> 'note', w.content ->> 'justification', (w.content ->> 'confidence')::numeric,
              w.target_status, $1
       FROM mapping_write w WHERE w.effect = 'CREATE'`,
      [me],
    );
    const [, changed]: [unknown, number] = await manager.query(
      `UPDATE mapping m SET concept_id = w.concept_id, local_label = w.after ->> 'localLabel', relation = w.after ->> 'relation',
         valid_from = (w.after ->> 'validFrom')::date, valid_to = (w.after ->> 'validTo')::date, note = w.after ->> 'note',
         justification = w.after ->> 'justification', confidence = (w.after ->> 'confidence')::numeric, status = w.target_status,
         author = w.after ->> 'author', reviewer = w.after ->> 'reviewer', version = m.version + 1, updated_at = now()
       FROM mapping_write w
       WHERE m.id = w.id AND m.version = w.current_version AND w.effect = ANY($1)`,
      [ROW_WRITES],
    );
    // a proposal, or the rejection of one, only moves the lock
    const [, bumped]: [unknown, number] = await manager.query(
      `UPDATE mapping m SET version = m.version + 1 FROM mapping_write w
       WHERE m.id = w.id AND m.version = w.current_version AND w.effect IN ('PROPOSE_REVISION', 'REJECT_REVISION')`,
    );
    const [deleted]: [{ row: MappingRow }[], number] = await manager.query(
      `DELETE FROM mapping m USING mapping_write w WHERE m.id = w.id AND m.version = w.current_version AND w.effect = 'DELETE'
       RETURNING to_jsonb(m) AS row`,
    );
    const [{ expected }]: { expected: number }[] = await manager.query(
      `SELECT count(*)::int AS expected FROM mapping_write WHERE effect = ANY($1) OR effect IN ('PROPOSE_REVISION', 'REJECT_REVISION', 'DELETE')`,
      [ROW_WRITES],
    );
    await manager.query(
      `INSERT INTO revision (entity_type, entity_id, proposed, author, reason)
       SELECT 'MAPPING', w.id, w.after, $1, $2 FROM mapping_write w WHERE w.effect = 'PROPOSE_REVISION'
       ON CONFLICT (entity_type, entity_id) WHERE status = 'PENDING'
       DO UPDATE SET proposed = EXCLUDED.proposed, author = EXCLUDED.author, reason = EXCLUDED.reason, updated_at = now()`,
      [me, reason],
    );
    await manager.query(
      `UPDATE revision r SET status = CASE w.effect WHEN 'APPROVE_REVISION' THEN 'APPROVED' ELSE 'REJECTED' END,
         reviewer = $1, decision_reason = $2, decided_at = now(), updated_at = now()
       FROM mapping_write w WHERE r.id = w.pending_id AND r.status = 'PENDING' AND w.effect IN ('APPROVE_REVISION', 'REJECT_REVISION', 'DELETE')`,
      [me, reason],
    );
    // change rows in no particular order within the write: sorting a million rows would cost more than it tells
    await this.changeLog.recordSelected(
      manager,
      `SELECT $1, 'MAPPING', w.id::text, w.system || '/' || w.code_key,
         CASE WHEN w.effect IN ('CREATE', 'UPDATE', 'APPROVE_REVISION') THEN w.after_domain ELSE w.current_domain END, w.effect,
         CASE w.effect WHEN 'CREATE' THEN NULL WHEN 'PROPOSE_REVISION' THEN COALESCE(w.pending, w.before) WHEN 'REJECT_REVISION' THEN w.pending
           ELSE w.before END,
         w.after, $2
       FROM mapping_write w WHERE w.effect IS NOT NULL AND w.effect <> 'UNCHANGED'`,
      [me, reason],
    );
    return { expected, written: changed + bumped + deleted.length, deleted: deleted.map((d) => d.row) };
  }

  /** The outcome of the mappings staged among the first `before` of the write. */
  outcomes(manager: EntityManager, before: number): Promise<MappingOutcome[]> {
    return manager.query(
      `SELECT ord, system || '/' || code_key AS key, id, effect, COALESCE(target_status, current_status) AS status, line
       FROM mapping_write WHERE ord < $1 ORDER BY ord`,
      [before],
    );
  }

  /** The write in numbers; `sentToReview`: new mappings that arrive in review (a steward's file where review is required). */
  async counts(manager: EntityManager): Promise<MappingCounts & { sentToReview: number }> {
    const [row]: (MappingCounts & { sentToReview: number })[] = await manager.query(`
      SELECT count(*) FILTER (WHERE effect = 'CREATE')::int AS created,
             count(*) FILTER (WHERE effect NOT IN ('CREATE', 'UNCHANGED', 'PROPOSE_REVISION'))::int AS updated,
             count(*) FILTER (WHERE effect = 'UNCHANGED')::int AS unchanged,
             count(*) FILTER (WHERE effect = 'PROPOSE_REVISION')::int AS proposed,
             count(*) FILTER (WHERE effect = 'CREATE' AND target_status = 'IN_REVIEW')::int AS "sentToReview"
      FROM mapping_write`);
    return row;
  }
}

/** A value in COPY's text format: \N for null, backslash escapes for the characters COPY reads specially. */
function copyText(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  return String(value).replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}
