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
import { DEFAULT_JUSTIFICATION, MappingPatch } from './mapping-patch';

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
  patch: MappingPatch;
  action: string | null;
}

/** Rows staged per COPY: enough to amortise a round trip, little enough to keep memory flat. */
export const STAGE_BATCH = 20_000;

/** The content fields, in the order of the staging columns; the bit of each in `given` is 1 << its index. */
const FIELDS = ['localLabel', 'relation', 'concept', 'validFrom', 'validTo', 'note', 'justification', 'confidence'] as const;
const COLUMNS = ['label', 'relation', 'concept', 'valid_from', 'valid_to', 'note', 'justification', 'confidence'] as const;
const TYPES = ['text', 'text', 'text', 'date', 'date', 'text', 'text', 'numeric'] as const;

/** A content field of the write (`c_…`): the patch's where given, else the base's (the mapping's, its revision's, or a new mapping's). */
const content = COLUMNS.map(
  (column, i) => `CASE WHEN f.given & ${1 << i} <> 0 THEN f.${column} ELSE f.b_${column} END AS c_${column}`,
).join(',\n          ');

/** What the base of a field is: a pending revision's value when an edit builds on it or approval applies it, else the stored one. */
const base = COLUMNS.map((column, i) => {
  const stored =
    column === 'concept'
      ? 'cc.code'
      : column === 'justification'
        ? `COALESCE(m.justification, '${DEFAULT_JUSTIFICATION}')`
        : column === 'label'
          ? 'm.local_label'
          : `m.${column}`;
  return `CASE WHEN p.id IS NOT NULL AND m.status = 'PUBLISHED' AND (r.intent = 'UPDATE' OR (r.intent = 'TRANSITION' AND r.action = 'APPROVE'))
            THEN (p.proposed ->> '${FIELDS[i]}')::${TYPES[i]} ELSE ${stored} END AS b_${column}`;
}).join(',\n          ');

/** The content written differs from its base. */
const CHANGES = COLUMNS.map((column) => `x.c_${column} IS DISTINCT FROM x.b_${column}`).join(' OR ');

/**
 * Snapshot of the content columns with prefix `p` (`c_` what the write says,
 * `cur_` what is stored), as the change log and revisions keep it: a row of
 * the type `mapping_snapshot` (migration MappingWriteCosts), whose field
 * names are the JSON keys, in its order (a third cheaper than building the
 * object key by key, for the same JSON).
 */
const snapshotOf = (p: string, status: string, author: string, reviewer: string) =>
  `to_jsonb(ROW(w.system, COALESCE(w.cur_local_code, w.local_code), w.${p}label, w.${p}relation, w.${p}concept, w.${p}valid_from,
     w.${p}valid_to, w.${p}note, w.${p}justification, w.${p}confidence, ${status}, ${author}, ${reviewer})::mapping_snapshot)`;

/** What the mapping is before the write, and what it says after. */
const BEFORE = snapshotOf('cur_', 'w.current_status', 'w.author', 'w.reviewer');
const AFTER = `CASE d.effect
  WHEN 'CREATE' THEN ${snapshotOf('c_', 'd.status', '$1::text', 'NULL')}
  WHEN 'UPDATE' THEN ${snapshotOf('c_', 'd.status', '$1::text', 'NULL')}
  WHEN 'PROPOSE_REVISION' THEN ${snapshotOf('c_', 'd.status', '$1::text', 'NULL')}
  WHEN 'APPROVE_REVISION' THEN ${snapshotOf('c_', "'PUBLISHED'", 'w.pending_author', '$1::text')}
  WHEN 'APPROVE' THEN ${snapshotOf('cur_', 'd.status', 'w.author', '$1::text')}
  WHEN 'SUBMIT' THEN ${snapshotOf('cur_', 'd.status', 'w.author', 'w.reviewer')}
  WHEN 'REJECT' THEN ${snapshotOf('cur_', 'd.status', 'w.author', 'w.reviewer')}
  WHEN 'REJECT_REVISION' THEN ${BEFORE}
END`;

/**
 * The columns of `mapping_write` the later statements read. The bases and the
 * request's own values only serve to compute the content: leaving them out
 * keeps the table a third narrower, and every later statement scans it whole.
 */
