import { ErrorCode } from '@lexique/core';
import { SystemStatus } from '../systems/system-status';
import { systemLifecycleMachine } from './system-lifecycle.machine';

const policy = { requiresReview: false };
const { ACTIVE, RETIRING, RETIRED } = SystemStatus;

describe('system lifecycle', () => {
  it.each([
    [ACTIVE, RETIRING],
    [ACTIVE, RETIRED],
    [RETIRING, RETIRED],
    [RETIRING, ACTIVE],
  ])('goes from %s to %s', (from, to) => {
    expect(systemLifecycleMachine.next(from, to, policy)).toBe(to);
  });

  it.each([
    [RETIRED, ACTIVE],
    [RETIRED, RETIRING],
  ])('never leaves RETIRED (%s to %s)', (from, to) => {
    expect(() => systemLifecycleMachine.next(from, to, policy)).toThrow(expect.objectContaining({ code: ErrorCode.CONFLICT }) as Error);
  });
});
