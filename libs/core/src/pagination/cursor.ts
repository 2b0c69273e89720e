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

/**
 * Separates the parts of a sort key of several columns (a local code, then
 * an id): no text this API stores can hold it.
 */
export const CURSOR_PART_SEPARATOR = '\u0000';

export function decodeCursor(cursor: string, argument = 'after'): string {
  const [key] = decodeCursorParts(cursor, 1, argument);
  return key;
}

/** The parts of a sort key of `count` columns, each text PostgreSQL can store (a forged cursor may hold a NUL). */
export function decodeCursorParts(cursor: string, count: number, argument = 'after'): string[] {
  const text = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const parts = text.startsWith(PREFIX) ? text.slice(PREFIX.length).split(CURSOR_PART_SEPARATOR) : [];
  if (parts.length !== count || parts[0] === '' || !parts.every(isStorableText)) {
    throw badInput(argument, `"${argument}" is not a cursor returned by this API`);
  }
  return parts;
}

/** Validates a page size argument and returns it. */
export function pageSize(first: number | null | undefined, max: number, fallback: number, argument = 'first'): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 0 || size > max) {
    throw badInput(argument, `"${argument}" must be an integer between 0 and ${max}`);
  }
  return size;
}
