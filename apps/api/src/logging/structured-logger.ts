import { LoggerService } from '@nestjs/common';
import { requestScope } from './request-scope';

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;
type Level = (typeof LEVELS)[number];

/**
 * JSON lines for log collectors (one object per line with time, level,
 * context, message and the request id), or short coloured lines for a
 * developer's terminal.
 */
export class StructuredLogger implements LoggerService {
  private readonly minimum: number;

  constructor(
    private readonly format: 'json' | 'pretty',
    level: Level,
    private readonly out: (line: string) => void = (line) => process.stdout.write(line + '\n'),
  ) {
    this.minimum = LEVELS.indexOf(level);
  }

  log(message: unknown, ...rest: unknown[]) {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]) {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]) {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]) {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]) {
    this.write('debug', message, rest);
  }

  private write(level: Level, message: unknown, rest: unknown[]) {
    // before any formatting: the request line is written for every request
    if (LEVELS.indexOf(level) < this.minimum) return;
    // Nest passes the context name last, and a stack before it for errors.
    const context = typeof rest.at(-1) === 'string' ? (rest.at(-1) as string) : undefined;
    const stack = level === 'error' && typeof rest[0] === 'string' && rest.length > 1 ? rest[0] : undefined;
    // `{ message, ...fields }` objects become one line with those fields
    if (
      message &&
      typeof message === 'object' &&
      !(message instanceof Error) &&
      typeof (message as { message?: unknown }).message === 'string'
    ) {
      const { message: text, ...fields } = message as { message: string };
      this.emit(level, text, context, { ...fields, ...(stack ? { stack } : {}) });
      return;
    }
    const text = message instanceof Error ? message.message : typeof message === 'string' ? message : JSON.stringify(message);
    this.emit(level, text, context, stack ? { stack } : {});
  }

  private emit(level: Level, message: string, context: string | undefined, fields: Record<string, unknown>) {
    const requestId = requestScope.getStore()?.requestId;
    if (this.format === 'json') {
      this.out(JSON.stringify({ time: new Date().toISOString(), level, context, message, requestId, ...fields }));
      return;
    }
    const colour = { debug: 90, info: 32, warn: 33, error: 31 }[level];
    const extra = Object.entries(fields)
      .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
      .join(' ');
    const time = new Date().toISOString().slice(11, 23);
    this.out(
      `\x1b[90m${time}\x1b[0m \x1b[${colour}m${level.toUpperCase().padEnd(5)}\x1b[0m ${context ? `[${context}] ` : ''}${message}${extra ? ' ' + extra : ''}${requestId ? ` \x1b[90m(${requestId})\x1b[0m` : ''}`,
    );
  }
}
