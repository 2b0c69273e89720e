import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CONCEPT_SNAPSHOT_SQL } from '@lexique/vocabulary';

export type ReviewItemKind = 'NEW_CONCEPT' | 'CONCEPT_REVISION' | 'NEW_MAPPING' | 'MAPPING_REVISION';

export interface QueuedItem {
  kind: ReviewItemKind;
  /** The concept's or the mapping's id. */
  id: string;
  key: string;
  domain: string | null;
  requiresReview: boolean;
  author: string | null;
  since: Date;
  /** \`since\` to the microsecond, for cursors. */
  position: string;
  version: number;
  reason: string | null;
  /** What readers see now (null for a new entry) and what the change makes of it. */
  current: Record<string, unknown> | null;
  proposed: Record<string, unknown>;
}

/** Where a page starts: after this item, in queue order. */
export interface QueuePosition {
  since: string;
  kind: string;
  key: string;
  id: string;
}

/** A mapping as its change rows record it, for the diff a reviewer reads. */
const MAPPING_SNAPSHOT = `jsonb_build_object(
  'system', m.system_code, 'localCode', m.local_code, 'localLabel', m.local_label, 'relation', m.relation,
  'concept', (SELECT code FROM concept WHERE id = m.concept_id), 'note', m.note, 'validFrom', m.valid_from::text,
  'validTo', m.valid_to::text, 'justification', m.justification, 'confidence', m.confidence::float8,
  'status', m.status, 'author', m.author, 'reviewer', m.reviewer)`;

/**
 * Everything that waits for a second person, as one list: concepts in
 * review, pending revisions (concepts and mappings), mappings in review.
 * A mapping belongs to its concept's domain, or to the one named like its
 * system's kind when it maps to nothing. The snapshots are read for a page
 * only (see \`page\`).
 */
const QUEUE = `
  SELECT 'NEW_CONCEPT' AS kind, c.id, c.code AS key, c.domain_code AS domain, d.requires_review, c.last_editor AS author,
         c.updated_at AS since, c.version, NULL::text AS reason
  FROM concept c JOIN domain d ON d.code = c.domain_code WHERE c.status = 'IN_REVIEW'
  UNION ALL
  SELECT 'CONCEPT_REVISION', c.id, c.code, c.domain_code, d.requires_review, r.author, r.updated_at, c.version, r.reason
  FROM revision r JOIN concept c ON c.id = r.entity_id JOIN domain d ON d.code = c.domain_code
  WHERE r.entity_type = 'CONCEPT' AND r.status = 'PENDING'
  UNION ALL
  SELECT 'NEW_MAPPING', m.id, m.system_code || '/' || m.local_code_key, COALESCE(c.domain_code, kd.code),
         COALESCE(cd.requires_review, kd.requires_review, true), m.author, m.updated_at, m.version, NULL
  FROM mapping m JOIN information_system s ON s.code = m.system_code LEFT JOIN concept c ON c.id = m.concept_id
    LEFT JOIN domain cd ON cd.code = c.domain_code LEFT JOIN domain kd ON kd.code = s.kind
  WHERE m.status = 'IN_REVIEW'
  UNION ALL
  SELECT 'MAPPING_REVISION', m.id, m.system_code || '/' || m.local_code_key, COALESCE(c.domain_code, kd.code),
         COALESCE(cd.requires_review, kd.requires_review, true), r.author, r.updated_at, m.version, r.reason
  FROM revision r JOIN mapping m ON m.id = r.entity_id JOIN information_system s ON s.code = m.system_code
    LEFT JOIN concept c ON c.id = m.concept_id LEFT JOIN domain cd ON cd.code = c.domain_code LEFT JOIN domain kd ON kd.code = s.kind
  WHERE r.entity_type = 'MAPPING' AND r.status = 'PENDING'`;

/** What readers see now of an item, and what the change makes of it. */
const CURRENT = `CASE page.kind
    WHEN 'CONCEPT_REVISION' THEN (SELECT ${CONCEPT_SNAPSHOT_SQL} FROM concept c WHERE c.id = page.id)
    WHEN 'MAPPING_REVISION' THEN (SELECT ${MAPPING_SNAPSHOT} FROM mapping m WHERE m.id = page.id)
  END`;
const PROPOSED = `CASE page.kind
    WHEN 'NEW_CONCEPT' THEN (SELECT ${CONCEPT_SNAPSHOT_SQL} FROM concept c WHERE c.id = page.id)
    WHEN 'NEW_MAPPING' THEN (SELECT ${MAPPING_SNAPSHOT} FROM mapping m WHERE m.id = page.id)
    ELSE (SELECT r.proposed FROM revision r WHERE r.entity_id = page.id AND r.status = 'PENDING')
  END`;

@Injectable()
export class ReviewQueueRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A page of the queue in these domains (null: all), oldest first (changes made together by key); one row more than asked tells a next page exists. */
  page(domains: readonly string[] | null, after: QueuePosition | null, limit: number): Promise<QueuedItem[]> {
    return this.dataSource.query(
      `WITH page AS (
         SELECT * FROM (${QUEUE}) item
         WHERE ($1::text[] IS NULL OR domain = ANY($1))
           AND ($2::timestamptz IS NULL OR (since, kind, key, id::text) > ($2, $3, $4, $5))
         ORDER BY since, kind, key, id::text LIMIT $6
       )
       SELECT kind, id, key, domain, requires_review AS "requiresReview", author, since, since::text AS position, version, reason,
              ${CURRENT} AS current, ${PROPOSED} AS proposed
       FROM page ORDER BY since, kind, key, id::text`,
      [domains, after?.since ?? null, after?.kind ?? null, after?.key ?? null, after?.id ?? null, limit],
    );
  }

  /** How many items wait per domain, and since when. */
  countsByDomain(domains: readonly string[] | null): Promise<{ domain: string | null; count: number; oldestSince: Date }[]> {
    return this.dataSource.query(
      `SELECT domain, count(*)::int AS count, min(since) AS "oldestSince" FROM (${QUEUE}) item
       WHERE ($1::text[] IS NULL OR domain = ANY($1)) GROUP BY domain ORDER BY domain NULLS LAST`,
      [domains],
    );
  }
}
