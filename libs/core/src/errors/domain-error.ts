import { ErrorCode } from './error-code';
import { ErrorReason, REASON_CODES } from './error-reason';

export { ErrorCode } from './error-code';

/** Facts a refusal names besides its reason, e.g. the version now current on a conflict. */
export type RefusalValues = Record<string, unknown>;

/**
 * An error the caller caused and can fix. Anything else thrown is an internal
 * error and is reported without details.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Path of the offending argument or input field, e.g. `input.prefLabel.fr`. */
    readonly field?: string,
    /** Extra machine-readable facts, e.g. the current version on a conflict. */
    readonly details?: RefusalValues,
    /** Which rule refused: a stable word a client translates. */
    readonly reason: ErrorReason = defaultReason(code),
  ) {
    super(message);
    this.name = 'DomainError';
  }

  /** The same refusal about another field path (a door prefixes `input.` or `inputs[3].`). */
  at(field: string | undefined): DomainError {
    return new DomainError(this.code, this.message, field, this.details, this.reason);
  }
}

/** A refusal by one rule: its code follows from the reason (REASON_CODES). */
export function refusal(reason: ErrorReason, message: string, field?: string, values?: RefusalValues): DomainError {
  return new DomainError(REASON_CODES[reason], message, field, values, reason);
}

/** The reason of refusals that do not name a more precise rule. */
function defaultReason(code: ErrorCode): ErrorReason {
  switch (code) {
    case ErrorCode.BAD_USER_INPUT:
      return ErrorReason.INVALID_VALUE;
    case ErrorCode.NOT_FOUND:
      return ErrorReason.NOT_FOUND;
    case ErrorCode.FORBIDDEN:
      return ErrorReason.NOT_ALLOWED;
    case ErrorCode.UNAUTHENTICATED:
      return ErrorReason.SIGN_IN_REQUIRED;
    case ErrorCode.CONFLICT:
      return ErrorReason.CONFLICT;
    case ErrorCode.RATE_LIMITED:
      return ErrorReason.RATE_LIMITED;
  }
}

export const badInput = (field: string, message: string, details?: RefusalValues) =>
  new DomainError(ErrorCode.BAD_USER_INPUT, message, field, details);

export const notFound = (message: string, field?: string) => new DomainError(ErrorCode.NOT_FOUND, message, field);

export const conflict = (message: string, details?: RefusalValues) => new DomainError(ErrorCode.CONFLICT, message, undefined, details);

export const forbidden = (message: string) => new DomainError(ErrorCode.FORBIDDEN, message);

export const unauthenticated = (message: string) => new DomainError(ErrorCode.UNAUTHENTICATED, message);