const KEPT = [
  'ord',
  'line',
  'intent',
  'system',
  'local_code',
  'code_key',
  'req_id',
  'match',
  'version',
  'action',
  'given',
  'system_exists',
  'periods',
  'exists',
  'id',
  'current_version',
  'current_status',
  'author',
  'reviewer',
  'current_domain',
  'pending_id',
  'pending',
  'pending_author',
  'cur_local_code',
  ...COLUMNS.map((column) => `cur_${column}`),
  ...COLUMNS.map((column) => `c_${column}`),
];

/** The validity of the write's content as a range; null when its dates are not ordered (a PERIOD_ORDER problem of its own). */
const PERIOD = `CASE WHEN w.c_valid_from < w.c_valid_to OR w.c_valid_from IS NULL OR w.c_valid_to IS NULL
  THEN daterange(w.c_valid_from, w.c_valid_to, '[)') END`;

/**
 * The SQL of the one writer of mappings. A write is copied into a temporary
 * table of the caller's transaction (`mapping_request`), resolved against the
 * dictionary under the locks into `mapping_write` in one statement, decided
 * once per kind of row (the status machine and the access policy run in Node;
 * the decisions go to `mapping_decision`, a row per kind, joined where
 * needed), checked in a few set-based statements, then applied in a few
 * more. The same statements serve one edit and an import of a million
 * mappings; none rewrites the staged rows.
 */
@Injectable()
export class MappingWriteRepository {
  constructor(private readonly changeLog: ChangeLogRepository) {}

  async create(manager: EntityManager): Promise<void> {
    await manager.query(`DROP TABLE IF EXISTS mapping_request, mapping_write, mapping_decision`);
    await manager.query(`
      CREATE TEMP TABLE mapping_request (
        ord int NOT NULL, line int, intent text NOT NULL, system text NOT NULL, local_code text NOT NULL, code_key text NOT NULL,
        req_id uuid, match text NOT NULL, version int, action text,
        -- the fields the write gives (bit i: FIELDS[i]) and their values
        given int NOT NULL, label text, relation text, concept text, valid_from date, valid_to date, note text, justification text,
        confidence numeric
      ) ON COMMIT DROP`);
  }

  /** Copies rows into the staging table (COPY: a fraction of the cost of an INSERT of as many values). */
  async stage(manager: EntityManager, rows: readonly StagedMapping[]): Promise<void> {
    if (!rows.length) return;
    const client = (await manager.queryRunner!.connect()) as PoolClient;
    let text = '';
    for (const r of rows) {
      let given = 0;
      const values = FIELDS.map((field, i) => {
        if (r.patch[field] === undefined) return null;
        given |= 1 << i;
        return r.patch[field];
      });
      text +=
        [r.ord, r.line, r.intent, r.system, r.localCode, r.codeKey, r.id, r.match, r.version, r.action, given, ...values]
          .map(copyText)
          .join('\t') + '\n';
    }
    await pipeline(Readable.from([text]), client.query(copyFrom(`COPY mapping_request FROM STDIN`)));
  }

  /**
   * Memory for each sort and hash of a large write's statements, until its
   * transaction ends. With PostgreSQL's default (4 MB) the checks of a million
   * rows spilled their hash tables to disk: finding the codes named twice
   * took 4.0 s, 2.1 s with this. One import runs at a time.
   */
  async allowBulkMemory(manager: EntityManager): Promise<void> {
    await manager.query(`SET LOCAL work_mem = '128MB'`);
  }

  /** The systems the write names, for their locks. */
  async systemsNamed(manager: EntityManager): Promise<string[]> {
    const rows: { system: string }[] = await manager.query(`SELECT DISTINCT system FROM mapping_request ORDER BY 1`);
    return rows.map((row) => row.system);
  }

