import { badInput } from '../errors/domain-error';
import { isStorableText } from '../text/storable-text';

/**
 * Opaque Relay cursors. A cursor carries the sort key of the last row seen
 * (keyset pagination), so pages stay stable while rows are added before them.
 */
const PREFIX = 'lx1:';

export function encodeCursor(key: string): string {
  return Buffer.from(PREFIX + key, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, argument = 'after'): string {
  const text = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  // a forged cursor may carry a NUL, which would reach PostgreSQL inside the sort key
  if (!text.startsWith(PREFIX) || text.length === PREFIX.length || !isStorableText(text)) {
    throw badInput(argument, `"${argument}" is not a cursor returned by this API`);
  }
  return text.slice(PREFIX.length);
}

/** Validates a page size argument and returns it. */
export function pageSize(first: number | null | undefined, max: number, fallback: number, argument = 'first'): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 0 || size > max) {
    throw badInput(argument, `"${argument}" must be an integer between 0 and ${max}`);
  }
  return size;
}
