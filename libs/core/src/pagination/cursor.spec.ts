import { DomainError } from '../errors/domain-error';
import { decodeCursor, encodeCursor, pageSize } from './cursor';

describe('cursors', () => {
  it('round-trips a key', () => {
    expect(decodeCursor(encodeCursor('FIN-0042'))).toBe('FIN-0042');
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