  /**
   * Writers of a system's mappings take turns on its row. Lock order
   * everywhere: information_system rows (FOR UPDATE, by code), then domain
   * rows (FOR SHARE here, FOR UPDATE by the concept writer, by code). Readers
   * take no lock.
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
        SELECT c.domain_code AS d FROM concept c WHERE c.code IN (SELECT DISTINCT concept FROM mapping_request)
        UNION ALL
        SELECT c.domain_code FROM mapping m JOIN concept c ON c.id = m.concept_id
        WHERE (m.system_code, m.local_code_key) IN (SELECT system, code_key FROM mapping_request)
        UNION ALL
        SELECT c.domain_code FROM revision r JOIN mapping m ON m.id = r.entity_id JOIN concept c ON c.code = r.proposed ->> 'concept'
        WHERE r.entity_type = 'MAPPING' AND r.status = 'PENDING'
          AND (m.system_code, m.local_code_key) IN (SELECT system, code_key FROM mapping_request)
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
   * write names, and what each will say: its content (the fields given over
   * the mapping's, or over its pending revision's for an edit of a published
   * one), its concept, its domains, and its kind (what decides its effect).
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
      )
      SELECT ${KEPT.map((column) => `x.${column}`).join(', ')},
        t.id AS concept_id, t.status AS concept_status,
        t.id IS NOT NULL AND (t.status IN ('PUBLISHED', 'DEPRECATED') OR $2::text[] IS NULL OR t.domain_code = ANY($2)) AS concept_visible,
        a.domain AS after_domain,
        x.c_concept IS DISTINCT FROM x.cur_concept AS repoints,
        CASE WHEN NOT x.system_exists OR x.periods IS NOT NULL
               OR (NOT x.exists AND x.intent NOT IN ('CREATE', 'IMPORT'))
               OR (x.given & 4 <> 0 AND x.c_concept IS NOT NULL
                   AND NOT (t.id IS NOT NULL AND (t.status IN ('PUBLISHED', 'DEPRECATED') OR $2::text[] IS NULL OR t.domain_code = ANY($2))))
             THEN NULL
             ELSE concat_ws('|', x.intent, COALESCE(x.action, ''), x.exists, COALESCE(x.current_status, ''),
               COALESCE(x.current_domain, a.domain, ''), COALESCE(a.domain, ''), COALESCE(x.current_review, false) OR a.review,
               x.author IS NOT DISTINCT FROM $1, x.pending_id IS NOT NULL, x.pending_author IS NOT DISTINCT FROM $1,
               -- a version names what the writer read of an existing mapping; a file's row for a new one creates it
               NOT x.exists OR x.version IS NULL OR x.version = x.current_version, NOT x.exists OR (${CHANGES}))
        END AS kind
      FROM (
        SELECT f.*,
          ${content}
        FROM (
          SELECT r.*, s.code IS NOT NULL AS system_exists, kd.code AS kind_domain, COALESCE(kd.requires_review, true) AS kind_review,
            sv.periods, m.id IS NOT NULL AS exists, COALESCE(m.id, ordered_uuid()) AS id,
            m.version AS current_version, m.status AS current_status, m.author, m.reviewer, m.local_code AS cur_local_code,
            m.local_label AS cur_label, m.relation AS cur_relation, cc.code AS cur_concept, m.valid_from AS cur_valid_from,
            m.valid_to AS cur_valid_to, m.note AS cur_note, m.justification AS cur_justification, m.confidence AS cur_confidence,
            CASE WHEN m.id IS NULL THEN NULL WHEN cc.id IS NULL THEN kd.code ELSE cc.domain_code END AS current_domain,
            CASE WHEN m.id IS NULL THEN NULL WHEN cc.id IS NULL THEN COALESCE(kd.requires_review, true) ELSE cd.requires_review END AS current_review,
            p.id AS pending_id, p.proposed AS pending, p.author AS pending_author,
            ${base}
          FROM mapping_request r
          LEFT JOIN information_system s ON s.code = r.system
          LEFT JOIN domain kd ON kd.code = s.kind
          LEFT JOIN several sv ON sv.system_code = r.system AND sv.local_code_key = r.code_key
          LEFT JOIN mapping m ON m.system_code = r.system AND m.local_code_key = r.code_key AND CASE r.match
            WHEN 'id' THEN m.id = r.req_id
            WHEN 'period' THEN m.valid_from IS NOT DISTINCT FROM r.valid_from
            ELSE sv.periods IS NULL END
          LEFT JOIN concept cc ON cc.id = m.concept_id
          LEFT JOIN domain cd ON cd.code = cc.domain_code
          LEFT JOIN revision p ON p.entity_type = 'MAPPING' AND p.entity_id = m.id AND p.status = 'PENDING'
        ) f
      ) x
      LEFT JOIN concept t ON t.code = x.c_concept
      LEFT JOIN domain td ON td.code = t.domain_code
      CROSS JOIN LATERAL (
        SELECT CASE WHEN x.c_concept IS NULL THEN x.kind_domain ELSE t.domain_code END AS domain,
               CASE WHEN x.c_concept IS NULL THEN x.kind_review ELSE COALESCE(td.requires_review, true) END AS review
      ) a`,
      [me, readable],
    );
    await manager.query(`ANALYZE mapping_write`);
  }

  /**
   * Problems found before deciding: unknown systems and concepts, mappings not
   * found or not named clearly, content that breaks a rule. The rules of one
   * row are asked of each row in one pass over the write (a pass per rule
   * cost a second more on a million rows); a code named twice needs the
   * others.
   */
  requestProblems(manager: EntityManager): Promise<WriteProblem[]> {
    return manager.query(`
      SELECT ord, field, reason, message, values FROM (
        SELECT w.ord, p.field, p.reason, p.message, p.values
        FROM mapping_write w
        -- the content rules concern a write that gives content to a mapping found, or to a new one
        CROSS JOIN LATERAL (
          SELECT w.intent IN ('CREATE', 'UPDATE', 'IMPORT') AND w.system_exists AND w.periods IS NULL
                 AND (w.exists OR w.intent <> 'UPDATE') AS checked
        ) content
        CROSS JOIN LATERAL (
            SELECT 'system' AS field, 'UNKNOWN_SYSTEM' AS reason, format('Unknown information system "%s"', w.system) AS message,
                   jsonb_build_object('system', w.system) AS values
            WHERE NOT w.system_exists
          UNION ALL
            SELECT CASE WHEN w.intent = 'IMPORT' THEN 'validFrom' ELSE 'id' END, 'PERIOD_AMBIGUOUS',
                   format('%s/%s has %s validity periods: %s', w.system, w.code_key, w.periods,
                          CASE WHEN w.intent = 'IMPORT' THEN 'give the start of the one meant (validFrom)' ELSE 'name the one meant by its id' END),
                   jsonb_build_object('periods', w.periods)
            WHERE w.system_exists AND w.periods IS NOT NULL
          UNION ALL
            SELECT CASE WHEN w.match = 'id' THEN 'id' ELSE 'localCode' END, 'NOT_FOUND',
                   format('No mapping of "%s" in %s%s', w.code_key, w.system, CASE WHEN w.match = 'id' THEN format(' with id %s', w.req_id) ELSE '' END),
                   jsonb_build_object('system', w.system, 'localCode', w.code_key)
            WHERE w.system_exists AND w.periods IS NULL AND NOT w.exists AND w.intent NOT IN ('CREATE', 'IMPORT')
          UNION ALL
            SELECT 'concept', 'UNKNOWN_CONCEPT', format('Unknown concept "%s"', w.c_concept), jsonb_build_object('concept', w.c_concept)
            WHERE w.given & 4 <> 0 AND w.c_concept IS NOT NULL AND NOT w.concept_visible AND w.periods IS NULL
          UNION ALL
            SELECT 'relation', 'REQUIRED', 'The relation is required', NULL
            WHERE content.checked AND w.c_relation IS NULL AND w.given & 2 = 0
          UNION ALL
            SELECT 'concept', 'REQUIRED',
                   format('"concept" is required with the relation %s (use UNMAPPED for a code without equivalent)', w.c_relation),
                   jsonb_build_object('relation', w.c_relation)
            WHERE content.checked AND w.c_relation <> 'UNMAPPED' AND w.c_concept IS NULL
          UNION ALL
            SELECT 'concept', 'CONCEPT_WITH_UNMAPPED',
                   format('An UNMAPPED code has no concept (%s given): set "concept" to null', w.c_concept), jsonb_build_object('concept', w.c_concept)
            WHERE content.checked AND w.c_relation = 'UNMAPPED' AND w.c_concept IS NOT NULL
          UNION ALL
            SELECT 'validTo', 'PERIOD_ORDER',
                   format('"validTo" (exclusive, %s) must come after "validFrom" (%s)', w.c_valid_to, w.c_valid_from),
                   jsonb_build_object('validFrom', w.c_valid_from, 'validTo', w.c_valid_to)
            WHERE content.checked AND w.c_valid_from >= w.c_valid_to
        ) p
      UNION ALL
        SELECT w.ord, 'localCode', 'DUPLICATE_IN_REQUEST',
               format('%s/%s is already named earlier in this write (%s)', w.system, w.code_key,
                      COALESCE('line ' || w.first_line, 'item ' || (w.first + 1))),
               jsonb_build_object('system', w.system, 'localCode', w.code_key)
        FROM (SELECT ord, system, code_key, first_value(ord) OVER named AS first, first_value(line) OVER named AS first_line
              FROM mapping_write
              WHERE (system, code_key) IN (SELECT system, code_key FROM mapping_write GROUP BY 1, 2 HAVING count(*) > 1)
              WINDOW named AS (PARTITION BY system, code_key, CASE WHEN exists THEN id::text ELSE COALESCE(c_valid_from::text, '') END
                               ORDER BY ord)) w
        WHERE w.ord <> w.first
      ) problems ORDER BY ord, field`);
  }

