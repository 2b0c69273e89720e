import { ErrorReason, refusal } from '@lexique/core';
import { StateMachine } from '../review/state-machine';
import { ConceptStatus } from './concept-status';

export enum ConceptAction {
  SUBMIT = 'SUBMIT',
  APPROVE = 'APPROVE',
  REJECT = 'REJECT',
  DEPRECATE = 'DEPRECATE',
  RESTORE = 'RESTORE',
}

const { DRAFT, IN_REVIEW, PUBLISHED, DEPRECATED } = ConceptStatus;

/**
 * The life cycle of a concept, in one table. Where the domain requires
 * review, publishing goes through IN_REVIEW and another person's approval;
 * elsewhere a steward may also approve a draft directly. RESTORE sends back
 * to DRAFT an entry withdrawn from review, or a deprecated one to rework (it
 * then needs publishing again). Edits of PUBLISHED concepts do not change the
 * status: they become pending revisions (see conceptEditMode).
 */
export const conceptStatusMachine = new StateMachine<ConceptStatus, ConceptAction>('concept', [
  { action: ConceptAction.SUBMIT, from: DRAFT, to: IN_REVIEW },
  { action: ConceptAction.APPROVE, from: IN_REVIEW, to: PUBLISHED },
  { action: ConceptAction.APPROVE, from: DRAFT, to: PUBLISHED, onlyWithoutReview: true },
  { action: ConceptAction.REJECT, from: IN_REVIEW, to: DRAFT },
  { action: ConceptAction.DEPRECATE, from: PUBLISHED, to: DEPRECATED },
  { action: ConceptAction.RESTORE, from: IN_REVIEW, to: DRAFT },
  { action: ConceptAction.RESTORE, from: DEPRECATED, to: DRAFT },
]);

export enum EditMode {
  /** The row changes at once: readers do not see it yet. */
  IN_PLACE = 'IN_PLACE',
  /** Readers see the entry: the edit waits as a pending revision. */
  REVISION = 'REVISION',
}

export function conceptEditMode(status: ConceptStatus): EditMode {
  switch (status) {
    case ConceptStatus.DRAFT:
    case ConceptStatus.IN_REVIEW:
      return EditMode.IN_PLACE;
    case ConceptStatus.PUBLISHED:
      return EditMode.REVISION;
    case ConceptStatus.DEPRECATED:
      throw refusal(ErrorReason.TRANSITION_NOT_ALLOWED, 'A deprecated concept cannot be edited: restore it to a draft first', undefined, {
        status,
        allowedActions: [ConceptAction.RESTORE],
      });
  }
}
