import { AccessPolicy } from '@lexique/access';
import { DomainError, ErrorReason, RefusalValues } from '@lexique/core';
import { MappingStatus } from '../mappings/mapping-relation';
import { MappingAction, mappingStatusMachine } from '../editing/mapping-status.machine';
import { MappingDecision, MappingEffect, MappingIntent, MappingKind } from './mapping-write';

const { DRAFT, IN_REVIEW, PUBLISHED } = MappingStatus;

/**
 * What a write does to the mappings of one kind, by the status machine and
 * the access policy: the same decision for a mutation, a bulk mutation and a
 * row of a file. `me` is the writer's id (four eyes compare it).
 */
export function decideMapping(kind: MappingKind, policy: AccessPolicy, me: string): MappingDecision {
  const refuse = (reason: ErrorReason, field: string | null, message: string, values: RefusalValues = {}): MappingDecision => ({
    refusal: { reason, field, message, values },
  });
  const decision = (effect: MappingEffect, status: MappingStatus): MappingDecision => ({ effect, status });
  const rule = { requiresReview: kind.requiresReview };
  const notSteward = (domain: string | null, field: string | null): MappingDecision =>
    domain
      ? refuse(ErrorReason.NOT_STEWARD, field, `Only a steward of domain ${domain} or an admin may change its mappings`, { domain })
      : refuse(ErrorReason.ADMIN_ONLY, field, 'Only admins may change the UNMAPPED codes of a system whose kind names no domain');

  if (!kind.exists) {
    if (kind.intent !== MappingIntent.CREATE && kind.intent !== MappingIntent.IMPORT)
      return refuse(ErrorReason.NOT_FOUND, 'localCode', 'No mapping of {key}');
    if (!policy.mayWrite(kind.afterDomain)) return notSteward(kind.afterDomain, 'concept');
    if (kind.intent === MappingIntent.CREATE) return decision(MappingEffect.CREATE, kind.requiresReview ? DRAFT : PUBLISHED);
    // a file states mappings as they are: published, unless a second person must approve what this importer writes
    return decision(MappingEffect.CREATE, policy.mayImportPublished(kind.afterDomain, rule) ? PUBLISHED : IN_REVIEW);
  }

  // writing a mapping needs its domain before and after the change: moving it to another domain needs both
  if (!policy.mayWrite(kind.domain)) return notSteward(kind.domain, null);
  if (!kind.versionMatches) {
    return refuse(
      ErrorReason.STALE_VERSION,
      'version',
      '{key} has changed since you read it (you named version {version}, it is at version {currentVersion}): reload it and apply your change again',
    );
  }
  const status = kind.status!;
  switch (kind.intent) {
    case MappingIntent.CREATE:
      // decided as a conflict before: the code is mapped from that date already
      return refuse(ErrorReason.STALE_VERSION, 'localCode', '{key} is already mapped from that date: name its version to change it');
    case MappingIntent.UPDATE:
    case MappingIntent.IMPORT: {
      if (!policy.mayWrite(kind.afterDomain)) return notSteward(kind.afterDomain, 'concept');
      if (!kind.changes) return decision(MappingEffect.UNCHANGED, status);
      if (kind.intent === MappingIntent.IMPORT && kind.hasPending) {
        return refuse(ErrorReason.PENDING_REVISION, null, '{key} has a pending revision: approve or reject it before importing a change');
      }
      if (status !== PUBLISHED) return decision(MappingEffect.UPDATE, status);
      const inPlace =
        kind.intent === MappingIntent.UPDATE
          ? !kind.requiresReview
          : policy.mayImportPublished(kind.domain, rule) && policy.mayImportPublished(kind.afterDomain, rule);
      // where a second person must approve, what readers see changes only once approved
      return decision(inPlace ? MappingEffect.UPDATE : MappingEffect.PROPOSE_REVISION, PUBLISHED);
    }
    case MappingIntent.DELETE:
      return decision(MappingEffect.DELETE, status);
    case MappingIntent.TRANSITION:
      try {
        return transition(kind, policy, me, status);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        return refuse(error.reason, error.field ?? null, error.message, error.details);
      }
  }
}

function transition(kind: MappingKind, policy: AccessPolicy, me: string, status: MappingStatus): MappingDecision {
  const rule = { requiresReview: kind.requiresReview };
  const pending = status === PUBLISHED && kind.hasPending;
  const action = kind.action!;
  switch (action) {
    case MappingAction.APPROVE:
      if (pending) {
        policy.assertMayWrite(kind.afterDomain, 'mappings');
        policy.assertMayApprove(kind.domain, rule, kind.pendingByMe ? me : null, 'the pending revision of {key}');
        return { effect: MappingEffect.APPROVE_REVISION, status: PUBLISHED };
      } else {
        const next = mappingStatusMachine.next(status, action, rule);
        policy.assertMayApprove(kind.domain, rule, kind.editedByMe ? me : null, '{key}');
        return { effect: MappingEffect.APPROVE, status: next };
      }
    case MappingAction.REJECT:
      if (pending) return { effect: MappingEffect.REJECT_REVISION, status: PUBLISHED };
      return { effect: MappingEffect.REJECT, status: mappingStatusMachine.next(status, action, rule) };
    case MappingAction.SUBMIT:
      return { effect: MappingEffect.SUBMIT, status: mappingStatusMachine.next(status, action, rule) };
  }
}
