import { Gql } from '@lexique/core';

/** The change log's actions by which someone else decides about an entry in review. */
export const DECISIONS: Record<string, Gql.NotificationDecision> = {
  APPROVE: Gql.NotificationDecision.APPROVED,
  REJECT: Gql.NotificationDecision.REJECTED,
  APPROVE_REVISION: Gql.NotificationDecision.REVISION_APPROVED,
  REJECT_REVISION: Gql.NotificationDecision.REVISION_REJECTED,
};

/** The actions that make someone the author of what is then decided. */
export const AUTHORING_ACTIONS = ['CREATE', 'UPDATE', 'SUBMIT', 'PROPOSE_REVISION'];

/** The actions that put something before the domain's reviewers. */
export const REVIEW_REQUESTS = ['SUBMIT', 'PROPOSE_REVISION'];

/** Entities that go through review. */
export const REVIEWED_ENTITIES = ['CONCEPT', 'MAPPING'];
