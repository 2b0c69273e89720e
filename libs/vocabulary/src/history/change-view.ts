import type { Gql } from '@lexique/core';
import { ChangeRow } from '@lexique/database';
import { fieldDiff } from './field-diff';

/** The GraphQL view of a change row (already filtered for the caller). */
export function toChangeView(row: ChangeRow): Gql.Change {
  return {
    sequence: row.seq,
    at: row.at,
    principal: row.principal,
    entity: row.entityType as Gql.ChangeEntity,
    entityId: row.entityId,
    key: row.entityKey,
    domain: row.domain,
    action: row.action,
    reason: row.reason,
    before: row.before,
    after: row.after,
    changes: fieldDiff(row.before, row.after),
  };
}
