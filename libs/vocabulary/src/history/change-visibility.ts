import { AccessPolicy } from '@lexique/access';
import { Principal } from '@lexique/core';
import { ChangeEntityType, ChangeRow } from '@lexique/database';
import { PUBLIC_STATUSES } from '../concepts/concept-status';

/** Entries that go through review; the status of others (a system's lifecycle) says nothing about visibility. */
const REVIEWED: ReadonlySet<ChangeEntityType> = new Set<ChangeEntityType>(['CONCEPT', 'MAPPING']);

/** Steps of review that readers never see: a proposal is not what the dictionary says. */
const REVIEW_ACTIONS = new Set(['PROPOSE_REVISION', 'REJECT_REVISION']);

/**
 * A change as this principal may see it, or null. Stewards of the domain and
 * admins see everything. Others see only what changed in published content:
 * snapshots of drafts and entries in review become null (a concept that gets
 * published shows as appearing, one sent back to draft as disappearing),
 * review steps are left out, and hidden labels never leave the server.
 * The rule reads only `status` in the snapshots, so it covers mappings too.
 * Domains and systems are public: their changes are shown as they are.
 */
export function visibleChange(principal: Principal, row: ChangeRow): ChangeRow | null {
  if (!REVIEWED.has(row.entityType) || AccessPolicy.of(principal).mayReadUnpublished(row.domain)) return row;
  if (REVIEW_ACTIONS.has(row.action)) return null;
  const before = publicSnapshot(row.before);
  const after = publicSnapshot(row.after);
  if (before === null && after === null) return null;
  return { ...row, before, after };
}

function publicSnapshot(snapshot: unknown): Record<string, unknown> | null {
  if (typeof snapshot !== 'object' || snapshot === null) return null;
  const { hiddenLabels: _hidden, ...rest } = snapshot as Record<string, unknown>;
  const status = rest.status;
  if (status !== undefined && !(PUBLIC_STATUSES as readonly unknown[]).includes(status)) return null;
  return rest;
}
