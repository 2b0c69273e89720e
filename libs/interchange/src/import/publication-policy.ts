import { Principal, Role } from '@lexique/core';

/**
 * Who may import what, and with which status. Decided here, once:
 * - admins and the CLI's system principal import with the statuses the file
 *   gives (they may publish);
 * - stewards import into the domains they steward only. Where the domain does
 *   not require review they may publish too. Where it does, a new concept the
 *   file says PUBLISHED arrives IN_REVIEW for another person to approve, and
 *   changing a published or deprecated concept is refused (it would bypass
 *   review: edit it through the API, where it becomes a pending revision);
 * - nobody downgrades a published entry by import (PUBLISHED or DEPRECATED
 *   back to DRAFT/IN_REVIEW, DEPRECATED back to PUBLISHED).
 *
 * MERGE NOTE: the stewardship branch has the status machine
 * (conceptStatusMachine) and pending revisions; once merged, `statusChange`
 * should ask the machine, and steward edits of published concepts could
 * become pending revisions instead of being refused.
 */
export class PublicationPolicy {
  constructor(
    private readonly principal: Principal,
    private readonly requiresReview: (domain: string) => boolean,
  ) {}

  get isAdmin(): boolean {
    return this.principal.roles.includes(Role.ADMIN);
  }

  mayWrite(domain: string): boolean {
    return this.isAdmin || (this.principal.roles.includes(Role.STEWARD) && this.principal.stewardDomains.includes(domain));
  }

  mayPublish(domain: string): boolean {
    return this.isAdmin || (this.mayWrite(domain) && !this.requiresReview(domain));
  }

  /** Why an existing concept may not be changed this way, or null. */
  refusal(domain: string, from: string, to: string): string | null {
    const rank: Record<string, number> = { DRAFT: 0, IN_REVIEW: 1, PUBLISHED: 2, DEPRECATED: 3 };
    if (rank[to] < rank[from] && (from === 'PUBLISHED' || from === 'DEPRECATED')) {
      return `The concept is ${from}: an import does not take it back to ${to}`;
    }
    if ((from === 'PUBLISHED' || from === 'DEPRECATED') && !this.mayPublish(domain)) {
      return `The concept is ${from} and domain ${domain} requires review: change it through the API (four eyes)`;
    }
    if ((to === 'PUBLISHED' || to === 'DEPRECATED') && from !== to && !this.mayPublish(domain)) {
      return `Publishing in domain ${domain} needs another person's approval: submit the concept for review instead`;
    }
    return null;
  }
}
