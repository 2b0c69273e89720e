import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { conflict, LocalizedText } from '@lexique/core';
import { ConceptStatus } from '../concepts/concept-status';
import { ConceptEntity } from '../concepts/concept.entity';
import { ConceptContent } from './concept-content';
import { ConceptSnapshot } from './concept-snapshot';

export interface LockedDomain {
  code: string;
  requiresReview: boolean;
}

/** Columns a write may set besides the content. */
export interface ConceptStateChange {
  code?: string;
  status?: ConceptStatus;
  replacedById?: string | null;
  lastEditor?: string;
  published?: boolean;
}

export interface ConceptRef {
  id: string;
  code: string;
  domain: string;
  status: ConceptStatus;
}

/**
 * The SQL of concept writes. Every method takes the caller's transaction;
 * the service decides what to write.
 */
@Injectable()
export class ConceptWriterRepository {
  /**
   * Locks the domain row for the rest of the transaction. Writers of one
   * domain take turns, so two of them cannot each add half of a broader
   * cycle, or the same preferred label, without seeing the other's.
   */
  async lockDomain(manager: EntityManager, code: string): Promise<LockedDomain | null> {
    const [row]: LockedDomain[] = await manager.query(
      `SELECT code, requires_review AS "requiresReview" FROM domain WHERE code = $1 FOR UPDATE`,
      [code],
    );
    return row ?? null;
  }

  findByCode(manager: EntityManager, code: string): Promise<ConceptEntity | null> {
    return manager.getRepository(ConceptEntity).findOne({ where: { code } });
  }

  async refsByCodes(manager: EntityManager, codes: readonly string[]): Promise<Map<string, ConceptRef>> {
    if (codes.length === 0) return new Map();
    const rows: ConceptRef[] = await manager.query(`SELECT id, code, domain_code AS domain, status FROM concept WHERE code = ANY($1)`, [
      codes,
    ]);
    return new Map(rows.map((row) => [row.code, row]));
  }

  async snapshot(manager: EntityManager, id: string): Promise<ConceptSnapshot> {
    const [row] = await this.snapshots(manager, [id]);
    return row.snapshot;
  }

  async snapshots(manager: EntityManager, ids: readonly string[]): Promise<{ id: string; snapshot: ConceptSnapshot }[]> {
    if (ids.length === 0) return [];
    const rows: (ConceptSnapshot & { id: string })[] = await manager.query(
      `SELECT c.id, c.code, c.domain_code AS domain, c.status, c.pref_label AS "prefLabel", c.alt_labels AS "altLabels",
              c.hidden_labels AS "hiddenLabels", c.acronyms, c.definition, c.scope_note AS "scopeNote", c.source,
              ARRAY(SELECT b.code FROM concept_broader l JOIN concept b ON b.id = l.broader_id WHERE l.concept_id = c.id ORDER BY b.code) AS broader,
              ARRAY(SELECT r.code FROM concept_related l JOIN concept r ON r.id = l.related_id WHERE l.concept_id = c.id ORDER BY r.code) AS related,
              (SELECT s.code FROM concept s WHERE s.id = c.replaced_by_id) AS "replacedBy"
       FROM concept c WHERE c.id = ANY($1::uuid[])`,
      [ids],
    );
    return rows.map(({ id, ...snapshot }) => ({ id, snapshot }));
  }

  /** Languages in which another live concept of the domain has the same preferred label (ignoring case and accents), with its code. */
  async duplicatePrefLabels(
    manager: EntityManager,
    domain: string,
    labels: LocalizedText,
    exceptId: string | null,
  ): Promise<{ lang: string; code: string }[]> {
    return manager.query(
      `SELECT l.key AS lang, min(c.code) AS code
       FROM concept c CROSS JOIN LATERAL jsonb_each_text(c.pref_label) l
       WHERE c.domain_code = $1 AND c.status <> 'DEPRECATED' AND c.id IS DISTINCT FROM $3::uuid
         AND $2::jsonb ? l.key AND lower(unaccent(l.value)) = lower(unaccent($2::jsonb ->> l.key))
       GROUP BY l.key ORDER BY l.key`,
      [domain, JSON.stringify(labels), exceptId],
    );
  }

  /** Whether making `broaderIds` broader than `conceptId` closes a cycle: `conceptId` is already above one of them. */
  async wouldCloseCycle(manager: EntityManager, conceptId: string, broaderIds: readonly string[]): Promise<boolean> {
    if (broaderIds.length === 0) return false;
    const [row]: { cycle: boolean }[] = await manager.query(
      `WITH RECURSIVE above(id) AS (
         SELECT unnest($2::uuid[])
         UNION
         SELECT l.broader_id FROM concept_broader l JOIN above a ON l.concept_id = a.id
       )
       SELECT EXISTS (SELECT 1 FROM above WHERE id = $1) AS cycle`,
      [conceptId, broaderIds],
    );
    return row.cycle;
  }

