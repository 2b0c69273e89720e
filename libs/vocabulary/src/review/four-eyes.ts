import { forbidden, Principal } from '@lexique/core';
import { ReviewPolicy } from './state-machine';

/**
 * Four eyes: where the domain requires review, the person who made the last
 * edit cannot be the one who publishes it. Entries nobody edited through the
 * API (loaded data) have no last editor and any steward may approve them.
 */
export function assertMayApprove(principal: Principal, lastEditor: string | null, policy: ReviewPolicy, subject: string): void {
  if (policy.requiresReview && lastEditor === principal.id) {
    throw forbidden(`You made the last edit of ${subject}: in this domain another steward must approve it (four eyes)`);
  }
}
