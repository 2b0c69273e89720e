import { AccessPolicy } from '@lexique/access';
import { Principal, Role } from '@lexique/core';
import { MappingStatus } from '../mappings/mapping-relation';
import { MappingAction } from '../editing/mapping-status.machine';
import { decideMapping } from './mapping-decision';
import { MappingIntent, MappingKind } from './mapping-write';

const alice: Principal = { id: 'user:alice', name: 'alice', kind: 'user', roles: [Role.STEWARD], stewardDomains: ['FIN'] };
const admin: Principal = { id: 'user:root', name: 'root', kind: 'user', roles: [Role.ADMIN], stewardDomains: [] };

const kind = (over: Partial<MappingKind>): MappingKind => ({
  intent: MappingIntent.UPDATE,
  action: null,
  exists: true,
  status: MappingStatus.DRAFT,
  domain: 'FIN',
  afterDomain: 'FIN',
  requiresReview: true,
  editedByMe: false,
  hasPending: false,
  pendingByMe: false,
  versionMatches: true,
  changes: true,
  ...over,
});

const decide = (over: Partial<MappingKind>, who = alice) => {
  const decision = decideMapping(kind(over), AccessPolicy.of(who), who.id);
  return 'refusal' in decision ? decision.refusal.reason : `${decision.effect} ${decision.status}`;
};

describe('decideMapping', () => {
  it('creates drafts where review is required, published mappings elsewhere; a file publishes only where its importer may', () => {
    expect(decide({ intent: MappingIntent.CREATE, exists: false, status: null })).toBe('CREATE DRAFT');
    expect(decide({ intent: MappingIntent.CREATE, exists: false, status: null, requiresReview: false })).toBe('CREATE PUBLISHED');
    expect(decide({ intent: MappingIntent.IMPORT, exists: false, status: null })).toBe('CREATE IN_REVIEW');
    expect(decide({ intent: MappingIntent.IMPORT, exists: false, status: null }, admin)).toBe('CREATE PUBLISHED');
    expect(decide({ intent: MappingIntent.CREATE, exists: true })).toBe('STALE_VERSION');
  });

  it('needs the domain before and after a change', () => {
    expect(decide({ domain: 'RH', afterDomain: 'FIN' })).toBe('NOT_STEWARD');
    expect(decide({ domain: 'FIN', afterDomain: 'RH' })).toBe('NOT_STEWARD');
    expect(decide({ domain: null, afterDomain: null })).toBe('ADMIN_ONLY');
    expect(decide({ intent: MappingIntent.IMPORT, domain: 'RH', afterDomain: 'FIN' })).toBe('NOT_STEWARD');
  });

  it('turns an edit of a published mapping into a proposal where review is required, and refuses stale versions', () => {
    expect(decide({ status: MappingStatus.PUBLISHED })).toBe('PROPOSE_REVISION PUBLISHED');
    expect(decide({ status: MappingStatus.PUBLISHED, requiresReview: false })).toBe('UPDATE PUBLISHED');
    expect(decide({ intent: MappingIntent.IMPORT, status: MappingStatus.PUBLISHED }, admin)).toBe('UPDATE PUBLISHED');
    expect(decide({ intent: MappingIntent.IMPORT, status: MappingStatus.PUBLISHED, hasPending: true }, admin)).toBe('PENDING_REVISION');
    expect(decide({ changes: false })).toBe('UNCHANGED DRAFT');
    expect(decide({ versionMatches: false })).toBe('STALE_VERSION');
  });

  it('follows the status machine and four eyes', () => {
    const transition = (action: MappingAction, over: Partial<MappingKind> = {}) =>
      decide({ intent: MappingIntent.TRANSITION, action, ...over });
    expect(transition(MappingAction.SUBMIT)).toBe('SUBMIT IN_REVIEW');
    expect(transition(MappingAction.SUBMIT, { status: MappingStatus.IN_REVIEW })).toBe('TRANSITION_NOT_ALLOWED');
    expect(transition(MappingAction.APPROVE, { status: MappingStatus.IN_REVIEW })).toBe('APPROVE PUBLISHED');
    expect(transition(MappingAction.APPROVE, { status: MappingStatus.IN_REVIEW, editedByMe: true })).toBe('SELF_APPROVAL');
    expect(transition(MappingAction.APPROVE, { status: MappingStatus.DRAFT })).toBe('TRANSITION_NOT_ALLOWED');
    expect(transition(MappingAction.APPROVE, { status: MappingStatus.DRAFT, requiresReview: false })).toBe('APPROVE PUBLISHED');
    expect(transition(MappingAction.APPROVE, { status: MappingStatus.PUBLISHED, hasPending: true })).toBe('APPROVE_REVISION PUBLISHED');
    expect(transition(MappingAction.APPROVE, { status: MappingStatus.PUBLISHED, hasPending: true, pendingByMe: true })).toBe(
      'SELF_APPROVAL',
    );
    expect(transition(MappingAction.REJECT, { status: MappingStatus.PUBLISHED, hasPending: true })).toBe('REJECT_REVISION PUBLISHED');
    expect(transition(MappingAction.REJECT, { status: MappingStatus.IN_REVIEW })).toBe('REJECT DRAFT');
    expect(decide({ intent: MappingIntent.DELETE, status: MappingStatus.PUBLISHED })).toBe('DELETE PUBLISHED');
  });
});
