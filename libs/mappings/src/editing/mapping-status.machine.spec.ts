import { ErrorCode } from '@lexique/core';
import { MappingStatus } from '../mappings/mapping-relation';
import { MappingAction, mappingStatusMachine } from './mapping-status.machine';

const REVIEW = { requiresReview: true };
const NO_REVIEW = { requiresReview: false };

describe('mapping status machine', () => {
  it('publishes through review where the domain requires it, directly elsewhere', () => {
    expect(mappingStatusMachine.next(MappingStatus.DRAFT, MappingAction.SUBMIT, REVIEW)).toBe(MappingStatus.IN_REVIEW);
    expect(mappingStatusMachine.next(MappingStatus.IN_REVIEW, MappingAction.APPROVE, REVIEW)).toBe(MappingStatus.PUBLISHED);
    expect(mappingStatusMachine.next(MappingStatus.DRAFT, MappingAction.APPROVE, NO_REVIEW)).toBe(MappingStatus.PUBLISHED);
    expect(() => mappingStatusMachine.next(MappingStatus.DRAFT, MappingAction.APPROVE, REVIEW)).toThrow(
      expect.objectContaining({ code: ErrorCode.CONFLICT }) as Error,
    );
  });

  it('sends a mapping in review back to draft, and nothing leaves PUBLISHED by a transition', () => {
    expect(mappingStatusMachine.next(MappingStatus.IN_REVIEW, MappingAction.REJECT, REVIEW)).toBe(MappingStatus.DRAFT);
    expect(mappingStatusMachine.allowedActions(MappingStatus.PUBLISHED, NO_REVIEW)).toEqual([]);
  });
});
