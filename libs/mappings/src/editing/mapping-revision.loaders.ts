import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { RequestContext } from '@lexique/core';
import { Revision } from '@lexique/vocabulary';
import { MappingRow } from '../mappings/mapping-row';
import { MappingSnapshot, snapshotOf } from './mapping-snapshot';

export interface PendingMappingRevision {
  revision: Revision<MappingSnapshot>;
  /** The mapping as readers see it, to diff the proposal against. */
  current: MappingSnapshot;
  domain: string | null;
}

const COLUMNS = `r.id, r.entity_type AS "entityType", r.entity_id AS "entityId", r.status, r.proposed, r.author, r.reason, r.reviewer,
  r.decision_reason AS "decisionReason", r.created_at AS "createdAt", r.updated_at AS "updatedAt", r.decided_at AS "decidedAt"`;

/** Pending revisions of mappings, batched per request, with the domain that decides who may see them. */
@Injectable()
export class MappingRevisionLoaders {
  private readonly perRequest = new WeakMap<RequestContext, DataLoader<string, PendingMappingRevision | null>>();

  constructor(private readonly dataSource: DataSource) {}

  for(ctx: RequestContext): DataLoader<string, PendingMappingRevision | null> {
    let loader = this.perRequest.get(ctx);
    if (!loader) {
      loader = new DataLoader(async (ids) => {
        const rows: (Revision<MappingSnapshot> & { row: MappingRow; concept: string | null; domain: string | null })[] =
          await this.dataSource.query(
            `SELECT ${COLUMNS}, to_jsonb(m) AS row, c.code AS concept, COALESCE(c.domain_code, d.code) AS domain
             FROM revision r JOIN mapping m ON m.id = r.entity_id
             JOIN information_system s ON s.code = m.system_code
             LEFT JOIN concept c ON c.id = m.concept_id LEFT JOIN domain d ON d.code = s.kind
             WHERE r.entity_type = 'MAPPING' AND r.status = 'PENDING' AND r.entity_id = ANY($1::uuid[])`,
            [ids],
          );
        const byId = new Map(
          rows.map(({ row, concept, domain, ...revision }) => [revision.entityId, { revision, current: snapshotOf(row, concept), domain }]),
        );
        return ids.map((id) => byId.get(id) ?? null);
      });
      this.perRequest.set(ctx, loader);
    }
    return loader;
  }
}