  /** The kinds of row to decide, as `kind` text (see resolve). */
  async kinds(manager: EntityManager): Promise<string[]> {
    const rows: { kind: string }[] = await manager.query(`SELECT DISTINCT kind FROM mapping_write WHERE kind IS NOT NULL`);
    return rows.map((row) => row.kind);
  }

  /** Records each kind's decision, which every later statement joins by kind. */
  async recordDecisions(manager: EntityManager, decisions: readonly { kind: string; decision: MappingDecision }[]): Promise<void> {
    await manager.query(`
      CREATE TEMP TABLE mapping_decision (kind text PRIMARY KEY, effect text, status text, refusal jsonb) ON COMMIT DROP`);
    const rows = decisions.map(({ kind, decision }) =>
      'refusal' in decision ? { kind, refusal: decision.refusal } : { kind, effect: decision.effect, status: decision.status },
    );
    await manager.query(
      `INSERT INTO mapping_decision SELECT * FROM jsonb_to_recordset($1::jsonb) AS d(kind text, effect text, status text, refusal jsonb)`,
      [JSON.stringify(rows)],
    );
    await manager.query(`ANALYZE mapping_decision`);
  }

  /** The refusals of the decisions, with each mapping's key, versions and facts placed in them. */
  decisionProblems(manager: EntityManager): Promise<WriteProblem[]> {
    return manager.query(`
      SELECT w.ord, d.refusal ->> 'field' AS field, d.refusal ->> 'reason' AS reason,
        replace(replace(replace(d.refusal ->> 'message', '{key}', w.system || '/' || w.code_key),
          '{version}', COALESCE(w.version::text, '')), '{currentVersion}', COALESCE(w.current_version::text, '')) AS message,
        -- a stale version names the one now current, for the caller to reload
        COALESCE(d.refusal -> 'values', '{}') || CASE WHEN d.refusal ->> 'reason' = 'STALE_VERSION'
          THEN jsonb_build_object('currentVersion', w.current_version) ELSE '{}' END AS values
      FROM mapping_write w JOIN mapping_decision d ON d.kind = w.kind WHERE d.refusal IS NOT NULL ORDER BY w.ord`);
  }

