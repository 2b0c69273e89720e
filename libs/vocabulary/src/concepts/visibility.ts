import { AccessPolicy } from '@lexique/access';
import { Principal } from '@lexique/core';
import { PUBLIC_STATUSES } from './concept-status';

/**
 * Which concepts a principal may read: published and deprecated ones, plus
 * drafts and reviews of the domains they steward (all of them for admins).
 * Repositories turn it into one SQL condition so that lists, counts and
 * relations agree on what exists.
 */
export interface Visibility {
  allStatuses: boolean;
  unpublishedDomains: string[];
}

export function visibilityOf(principal: Principal): Visibility {
  const domains = AccessPolicy.of(principal).unpublishedDomains;
  return domains === 'all' ? { allStatuses: true, unpublishedDomains: [] } : { allStatuses: false, unpublishedDomains: [...domains] };
}

/** SQL condition over alias `alias`, with named parameters for TypeORM's query builder. */
export function visibilityCondition(alias: string, visibility: Visibility): { sql: string; params: Record<string, unknown> } {
  if (visibility.allStatuses) return { sql: 'TRUE', params: {} };
  return {
    sql: `(${alias}.status IN (:...publicStatuses) OR ${alias}.domain_code = ANY(:unpublishedDomains))`,
    params: { publicStatuses: [...PUBLIC_STATUSES], unpublishedDomains: visibility.unpublishedDomains },
  };
}

/** The same rule as visibilityCondition, for a row already in hand. */
export function isVisible(visibility: Visibility, concept: { status: string; domainCode: string }): boolean {
  return (
    visibility.allStatuses ||
    (PUBLIC_STATUSES as readonly string[]).includes(concept.status) ||
    visibility.unpublishedDomains.includes(concept.domainCode)
  );
}