  async insert(
    manager: EntityManager,
    fields: { code: string; domain: string; content: ConceptContent; lastEditor: string },
  ): Promise<ConceptEntity> {
    const [row]: { id: string }[] = await manager.query(
      `INSERT INTO concept (code, domain_code, status, pref_label, alt_labels, hidden_labels, acronyms, definition, scope_note, source, last_editor)
       VALUES ($1, $2, 'DRAFT', $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [fields.code, fields.domain, ...contentParams(fields.content), fields.lastEditor],
    );
    return (await manager.getRepository(ConceptEntity).findOneBy({ id: row.id }))!;
  }

  /**
   * The optimistic lock: writes only if the row is still at `version` and
   * bumps it. Zero rows means someone else wrote first: CONFLICT with the
   * version now current, never a silent merge.
   */
  async update(
    manager: EntityManager,
    concept: ConceptEntity,
    version: number,
    change: { content?: ConceptContent } & ConceptStateChange,
  ): Promise<ConceptEntity> {
    const sets = ['version = version + 1'];
    const params: unknown[] = [concept.id, version];
    const set = (column: string, value: unknown) => {
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    };
    if (change.content) {
      const [pref, alt, hidden, acronyms, definition, scope, source] = contentParams(change.content);
      set('pref_label', pref);
      set('alt_labels', alt);
      set('hidden_labels', hidden);
      set('acronyms', acronyms);
      set('definition', definition);
      set('scope_note', scope);
      set('source', source);
    }
    if (change.code !== undefined) set('code', change.code);
    if (change.status !== undefined) set('status', change.status);
    if (change.replacedById !== undefined) set('replaced_by_id', change.replacedById);
    if (change.lastEditor !== undefined) set('last_editor', change.lastEditor);
    if (change.published) sets.push('first_published_at = coalesce(first_published_at, now())');
    // Content and status changes are what readers see change; a proposal or a decision on one only moves the lock.
    if (change.content || change.status || change.code) sets.push('updated_at = now()');
    const [rows]: [{ id: string }[], number] = await manager.query(
      `UPDATE concept SET ${sets.join(', ')} WHERE id = $1 AND version = $2 RETURNING id`,
      params,
    );
    if (rows.length === 0) {
      const [current]: { version: number }[] = await manager.query(`SELECT version FROM concept WHERE id = $1`, [concept.id]);
      throw staleVersion(concept.code, version, current?.version ?? null);
    }
    return (await manager.getRepository(ConceptEntity).findOneBy({ id: concept.id }))!;
  }

  /**
   * Related links are stored both ways, so writers of two related concepts
   * (of two domains, under two domain locks) write the same pairs and take
   * key-share locks on each other's rows. Before writing its row, each takes
   * one lock per concept involved, in one global order: they take turns
   * instead of deadlocking.
   */
  async lockRelations(manager: EntityManager, conceptId: string | null, relatedIds: readonly string[]): Promise<void> {
    await manager.query(
      `SELECT pg_advisory_xact_lock(k) FROM (
         SELECT DISTINCT hashtextextended('lexique:concept:' || id::text, 0) AS k
         FROM unnest(ARRAY[$1::uuid] || $2::uuid[] || ARRAY(SELECT related_id FROM concept_related WHERE concept_id = $1::uuid)) AS id
         WHERE id IS NOT NULL
         ORDER BY k OFFSET 0
       ) ordered`,
      [conceptId, relatedIds],
    );
  }

  /** Makes the links of a concept these ones, touching only the pairs that change. */
  async replaceLinks(
    manager: EntityManager,
    conceptId: string,
    broaderIds: readonly string[],
    relatedIds: readonly string[],
  ): Promise<void> {
    await manager.query(`DELETE FROM concept_broader WHERE concept_id = $1 AND broader_id <> ALL($2::uuid[])`, [conceptId, broaderIds]);
    await manager.query(`INSERT INTO concept_broader (concept_id, broader_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`, [
      conceptId,
      broaderIds,
    ]);
    await manager.query(
      `DELETE FROM concept_related
       WHERE (concept_id = $1 AND related_id <> ALL($2::uuid[])) OR (related_id = $1 AND concept_id <> ALL($2::uuid[]))`,
      [conceptId, relatedIds],
    );
    await manager.query(
      `INSERT INTO concept_related (concept_id, related_id)
       SELECT $1::uuid, r FROM unnest($2::uuid[]) r UNION SELECT r, $1::uuid FROM unnest($2::uuid[]) r
       ON CONFLICT DO NOTHING`,
      [conceptId, relatedIds],
    );
  }
}

export function staleVersion(code: string, named: number, current: number | null) {
  return conflict(
    `${code} has changed since you read it (you named version ${named}, it is at version ${current ?? '?'}): reload it and apply your change again`,
    { currentVersion: current },
  );
}

function contentParams(content: ConceptContent): unknown[] {
  return [
    JSON.stringify(content.prefLabel),
    JSON.stringify(content.altLabels),
    content.hiddenLabels,
    content.acronyms,
    JSON.stringify(content.definition),
    JSON.stringify(content.scopeNote),
    content.source,
  ];
}
