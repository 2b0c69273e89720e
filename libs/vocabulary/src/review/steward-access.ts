import { canSeeUnpublished, forbidden, Principal } from '@lexique/core';

/** Stewards write in the domains they steward; admins everywhere. Checked against the row before every write. */
export function assertStewardOf(principal: Principal, domain: string): void {
  if (!canSeeUnpublished(principal, domain)) {
    throw forbidden(`Only a steward of domain ${domain} or an admin may change its entries`);
  }
}
