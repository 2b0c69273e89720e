import { DomainError, ErrorCode, ErrorReason } from '@lexique/core';
import { ConceptStatus } from './concept-status';
import { ConceptAction, conceptEditMode, conceptStatusMachine, EditMode } from './concept-status.machine';

const reviewed = { requiresReview: true };
const direct = { requiresReview: false };
const { DRAFT, IN_REVIEW, PUBLISHED, DEPRECATED } = ConceptStatus;

function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('the transition was accepted');
}

describe('concept status machine', () => {
  it.each([
    [DRAFT, ConceptAction.SUBMIT, IN_REVIEW],
    [IN_REVIEW, ConceptAction.APPROVE, PUBLISHED],
    [IN_REVIEW, ConceptAction.REJECT, DRAFT],
    [IN_REVIEW, ConceptAction.RESTORE, DRAFT],
    [PUBLISHED, ConceptAction.DEPRECATE, DEPRECATED],
    [DEPRECATED, ConceptAction.RESTORE, DRAFT],
  ])('%s --%s--> %s under review', (from, action, to) => {
    expect(conceptStatusMachine.next(from, action, reviewed)).toBe(to);
    expect(conceptStatusMachine.next(from, action, direct)).toBe(to);
  });

  it('publishes a draft directly only where the domain requires no review', () => {
    expect(conceptStatusMachine.next(DRAFT, ConceptAction.APPROVE, direct)).toBe(PUBLISHED);
    expect(refusal(() => conceptStatusMachine.next(DRAFT, ConceptAction.APPROVE, reviewed)).code).toBe(ErrorCode.CONFLICT);
  });

  it('refuses every transition that is not in the table with CONFLICT naming the allowed actions', () => {
    const statuses = Object.values(ConceptStatus);
    const actions = Object.values(ConceptAction);
    let refused = 0;
    for (const from of statuses) {
      for (const action of actions) {
        const allowed = conceptStatusMachine.transitions.some((t) => t.from === from && t.action === action && !t.onlyWithoutReview);
        if (allowed) continue;
        const error = refusal(() => conceptStatusMachine.next(from, action, reviewed));
        expect(error.code).toBe(ErrorCode.CONFLICT);
        expect(error.reason).toBe(ErrorReason.TRANSITION_NOT_ALLOWED);
        expect(error.details).toEqual({ status: from, action, allowedActions: conceptStatusMachine.allowedActions(from, reviewed) });
        refused++;
      }
    }
    expect(refused).toBe(statuses.length * actions.length - 6);
    expect(refusal(() => conceptStatusMachine.next(PUBLISHED, ConceptAction.APPROVE, reviewed)).message).toBe(
      'A concept in status PUBLISHED cannot be approved (allowed: DEPRECATE)',
    );
  });

  it('lists the allowed actions per status', () => {
    expect(conceptStatusMachine.allowedActions(DRAFT, reviewed)).toEqual([ConceptAction.SUBMIT]);
    expect(conceptStatusMachine.allowedActions(DRAFT, direct)).toEqual([ConceptAction.SUBMIT, ConceptAction.APPROVE]);
    expect(conceptStatusMachine.allowedActions(IN_REVIEW, reviewed)).toEqual([
      ConceptAction.APPROVE,
      ConceptAction.REJECT,
      ConceptAction.RESTORE,
    ]);
  });

  it('edits drafts and reviews in place, published concepts through a revision, and refuses deprecated ones', () => {
    expect(conceptEditMode(DRAFT)).toBe(EditMode.IN_PLACE);
    expect(conceptEditMode(IN_REVIEW)).toBe(EditMode.IN_PLACE);
    expect(conceptEditMode(PUBLISHED)).toBe(EditMode.REVISION);
    expect(refusal(() => conceptEditMode(DEPRECATED)).code).toBe(ErrorCode.CONFLICT);
  });
});
