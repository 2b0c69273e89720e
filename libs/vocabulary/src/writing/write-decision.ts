import { AccessPolicy } from '@lexique/access';
import { DomainError, ErrorReason, refusal, RefusalValues } from '@lexique/core';
import { PUBLIC_STATUSES, ConceptStatus } from '../concepts/concept-status';
import { ConceptAction, conceptEditMode, conceptStatusMachine, EditMode } from '../concepts/concept-status.machine';
import { checkConceptCode } from './concept-patch';
import { ResolvedWrite, WriteDecision, WriteEffect, WriteIntent } from './concept-write';
import { WriteProblems } from './write-problem';

const { DRAFT, IN_REVIEW, PUBLISHED } = ConceptStatus;

/** How far along its life a status is: a file does not take a public entry back. */
const RANK: Record<ConceptStatus, number> = { DRAFT: 0, IN_REVIEW: 1, PUBLISHED: 2, DEPRECATED: 3 };

const isPublic = (status: ConceptStatus | null) => status !== null && PUBLIC_STATUSES.includes(status);

/**
 * What a write does to one concept, by the status machine and the access
 * policy: the same decision for a mutation, a bulk mutation and a row of a
 * file. A refusal is added to `problems` and gives null.
 */
export function decideWrite(row: ResolvedWrite, policy: AccessPolicy, problems: WriteProblems): WriteDecision | null {
  const refuse = (reason: ErrorReason, field: string | null, message: string, values?: RefusalValues): null => {
    problems.add(row.ord, reason, field, message, values);
    return null;
  };
  // the state machine and the edit mode throw their refusals: they become this row's problem
  const attempt = (decide: () => WriteDecision | null): WriteDecision | null => {
    try {
      return decide();
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return refuse(error.reason, error.field ?? null, error.message, error.details);
    }
  };
  const decision = (effect: WriteEffect, status: ConceptStatus): WriteDecision => ({ ord: row.ord, effect, status });
  const rule = { requiresReview: row.requiresReview };
  const domain = row.effectiveDomain;

  if (row.intent === WriteIntent.CREATE || (row.intent === WriteIntent.UPSERT && !row.exists)) {
    if (row.exists) return refuse(ErrorReason.CODE_TAKEN, 'code', `The code ${row.code} is already used`, { concept: row.code });
    if (!row.domainExists) return refuse(ErrorReason.UNKNOWN_DOMAIN, 'domain', `Unknown domain "${domain ?? ''}"`, { domain });
    if (!checkConceptCode(row.code, domain, 'code', (reason, field, message, values) => refuse(reason, field, message, values)))
      return null;
    if (!policy.mayWrite(domain)) return notSteward('domain');
    const wanted = row.requestedStatus ?? DRAFT;
    if (!isPublic(wanted) || policy.mayImportPublished(domain, rule)) return decision(WriteEffect.CREATE, wanted);
    // a steward's file cannot publish where a second person must approve: new entries wait in review
    if (wanted === PUBLISHED) return decision(WriteEffect.CREATE, IN_REVIEW);
    return refuse(
      ErrorReason.REVIEW_REQUIRED,
      'status',
      `Publishing in domain ${domain} needs another person's approval: ${row.code} cannot arrive deprecated`,
      {
        domain,
      },
    );
  }

  if (!row.exists || !(isPublic(row.status) || policy.mayReadUnpublished(domain))) {
    return refuse(ErrorReason.NOT_FOUND, 'code', `No concept "${row.code}"`, { concept: row.code });
  }
  if (!policy.mayWrite(domain)) return notSteward();
  if (row.version !== null && row.version !== row.currentVersion) {
    return refuse(
      ErrorReason.STALE_VERSION,
      'version',
      `${row.code} has changed since you read it (you named version ${row.version}, it is at version ${row.currentVersion}): reload it and apply your change again`,
      { currentVersion: row.currentVersion },
    );
  }
  const status = row.status!;

  switch (row.intent) {
    case WriteIntent.UPDATE:
      return attempt(() => {
        const mode = conceptEditMode(status);
        const renamed = row.newCode !== null && row.newCode !== row.code;
        if (renamed && (row.firstPublished || status !== DRAFT)) {
          return refuse(ErrorReason.CODE_FROZEN, 'newCode', `Only a draft never published may change its code (${row.code} is ${status})`, {
            concept: row.code,
          });
        }
        if (
          renamed &&
          !checkConceptCode(row.newCode, domain, 'newCode', (reason, field, message, values) => refuse(reason, field, message, values))
        )
          return null;
        if (renamed && row.newCodeTaken)
          return refuse(ErrorReason.CODE_TAKEN, 'newCode', `The code ${row.newCode} is already used`, { concept: row.newCode });
        if (!row.contentChanges && !renamed) return decision(WriteEffect.UNCHANGED, status);
        return mode === EditMode.REVISION ? decision(WriteEffect.PROPOSE_REVISION, status) : decision(WriteEffect.UPDATE, status);
      });
    case WriteIntent.TRANSITION:
      return attempt(() => transition(row, policy, status, decision));
    case WriteIntent.UPSERT:
      return attempt(() => upsert(row, policy, status, decision, refuse));
  }

  function notSteward(field: string | null = null): null {
    return domain
      ? refuse(ErrorReason.NOT_STEWARD, field, `Only a steward of domain ${domain} or an admin may change its concepts`, { domain })
      : refuse(ErrorReason.ADMIN_ONLY, null, 'Only admins may change this concept');
  }
}

