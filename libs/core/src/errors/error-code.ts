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
}
