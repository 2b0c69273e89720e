import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Visibility } from '@lexique/vocabulary';
import { ConceptRecord, DomainRecord, MappingRecord, SystemRecord } from '../records';

/** Rows read per statement: exports page through the tables and never hold one whole. */
export const EXPORT_PAGE = 1000;

const PUBLIC = `('PUBLISHED', 'DEPRECATED')`;

/** SQL condition over alias `a`: the visibility rule of the vocabulary lib, with positional parameters $1 (all) and $2 (domains). */
const visible = (a: string) => `($1::boolean OR ${a}.status IN ${PUBLIC} OR ${a}.domain_code = ANY($2::text[]))`;

/** Whether the caller reads the unpublished side of domain `d` (drafts, hidden labels): its stewards and admins. */
const steward = (d: string) => `($1::boolean OR ${d} = ANY($2::text[]))`;

@Injectable()
export class ExportRepository {
  constructor(private readonly dataSource: DataSource) {}

  domains(codes: string[] | null): Promise<DomainRecord[]> {
    return this.dataSource.query(`SELECT code, label, description FROM domain WHERE $1::text[] IS NULL OR code = ANY($1) ORDER BY code`, [
      codes,
    ]);
  }

  /** A page of visible concepts ordered by (domain, code), relations limited to visible concepts. */
  conceptPage(visibility: Visibility, domain: string | null, after: { domain: string; code: string } | null): Promise<ConceptRecord[]> {
    const link = (table: string, owner: string, target: string) =>
      `COALESCE((SELECT jsonb_agg(t.code ORDER BY t.code) FROM ${table} l JOIN concept t ON t.id = l.${target}
                 WHERE l.${owner} = c.id AND ${visible('t')}), '[]')`;
    return this.dataSource.query(
      `SELECT c.code, c.domain_code AS domain, c.status, c.pref_label AS "prefLabel", c.alt_labels AS "altLabels",
         c.acronyms, CASE WHEN ${steward('c.domain_code')} THEN c.hidden_labels ELSE '{}' END AS "hiddenLabels", c.definition, c.scope_note AS "scopeNote", c.source,
         ${link('concept_broader', 'concept_id', 'broader_id')} AS broader,
         ${link('concept_broader', 'broader_id', 'concept_id')} AS narrower,
         ${link('concept_related', 'concept_id', 'related_id')} AS related,
         (SELECT r.code FROM concept r WHERE r.id = c.replaced_by_id AND ${visible('r')}) AS "replacedBy", c.version
       FROM concept c
       WHERE ${visible('c')} AND ($3::text IS NULL OR c.domain_code = $3)
         AND ($4::text IS NULL OR (c.domain_code, c.code) > ($4, $5))
       ORDER BY c.domain_code, c.code LIMIT ${EXPORT_PAGE}`,
      [visibility.allStatuses, visibility.unpublishedDomains, domain, after?.domain ?? null, after?.code ?? null],
    );
  }

  systems(codes: string[] | null): Promise<SystemRecord[]> {
    return this.dataSource.query(
      `SELECT code, name, kind, owner_code AS owner, owner_name AS "ownerName", status FROM information_system
       WHERE $1::text[] IS NULL OR code = ANY($1) ORDER BY code`,
      [codes],
    );
  }

  /**
   * A page of mappings ordered by (system, local code, validity). Readers get
   * published mappings to visible concepts; the stewards of a mapping's domain
   * (its concept's, or the one named like its system's kind) and admins get
   * its drafts and entries in review too.
   */
  mappingPage(
    visibility: Visibility,
    system: string | null,
    after: { system: string; key: string; id: string } | null,
  ): Promise<(MappingRecord & { key: string; id: string })[]> {
    return this.dataSource.query(
      `SELECT m.id, m.local_code_key AS key, m.system_code AS system, m.local_code AS "localCode", m.local_label AS "localLabel",
         m.relation, c.code AS concept, c.pref_label->>'fr' AS "conceptLabel", m.note,
         (SELECT r.code FROM concept r WHERE r.id = c.replaced_by_id AND c.status = 'DEPRECATED') AS "conceptReplacedBy", m.valid_from::text AS "validFrom",
         m.valid_to::text AS "validTo", m.justification, m.confidence::float8 AS confidence, m.version
       FROM mapping m JOIN information_system s ON s.code = m.system_code LEFT JOIN concept c ON c.id = m.concept_id
       WHERE (m.status = 'PUBLISHED' OR ${steward('COALESCE(c.domain_code, s.kind)')}) AND (c.id IS NULL OR ${visible('c')})
         AND ($3::text IS NULL OR m.system_code = $3)
         AND ($4::text IS NULL OR (m.system_code, m.local_code_key, m.id) > ($4, $5, $6::uuid))
       ORDER BY m.system_code, m.local_code_key, m.id LIMIT ${EXPORT_PAGE}`,
      [visibility.allStatuses, visibility.unpublishedDomains, system, after?.system ?? null, after?.key ?? null, after?.id ?? null],
    );
  }
}
