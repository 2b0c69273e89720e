import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { LocalizedText } from '@lexique/core';
import { ChangeLogRepository, ChangeRecord } from '@lexique/database';

/** The shape of systems and mappings in `demo/vocabulary.json`. */
export interface SystemDocument {
  code: string;
  name: string;
  kind: string;
  owner: string;
  ownerName: string;
  status: string;
  description?: LocalizedText;
}

export interface MappingDocument {
  system: string;
  localCode: string;
  localLabel?: string | null;
  concept: string | null;
  relation: string;
  note?: string;
  validFrom?: string;
  validTo?: string;
}

interface InsertedMapping extends Omit<MappingDocument, 'note' | 'validFrom' | 'validTo'> {
  id: string;
  domain: string | null;
  note: string | null;
  validFrom: string | null;
  validTo: string | null;
}

/**
 * Writes systems and mappings into a database whose concepts are loaded, in
 * set-based statements with one change row per system and mapping.
 */
@Injectable()
export class MappingsSeeder {
  constructor(private readonly changeLog: ChangeLogRepository) {}

  async seed(manager: EntityManager, principal: string, systems: SystemDocument[], mappings: MappingDocument[], reason: string) {
    await manager.query(
      `INSERT INTO information_system (code, name, kind, owner_code, owner_name, status, description)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[])`,
      [
        systems.map((s) => s.code),
        systems.map((s) => s.name),
        systems.map((s) => s.kind),
        systems.map((s) => s.owner),
        systems.map((s) => s.ownerName),
        systems.map((s) => s.status),
        systems.map((s) => JSON.stringify(s.description ?? {})),
      ],
    );
    // RETURNING order is not guaranteed to follow the input: change rows are built from what it returns.
    const inserted: InsertedMapping[] = await manager.query(
      // a mapping to a concept readers cannot see (a draft) is never published: it waits as a draft, as the writer would have it
      `INSERT INTO mapping (system_code, local_code, local_label, concept_id, relation, note, valid_from, valid_to, author, status)
       SELECT t.system, t.code, t.label, c.id, t.relation, t.note, t.valid_from, t.valid_to, $9,
              CASE WHEN c.id IS NULL OR c.status IN ('PUBLISHED', 'DEPRECATED') THEN 'PUBLISHED' ELSE 'DRAFT' END
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::date[], $8::date[])
         AS t(system, code, label, concept, relation, note, valid_from, valid_to)
       LEFT JOIN concept c ON c.code = t.concept
       RETURNING id, system_code AS system, local_code AS "localCode", local_label AS "localLabel", relation, note,
         valid_from::text AS "validFrom", valid_to::text AS "validTo", status, justification, author, reviewer,
         (SELECT code FROM concept WHERE id = concept_id) AS concept,
         (SELECT domain_code FROM concept WHERE id = concept_id) AS domain`,
      [
        mappings.map((m) => m.system),
        mappings.map((m) => m.localCode),
        mappings.map((m) => m.localLabel ?? null),
        mappings.map((m) => m.concept),
        mappings.map((m) => m.relation),
        mappings.map((m) => m.note ?? null),
        mappings.map((m) => m.validFrom ?? null),
        mappings.map((m) => m.validTo ?? null),
        principal,
      ],
    );
    const changes: ChangeRecord[] = [
      ...systems.map((s) => ({ principal, entityType: 'SYSTEM' as const, entityId: s.code, entityKey: s.code, action: 'CREATE', after: s, reason })),
      ...inserted.map(({ id, domain, ...after }) => ({
        principal,
        entityType: 'MAPPING' as const,
        entityId: id,
        entityKey: `${after.system}/${after.localCode}`,
        domain,
        action: 'CREATE',
        after,
        reason,
      })),
    ];
    await this.changeLog.record(manager, changes);
    return { systems: systems.length, mappings: mappings.length };
  }
}
