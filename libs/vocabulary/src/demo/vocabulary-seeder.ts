import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { LocalizedText, LocalizedTexts } from '@lexique/core';
import { ChangeLogRepository, ChangeRecord } from '@lexique/database';

/** The shape of domains and concepts in `demo/vocabulary.json`. */
export interface DomainDocument {
  code: string;
  label: LocalizedText;
  description?: LocalizedText;
  requiresReview?: boolean;
}

export interface ConceptDocument {
  domain: string;
  code: string;
  status: string;
  prefLabel: LocalizedText;
  altLabels?: LocalizedTexts;
  acronyms?: string[];
  hiddenLabels?: string[];
  definition?: LocalizedText;
  scopeNote?: LocalizedText;
  source?: string;
  broader?: string[];
  related?: string[];
  replacedBy?: string;
}

/**
 * Writes a whole vocabulary into an empty database in a few set-based
 * statements, recording one change row per domain and concept. Used for the
 * demo data on first start and by `lexique seed`; the database constraints
 * still check every row.
 */
@Injectable()
export class VocabularySeeder {
  constructor(private readonly changeLog: ChangeLogRepository) {}

  async seed(manager: EntityManager, principal: string, domains: DomainDocument[], concepts: ConceptDocument[], reason: string) {
    await manager.query(
      `INSERT INTO domain (code, label, description, requires_review)
       SELECT * FROM unnest($1::text[], $2::jsonb[], $3::jsonb[], $4::boolean[])`,
      [
        domains.map((d) => d.code),
        domains.map((d) => JSON.stringify(d.label)),
        domains.map((d) => JSON.stringify(d.description ?? {})),
        domains.map((d) => d.requiresReview ?? true),
      ],
    );
    const inserted: { id: string; code: string }[] = await manager.query(
      `INSERT INTO concept (code, domain_code, status, pref_label, alt_labels, hidden_labels, acronyms, definition, scope_note, source, first_published_at)
       SELECT t.code, t.domain, t.status, t.pref, t.alt, ARRAY(SELECT jsonb_array_elements_text(t.hidden)), ARRAY(SELECT jsonb_array_elements_text(t.acronyms)), t.def, t.scope, t.source,
         CASE WHEN t.status = 'PUBLISHED' THEN now() END
       FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::jsonb[], $6::jsonb[], $7::jsonb[], $8::jsonb[], $9::jsonb[], $10::text[])
         AS t(code, domain, status, pref, alt, hidden, acronyms, def, scope, source)
       RETURNING id, code`,
      [
        concepts.map((c) => c.code),
        concepts.map((c) => c.domain),
        // a deprecated concept is inserted published, then deprecated once its successor exists
        concepts.map((c) => (c.status === 'DEPRECATED' ? 'PUBLISHED' : c.status)),
        concepts.map((c) => JSON.stringify(c.prefLabel)),
        concepts.map((c) => JSON.stringify(nonEmpty(c.altLabels ?? {}))),
        concepts.map((c) => JSON.stringify(c.hiddenLabels ?? [])),
        concepts.map((c) => JSON.stringify(c.acronyms ?? [])),
        concepts.map((c) => JSON.stringify(c.definition ?? {})),
        concepts.map((c) => JSON.stringify(c.scopeNote ?? {})),
        concepts.map((c) => c.source ?? null),
      ],
    );
    const idOf = new Map(inserted.map((row) => [row.code, row.id]));
    const id = (code: string, from: string) => {
      const found = idOf.get(code);
      if (!found) throw new Error(`Concept ${from} refers to unknown concept ${code}`);
      return found;
    };

    const broader = concepts.flatMap((c) => (c.broader ?? []).map((b) => [id(c.code, c.code), id(b, c.code)]));
    await insertPairs(manager, 'concept_broader', 'concept_id', 'broader_id', broader);
    const related = new Set<string>();
    for (const c of concepts) {
      for (const r of c.related ?? []) {
        related.add(`${id(c.code, c.code)}|${id(r, c.code)}`);
        related.add(`${id(r, c.code)}|${id(c.code, c.code)}`);
      }
    }
    await insertPairs(manager, 'concept_related', 'concept_id', 'related_id', [...related].map((pair) => pair.split('|')));

    const deprecated = concepts.filter((c) => c.status === 'DEPRECATED');
    if (deprecated.length) {
      await manager.query(
        `UPDATE concept c SET status = 'DEPRECATED', replaced_by_id = t.successor
         FROM unnest($1::uuid[], $2::uuid[]) AS t(id, successor) WHERE c.id = t.id`,
        [deprecated.map((c) => id(c.code, c.code)), deprecated.map((c) => (c.replacedBy ? id(c.replacedBy, c.code) : null))],
      );
    }

    const changes: ChangeRecord[] = [
      ...domains.map((d) => ({ principal, entityType: 'DOMAIN' as const, entityId: d.code, entityKey: d.code, domain: d.code, action: 'CREATE', after: d, reason })),
      ...concepts.map((c) => ({ principal, entityType: 'CONCEPT' as const, entityId: idOf.get(c.code)!, entityKey: c.code, domain: c.domain, action: 'CREATE', after: c, reason })),
    ];
    await this.changeLog.record(manager, changes);
    return { domains: domains.length, concepts: concepts.length };
  }
}

function nonEmpty(texts: LocalizedTexts): LocalizedTexts {
  return Object.fromEntries(Object.entries(texts).filter(([, values]) => values && values.length > 0));
}

async function insertPairs(manager: EntityManager, table: string, left: string, right: string, pairs: string[][]) {
  if (pairs.length === 0) return;
  await manager.query(`INSERT INTO ${table} (${left}, ${right}) SELECT * FROM unnest($1::uuid[], $2::uuid[]) ON CONFLICT DO NOTHING`, [
    pairs.map((p) => p[0]),
    pairs.map((p) => p[1]),
  ]);
}
