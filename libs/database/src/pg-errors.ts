import { busy, DomainError } from '@lexique/core';

/** PostgreSQL error codes the services translate into domain errors. */
export const PG_UNIQUE_VIOLATION = '23505';
export const PG_FOREIGN_KEY_VIOLATION = '23503';
export const PG_CHECK_VIOLATION = '23514';
export const PG_LOCK_NOT_AVAILABLE = '55P03';

export function pgErrorCode(error: unknown): string | undefined {
  const candidate = error as { code?: unknown; driverError?: { code?: unknown } };
  const code = candidate?.driverError?.code ?? candidate?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Faults of the moment rather than of the request, by PostgreSQL code: the
 * same call may succeed a little later, and nothing was written (the
 * transaction was rolled back). Seconds to wait before retrying.
 */
const RETRYABLE: Record<string, { retryAfter: number; message: string }> = {
  [PG_LOCK_NOT_AVAILABLE]: { retryAfter: 2, message: 'Another write held what this needs for too long' },
  '40P01': { retryAfter: 1, message: 'Two writes got in each other’s way (deadlock)' },
  '40001': { retryAfter: 1, message: 'Two writes got in each other’s way (serialization)' },
  '57014': { retryAfter: 5, message: 'The database took too long to answer' },
  '53300': { retryAfter: 5, message: 'The database has no connection left' },
  '57P01': { retryAfter: 5, message: 'The database is restarting' },
  '57P02': { retryAfter: 5, message: 'The database is restarting' },
  '57P03': { retryAfter: 5, message: 'The database is starting' },
};
/** Class 08, connection exceptions. */
const CONNECTION_EXCEPTION = { retryAfter: 5, message: 'The database is unreachable' };

/** Messages of the pg driver and its pool, which carry no code. */
const DRIVER_FAULTS: { pattern: RegExp; retryAfter: number; message: string }[] = [
  { pattern: /timeout exceeded when trying to connect/i, retryAfter: 1, message: 'Every database connection is busy' },
  { pattern: /Query read timeout/i, retryAfter: 5, message: 'The database took too long to answer' },
  { pattern: /Connection terminated|connection timeout|ECONNREFUSED|ECONNRESET/i, retryAfter: 5, message: 'The database is unreachable' },
];

/**
 * A BUSY domain error for a fault a client can retry (a lock or connection
 * waited for too long, a deadlock, a statement timeout, the database
 * restarting or unreachable); undefined for anything else.
 */
export function retryableFault(error: unknown): DomainError | undefined {
  const code = pgErrorCode(error);
  const known = code ? (RETRYABLE[code] ?? (/^08[0-9A-Z]{3}$/.test(code) ? CONNECTION_EXCEPTION : undefined)) : undefined;
  if (known) return busy(`${known.message}: nothing was changed, try again in ${known.retryAfter} s`, known.retryAfter);
  const text = error instanceof Error ? error.message : '';
  const systemCode = (error as { code?: unknown })?.code;
  const driver = DRIVER_FAULTS.find(
    (fault) => fault.pattern.test(text) || (typeof systemCode === 'string' && fault.pattern.test(systemCode)),
  );
  return driver ? busy(`${driver.message}: nothing was changed, try again in ${driver.retryAfter} s`, driver.retryAfter) : undefined;
}
