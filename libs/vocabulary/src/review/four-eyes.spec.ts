import { ErrorCode, Principal, Role } from '@lexique/core';
import { assertMayApprove } from './four-eyes';

const alice: Principal = { id: 'user:alice', name: 'alice', kind: 'user', roles: [Role.STEWARD], stewardDomains: ['FIN'] };

describe('four eyes', () => {
  it('refuses the last editor where review is required, and only there', () => {
    expect(() => assertMayApprove(alice, 'user:alice', { requiresReview: true }, 'FIN-0001')).toThrow(
      expect.objectContaining({ code: ErrorCode.FORBIDDEN }) as Error,
    );
    expect(() => assertMayApprove(alice, 'user:alice', { requiresReview: false }, 'FIN-0001')).not.toThrow();
    expect(() => assertMayApprove(alice, 'user:bob', { requiresReview: true }, 'FIN-0001')).not.toThrow();
    expect(() => assertMayApprove(alice, null, { requiresReview: true }, 'FIN-0001')).not.toThrow();
  });
});