function transition(
  row: ResolvedWrite,
  policy: AccessPolicy,
  status: ConceptStatus,
  decision: (effect: WriteEffect, status: ConceptStatus) => WriteDecision,
): WriteDecision {
  const rule = { requiresReview: row.requiresReview };
  const domain = row.effectiveDomain;
  const pending = status === PUBLISHED && row.pendingAuthor !== null;
  const action = row.action!;
  switch (action) {
    case ConceptAction.APPROVE:
      if (pending) {
        policy.assertMayApprove(domain, rule, row.pendingAuthor, `the pending revision of ${row.code}`);
        return decision(WriteEffect.APPROVE_REVISION, PUBLISHED);
      } else {
        const next = conceptStatusMachine.next(status, action, rule);
        policy.assertMayApprove(domain, rule, row.lastEditor, row.code);
        return decision(WriteEffect.APPROVE, next);
      }
    case ConceptAction.REJECT:
      if (pending) return decision(WriteEffect.REJECT_REVISION, PUBLISHED);
      return decision(WriteEffect.REJECT, conceptStatusMachine.next(status, action, rule));
    case ConceptAction.DEPRECATE: {
      const next = conceptStatusMachine.next(status, action, rule);
      if (pending) {
        throw refusal(
          ErrorReason.PENDING_REVISION,
          `${row.code} has a pending revision: approve or reject it before deprecating`,
          undefined,
          {
            concept: row.code,
          },
        );
      }
      return decision(WriteEffect.DEPRECATE, next);
    }
    case ConceptAction.SUBMIT:
      return decision(WriteEffect.SUBMIT, conceptStatusMachine.next(status, action, rule));
    case ConceptAction.RESTORE:
      return decision(WriteEffect.RESTORE, conceptStatusMachine.next(status, action, rule));
  }
}

function upsert(
  row: ResolvedWrite,
  policy: AccessPolicy,
  status: ConceptStatus,
  decision: (effect: WriteEffect, status: ConceptStatus) => WriteDecision,
  refuse: (reason: ErrorReason, field: string | null, message: string, values?: RefusalValues) => null,
): WriteDecision | null {
  const domain = row.effectiveDomain;
  const rule = { requiresReview: row.requiresReview };
  if (row.domain && row.domain !== domain) {
    return refuse(ErrorReason.DOMAIN_FROZEN, 'domain', `${row.code} is in domain ${domain}: a concept does not change domain`, { domain });
  }
  const wanted = row.requestedStatus ?? status;
  if (!row.contentChanges && wanted === status) return decision(WriteEffect.UNCHANGED, status);
  if (isPublic(status) && RANK[wanted] < RANK[status]) {
    return refuse(ErrorReason.STATUS_DOWNGRADE, 'status', `The concept is ${status}: an import does not take it back to ${wanted}`, {
      status,
    });
  }
  if (row.pendingAuthor !== null) {
    return refuse(
      ErrorReason.PENDING_REVISION,
      null,
      `${row.code} has a pending revision: approve or reject it before importing a change`,
      {
        concept: row.code,
      },
    );
  }
  if (policy.mayImportPublished(domain, rule)) return decision(WriteEffect.UPDATE, wanted);
  // where a second person must approve, a change to published content becomes its pending revision, as an edit does
  if (status === PUBLISHED && wanted === PUBLISHED) return decision(WriteEffect.PROPOSE_REVISION, PUBLISHED);
  if (isPublic(status) || isPublic(wanted)) {
    return refuse(
      ErrorReason.REVIEW_REQUIRED,
      'status',
      `Publishing in domain ${domain} needs another person's approval: submit ${row.code} for review instead`,
      { domain },
    );
  }
  return decision(WriteEffect.UPDATE, wanted);
}