  /**
   * The rules over the dictionary as it will be after the write: a mapping
   * created, re-pointed or published points to a published concept (or one
   * deprecated since, which translation follows to its successor: legacy
   * codes often meant one), never a draft or one in review; and the
   * validity periods of one local code never overlap (any status: a draft
   * that overlaps could never be published).
   */
  integrityProblems(manager: EntityManager): Promise<WriteProblem[]> {
    return manager.query(
      `
      WITH written AS (
        SELECT w.ord, w.id, w.system, w.code_key, w.c_concept, w.c_valid_from, w.c_valid_to, w.concept_id, w.concept_status, w.repoints,
               d.effect
        FROM mapping_write w JOIN mapping_decision d ON d.kind = w.kind WHERE d.effect = ANY($1)
      ),
      mine AS (
        SELECT w.ord, w.id, w.system, w.code_key, w.c_valid_from, w.effect = 'CREATE' AS created, ${PERIOD} AS period FROM written w
      ),
      stored AS (
        -- the periods of these codes as they will be: written rows by their content, the others as they are
        SELECT w.id, w.system, w.code_key, ${PERIOD} AS period, w.c_valid_from, w.effect = 'CREATE' AS created
        FROM written w WHERE w.effect = ANY($2)
        UNION ALL
        SELECT m.id, m.system_code, m.local_code_key, daterange(m.valid_from, m.valid_to, '[)'), m.valid_from, false
        FROM mapping m
        WHERE (m.system_code, m.local_code_key) IN (SELECT system, code_key FROM mine)
          AND NOT EXISTS (SELECT 1 FROM mapping_write w JOIN mapping_decision d ON d.kind = w.kind
                          WHERE w.id = m.id AND (d.effect = ANY($2) OR d.effect = 'DELETE'))
      ),
      -- only a code with two periods or more can overlap: most have one, and pairing each with itself costs more than counting
      crowded AS (
        SELECT system, code_key FROM stored GROUP BY 1, 2 HAVING count(*) > 1
      )
      SELECT ord, field, reason, message, values FROM (
        SELECT w.ord, 'concept' AS field, 'CONCEPT_NOT_PUBLISHED' AS reason,
               format('A mapping must point to a published concept (%s is %s)', w.c_concept, w.concept_status) AS message,
               jsonb_build_object('concept', w.c_concept, 'status', w.concept_status) AS values
        FROM written w
        WHERE w.concept_id IS NOT NULL AND w.concept_status NOT IN ('PUBLISHED', 'DEPRECATED') AND (w.repoints OR w.effect = 'APPROVE')
      UNION ALL
        (SELECT DISTINCT ON (a.ord) a.ord, 'validFrom', 'PERIOD_OVERLAP',
                format('%s/%s is also mapped from %s to %s: periods of one local code must not overlap', a.system, a.code_key,
                       COALESCE(lower(o.period)::text, 'the beginning'), COALESCE(upper(o.period)::text, 'no end')),
                jsonb_build_object('overlapsFrom', lower(o.period)::text, 'overlapsTo', upper(o.period)::text)
         FROM mine a JOIN crowded c ON c.system = a.system AND c.code_key = a.code_key
           JOIN stored o ON o.system = a.system AND o.code_key = a.code_key AND o.id <> a.id AND o.period && a.period
         -- two new mappings of a code from the same date are one mapping named twice, reported as such
         WHERE NOT (a.created AND o.created AND o.c_valid_from IS NOT DISTINCT FROM a.c_valid_from))
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
       SELECT w.id, w.system, w.local_code, w.concept_id, w.c_label, w.c_relation, w.c_valid_from, w.c_valid_to, w.c_note, w.c_justification,
              w.c_confidence, d.status, $1
       FROM mapping_write w JOIN mapping_decision d ON d.kind = w.kind WHERE d.effect = 'CREATE'`,
      [me],
    );
    const [, changed]: [unknown, number] = await manager.query(
      `UPDATE mapping m SET concept_id = w.concept_id, local_label = w.c_label, relation = w.c_relation, valid_from = w.c_valid_from,
         valid_to = w.c_valid_to, note = w.c_note, justification = w.c_justification, confidence = w.c_confidence, status = d.status,
         author = CASE d.effect WHEN 'UPDATE' THEN $1 WHEN 'APPROVE_REVISION' THEN w.pending_author ELSE m.author END,
         reviewer = CASE d.effect WHEN 'UPDATE' THEN NULL WHEN 'APPROVE_REVISION' THEN $1 WHEN 'APPROVE' THEN $1 ELSE m.reviewer END,
         version = m.version + 1, updated_at = now()
       FROM mapping_write w JOIN mapping_decision d ON d.kind = w.kind
       WHERE m.id = w.id AND m.version = w.current_version AND d.effect = ANY($2)`,
      [me, ROW_WRITES],
    );
    // a proposal, or the rejection of one, only moves the lock
    const [, bumped]: [unknown, number] = await manager.query(
      `UPDATE mapping m SET version = m.version + 1 FROM mapping_write w JOIN mapping_decision d ON d.kind = w.kind
       WHERE m.id = w.id AND m.version = w.current_version AND d.effect IN ('PROPOSE_REVISION', 'REJECT_REVISION')`,
    );
    const [deleted]: [{ row: MappingRow }[], number] = await manager.query(
      `DELETE FROM mapping m USING mapping_write w JOIN mapping_decision d ON d.kind = w.kind
       WHERE m.id = w.id AND m.version = w.current_version AND d.effect = 'DELETE'
       RETURNING to_jsonb(m) AS row`,
    );
    const [{ expected }]: { expected: number }[] = await manager.query(
      `SELECT count(*)::int AS expected FROM mapping_write w JOIN mapping_decision d ON d.kind = w.kind
       WHERE d.effect = ANY($1) OR d.effect IN ('PROPOSE_REVISION', 'REJECT_REVISION', 'DELETE')`,
      [ROW_WRITES],
    );
    await manager.query(
      `INSERT INTO revision (entity_type, entity_id, proposed, author, reason)
       SELECT 'MAPPING', w.id, ${AFTER}, $1, $2 FROM mapping_write w JOIN mapping_decision d ON d.kind = w.kind
       WHERE d.effect = 'PROPOSE_REVISION'
       ON CONFLICT (entity_type, entity_id) WHERE status = 'PENDING'
       DO UPDATE SET proposed = EXCLUDED.proposed, author = EXCLUDED.author, reason = EXCLUDED.reason, updated_at = now()`,
      [me, reason],
    );
    await manager.query(
      `UPDATE revision r SET status = CASE d.effect WHEN 'APPROVE_REVISION' THEN 'APPROVED' ELSE 'REJECTED' END,
         reviewer = $1, decision_reason = $2, decided_at = now(), updated_at = now()
       FROM mapping_write w JOIN mapping_decision d ON d.kind = w.kind
       WHERE r.id = w.pending_id AND r.status = 'PENDING' AND d.effect IN ('APPROVE_REVISION', 'REJECT_REVISION', 'DELETE')`,
      [me, reason],
    );
    // change rows in no particular order within the write: sorting a million rows would cost more than it tells
    await this.changeLog.recordSelected(
      manager,
      `SELECT $1, 'MAPPING', w.id::text, w.system || '/' || w.code_key,
         CASE WHEN d.effect IN ('CREATE', 'UPDATE', 'APPROVE_REVISION') THEN w.after_domain ELSE w.current_domain END, d.effect,
         CASE d.effect WHEN 'CREATE' THEN NULL WHEN 'PROPOSE_REVISION' THEN COALESCE(w.pending, ${BEFORE}) WHEN 'REJECT_REVISION' THEN w.pending
           ELSE ${BEFORE} END,
         ${AFTER}, $2
       FROM mapping_write w JOIN mapping_decision d ON d.kind = w.kind WHERE d.effect <> 'UNCHANGED'`,
      [me, reason],
    );
    return { expected, written: changed + bumped + deleted.length, deleted: deleted.map((d) => d.row) };
  }

