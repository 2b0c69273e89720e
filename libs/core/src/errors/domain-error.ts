/**
 * Codes a client can act on. They become `extensions.code` of GraphQL errors
 * (see the API's error formatter), so they are part of the public contract.
 */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  FORBIDDEN = 'FORBIDDEN',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  CONFLICT = 'CONFLICT',
  /** Too many expensive operations: `extensions.retryAfter` says in how many seconds to try again. */
  RATE_LIMITED = 'RATE_LIMITED',
  /**
   * The service could not do it now (a lock or a connection waited for too
   * long, a deadlock, the database unreachable): nothing was changed, and the
   * same call may succeed after `extensions.retryAfter` seconds.
   */
  BUSY = 'BUSY',
}

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
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const badInput = (field: string, message: string, details?: Record<string, unknown>) =>
  new DomainError(ErrorCode.BAD_USER_INPUT, message, field, details);

export const notFound = (message: string, field?: string) => new DomainError(ErrorCode.NOT_FOUND, message, field);

export const conflict = (message: string, details?: Record<string, unknown>) =>
  new DomainError(ErrorCode.CONFLICT, message, undefined, details);

export const forbidden = (message: string) => new DomainError(ErrorCode.FORBIDDEN, message);

export const unauthenticated = (message: string) => new DomainError(ErrorCode.UNAUTHENTICATED, message);

export const busy = (message: string, retryAfterSeconds: number) =>
  new DomainError(ErrorCode.BUSY, message, undefined, { retryAfter: retryAfterSeconds });
