import { DomainError } from '../errors/domain-error';
import { CURSOR_PART_SEPARATOR, decodeCursor, decodeCursorParts, encodeCursor, pageSize } from './cursor';

describe('cursors', () => {
  it('round-trips a key', () => {
    expect(decodeCursor(encodeCursor('FIN-0042'))).toBe('FIN-0042');
  });

  it('round-trips a key of several parts, and refuses a NUL anywhere else', () => {
    const cursor = encodeCursor(['0302', '7444e4c2-bb69-40b2-9c8d-9c0d495dc642'].join(CURSOR_PART_SEPARATOR));
    expect(decodeCursorParts(cursor, 2)).toEqual(['0302', '7444e4c2-bb69-40b2-9c8d-9c0d495dc642']);
    expect(() => decodeCursor(cursor)).toThrow(DomainError);
    expect(() => decodeCursorParts(encodeCursor('a\u0000b\u0000c'), 2)).toThrow(DomainError);
  });

  const forged = (key: string) => Buffer.from('lx1:' + key, 'utf8').toString('base64url');

  it.each(['', 'nope', '!!!', Buffer.from('other:FIN').toString('base64url'), forged('FIN\u00000001'), forged('\u0000')])(
    'refuses %p naming the argument',
    (cursor) => {
      try {
        decodeCursor(cursor, 'after');
        throw new Error('accepted');
      } catch (error) {
        expect(error).toBeInstanceOf(DomainError);
        expect((error as DomainError).field).toBe('after');
      }
    },
  );

  it('bounds page sizes', () => {
    expect(pageSize(undefined, 500, 50)).toBe(50);
    expect(pageSize(500, 500, 50)).toBe(500);
    expect(() => pageSize(501, 500, 50)).toThrow('"first"');
    expect(() => pageSize(-1, 500, 50)).toThrow('"first"');
  });
});
