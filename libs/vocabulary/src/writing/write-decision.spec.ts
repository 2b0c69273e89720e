import { AccessPolicy } from '@lexique/access';
import { ErrorReason, Principal, Role } from '@lexique/core';
import { ConceptStatus } from '../concepts/concept-status';
import { ConceptAction } from '../concepts/concept-status.machine';
import { ResolvedWrite, WriteEffect, WriteIntent } from './concept-write';
import { decideWrite } from './write-decision';
import { WriteProblems } from './write-problem';

const person = (id: string, roles: Role[], domains: string[] = []): Principal => ({
  id,
  name: id,
  kind: 'user',
  roles,
  stewardDomains: domains,
});
const alice = AccessPolicy.of(person('user:alice', [Role.STEWARD], ['FIN']));
const admin = AccessPolicy.of(person('user:root', [Role.ADMIN]));

const existing = (over: Partial<ResolvedWrite>): ResolvedWrite => ({
  ord: 0,
  intent: WriteIntent.UPDATE,
  code: 'FIN-0001',
  domain: null,
  exists: true,
  effectiveDomain: 'FIN',
  domainExists: true,
  requiresReview: true,
  status: ConceptStatus.DRAFT,
  version: 3,
  currentVersion: 3,
  lastEditor: 'user:bob',
  firstPublished: false,
  pendingAuthor: null,
  action: null,
  requestedStatus: null,
  newCode: null,
  newCodeTaken: false,
  contentChanges: true,
  replacedByGiven: false,
  ...over,
});

function decide(row: ResolvedWrite, policy = alice) {
  const problems = new WriteProblems();
  const decision = decideWrite(row, policy, problems);
  return { decision, reasons: problems.list.map((p) => p.reason) };
}

describe('what a write does to a concept', () => {
  it('edits drafts in place, published concepts as a revision, and refuses deprecated ones', () => {
    expect(decide(existing({})).decision?.effect).toBe(WriteEffect.UPDATE);
    expect(decide(existing({ status: ConceptStatus.PUBLISHED })).decision?.effect).toBe(WriteEffect.PROPOSE_REVISION);
    expect(decide(existing({ status: ConceptStatus.DEPRECATED })).reasons).toEqual([ErrorReason.TRANSITION_NOT_ALLOWED]);
    expect(decide(existing({ contentChanges: false })).decision?.effect).toBe(WriteEffect.UNCHANGED);
  });

  it('refuses a stale version, another domain, and a concept the writer may not see, in that order of what they reveal', () => {
    expect(decide(existing({ version: 2 })).reasons).toEqual([ErrorReason.STALE_VERSION]);
    expect(decide(existing({ effectiveDomain: 'RH', status: ConceptStatus.PUBLISHED })).reasons).toEqual([ErrorReason.NOT_STEWARD]);
    expect(decide(existing({ effectiveDomain: 'RH' })).reasons).toEqual([ErrorReason.NOT_FOUND]);
  });

  it('applies four eyes to approvals of new concepts and of revisions, only where the domain requires review', () => {
    const approve = { intent: WriteIntent.TRANSITION, action: ConceptAction.APPROVE };
    expect(decide(existing({ ...approve, status: ConceptStatus.IN_REVIEW, lastEditor: 'user:alice' })).reasons).toEqual([
      ErrorReason.SELF_APPROVAL,
    ]);
    expect(decide(existing({ ...approve, status: ConceptStatus.IN_REVIEW })).decision).toEqual({
      ord: 0,
      effect: WriteEffect.APPROVE,
      status: ConceptStatus.PUBLISHED,
    });
    expect(decide(existing({ ...approve, status: ConceptStatus.PUBLISHED, pendingAuthor: 'user:alice' })).reasons).toEqual([
      ErrorReason.SELF_APPROVAL,
    ]);
    expect(decide(existing({ ...approve, status: ConceptStatus.PUBLISHED, pendingAuthor: 'user:bob' })).decision?.effect).toBe(
      WriteEffect.APPROVE_REVISION,
    );
    expect(
      decide(existing({ ...approve, status: ConceptStatus.DRAFT, lastEditor: 'user:alice', requiresReview: false })).decision?.effect,
    ).toBe(WriteEffect.APPROVE);
    expect(decide(existing({ ...approve, status: ConceptStatus.DRAFT })).reasons).toEqual([ErrorReason.TRANSITION_NOT_ALLOWED]);
  });

  it('lets a file publish only where its importer may, sends the rest to review, and never takes a public entry back', () => {
    const upsertNew = existing({
      intent: WriteIntent.UPSERT,
      exists: false,
      status: null,
      currentVersion: null,
      version: null,
      requestedStatus: ConceptStatus.PUBLISHED,
    });
    expect(decide(upsertNew).decision).toEqual({ ord: 0, effect: WriteEffect.CREATE, status: ConceptStatus.IN_REVIEW });
    expect(decide(upsertNew, admin).decision).toEqual({ ord: 0, effect: WriteEffect.CREATE, status: ConceptStatus.PUBLISHED });
    expect(decide({ ...upsertNew, requestedStatus: ConceptStatus.DEPRECATED }).reasons).toEqual([ErrorReason.REVIEW_REQUIRED]);
    const upsertPublished = existing({ intent: WriteIntent.UPSERT, status: ConceptStatus.PUBLISHED, version: null });
    expect(decide(upsertPublished).decision?.effect).toBe(WriteEffect.PROPOSE_REVISION);
    expect(decide(upsertPublished, admin).decision?.effect).toBe(WriteEffect.UPDATE);
    expect(decide({ ...upsertPublished, requestedStatus: ConceptStatus.DRAFT }, admin).reasons).toEqual([ErrorReason.STATUS_DOWNGRADE]);
    expect(decide({ ...upsertPublished, domain: 'RH' }, admin).reasons).toEqual([ErrorReason.DOMAIN_FROZEN]);
  });
});