  /** The outcome of the mappings staged among the first `before` of the write. */
  outcomes(manager: EntityManager, before: number): Promise<MappingOutcome[]> {
    return manager.query(
      `SELECT w.ord, w.system || '/' || w.code_key AS key, CASE WHEN w.exists OR d.effect = 'CREATE' THEN w.id END AS id, d.effect,
              COALESCE(d.status, w.current_status) AS status, w.line
       FROM mapping_write w LEFT JOIN mapping_decision d ON d.kind = w.kind WHERE w.ord < $1 ORDER BY w.ord`,
      [before],
    );
  }

  /** The write in numbers; `sentToReview`: new mappings that arrive in review (a steward's file where review is required). */
  async counts(manager: EntityManager): Promise<MappingCounts & { sentToReview: number }> {
    const [row]: (MappingCounts & { sentToReview: number })[] = await manager.query(`
      SELECT count(*) FILTER (WHERE d.effect = 'CREATE')::int AS created,
             count(*) FILTER (WHERE d.effect NOT IN ('CREATE', 'UNCHANGED', 'PROPOSE_REVISION'))::int AS updated,
             count(*) FILTER (WHERE d.effect = 'UNCHANGED')::int AS unchanged,
             count(*) FILTER (WHERE d.effect = 'PROPOSE_REVISION')::int AS proposed,
             count(*) FILTER (WHERE d.effect = 'CREATE' AND d.status = 'IN_REVIEW')::int AS "sentToReview"
      FROM mapping_write w JOIN mapping_decision d ON d.kind = w.kind`);
    return row;
  }

  /**
   * The planner's statistics of the tables a large write filled, in its
   * transaction (rows it inserted count as live; the figures commit with it).
   */
  async refreshStatistics(manager: EntityManager): Promise<void> {
    await manager.query(`ANALYZE mapping`);
  }
}

const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_SPECIALS = /[\\\t\n\r]/g;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A value in COPY's text format: \N for null, backslash escapes for the characters COPY reads specially. */
function copyText(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  const text = String(value);
  // nearly no value holds one: testing first spares a replace per value of a million rows
  return COPY_SPECIAL.test(text) ? text.replace(COPY_SPECIALS, (c) => COPY_ESCAPES[c]) : text;
}
