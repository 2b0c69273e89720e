/** What a pending revision is a revision of. */
export type RevisionEntityType = 'CONCEPT' | 'MAPPING';

export enum RevisionStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}

/**
 * A proposed new content for a published entry. Readers keep seeing the
 * entry as it is until another person approves the revision, which then
 * replaces the content in one transaction.
 */
export interface Revision<T = Record<string, unknown>> {
  id: string;
  entityType: RevisionEntityType;
  entityId: string;
  status: RevisionStatus;
  proposed: T;
  author: string;
  reason: string | null;
  reviewer: string | null;
  decisionReason: string | null;
  createdAt: Date;
  updatedAt: Date;
  decidedAt: Date | null;
}
