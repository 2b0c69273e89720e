import { ErrorReason, refusal } from '@lexique/core';

/** What the transitions of a workflow may depend on besides the current status. */
export interface ReviewPolicy {
  /** The domain needs a second person's approval to publish. */
  requiresReview: boolean;
}

export interface Transition<S extends string, A extends string> {
  action: A;
  from: S;
  to: S;
  /** Only where publishing needs no second person (a steward publishes directly). */
  onlyWithoutReview?: boolean;
}

/**
 * A workflow as one table of allowed transitions, checked in one place. Used
 * for the statuses of concepts and, with its own table, of mappings.
 */
export class StateMachine<S extends string, A extends string> {
  constructor(
    /** What the machine governs, for messages: "concept", "mapping". */
    private readonly subject: string,
    readonly transitions: readonly Transition<S, A>[],
  ) {}

  /** Actions allowed from a status under a policy. */
  allowedActions(from: S, policy: ReviewPolicy): A[] {
    return [...new Set(this.applicable(from, policy).map((t) => t.action))];
  }

  /** The status reached by `action` from `from`; TRANSITION_NOT_ALLOWED naming the allowed actions when the table has no such transition. */
  next(from: S, action: A, policy: ReviewPolicy): S {
    const transition = this.applicable(from, policy).find((t) => t.action === action);
    if (!transition) {
      const allowed = this.allowedActions(from, policy);
      throw refusal(
        ErrorReason.TRANSITION_NOT_ALLOWED,
        `A ${this.subject} in status ${from} cannot be ${describe(action)}` +
          (allowed.length ? ` (allowed: ${allowed.join(', ')})` : ' (no action is allowed)'),
        undefined,
        { status: from, action, allowedActions: allowed },
      );
    }
    return transition.to;
  }

  private applicable(from: S, policy: ReviewPolicy): Transition<S, A>[] {
    return this.transitions.filter((t) => t.from === from && !(t.onlyWithoutReview && policy.requiresReview));
  }
}

const PAST: Record<string, string> = {
  SUBMIT: 'submitted',
  APPROVE: 'approved',
  REJECT: 'rejected',
  DEPRECATE: 'deprecated',
  RESTORE: 'restored',
};

function describe(action: string): string {
  return PAST[action] ?? action.toLowerCase();
}
