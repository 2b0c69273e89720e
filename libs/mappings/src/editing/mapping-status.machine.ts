import { StateMachine } from '@lexique/vocabulary';
import { MappingStatus } from '../mappings/mapping-relation';

export enum MappingAction {
  SUBMIT = 'SUBMIT',
  APPROVE = 'APPROVE',
  REJECT = 'REJECT',
}

const { DRAFT, IN_REVIEW, PUBLISHED } = MappingStatus;

/**
 * The life cycle of a mapping, in one table, as for concepts: where the
 * domain requires review a draft goes through IN_REVIEW and another person's
 * approval; elsewhere it may be approved directly. Edits of PUBLISHED
 * mappings do not change the status: they become pending revisions.
 */
export const mappingStatusMachine = new StateMachine<MappingStatus, MappingAction>('mapping', [
  { action: MappingAction.SUBMIT, from: DRAFT, to: IN_REVIEW },
  { action: MappingAction.APPROVE, from: IN_REVIEW, to: PUBLISHED },
  { action: MappingAction.APPROVE, from: DRAFT, to: PUBLISHED, onlyWithoutReview: true },
  { action: MappingAction.REJECT, from: IN_REVIEW, to: DRAFT },
]);
