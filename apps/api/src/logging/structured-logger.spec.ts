import { StructuredLogger } from './structured-logger';
import { requestScope } from './request-scope';

describe('StructuredLogger', () => {
  it('writes one JSON object per line with level, context, message, fields and the request id', () => {
    const lines: string[] = [];
    const logger = new StructuredLogger('json', 'info', (line) => lines.push(line));
    requestScope.run({ requestId: 'req-1' }, () => logger.log({ message: 'request', status: 200 }, 'HTTP'));
    logger.debug('hidden below info');
    logger.warn('careful', 'Lexique');
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0])).toMatchObject({ level: 'info', context: 'HTTP', message: 'request', status: 200, requestId: 'req-1' });
    expect(JSON.parse(lines[1])).toMatchObject({ level: 'warn', context: 'Lexique', message: 'careful' });
    expect(JSON.parse(lines[1]).requestId).toBeUndefined();
  });

  it('writes readable lines for a terminal', () => {
    const lines: string[] = [];
    new StructuredLogger('pretty', 'debug', (line) => lines.push(line)).error('boom', 'stack trace', 'Lexique');
    expect(lines[0]).toContain('ERROR');
    expect(lines[0]).toContain('[Lexique] boom');
  });
});
