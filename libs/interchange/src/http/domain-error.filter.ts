import { ArgumentsHost, Catch } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Response } from 'express';
import { DomainError, ErrorCode } from '@lexique/core';
import { retryableFault } from '@lexique/database';

const STATUS: Record<ErrorCode, number> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.RATE_LIMITED]: 429,
  [ErrorCode.BUSY]: 503,
};

/**
 * Downloads are plain HTTP: domain errors, and faults a client can retry
 * (as BUSY), become their HTTP status with the same code and message as in
 * GraphQL, and `Retry-After` when there is one; anything else is Nest's 500.
 */
@Catch()
export class DomainErrorHttpFilter extends BaseExceptionFilter {
  override catch(thrown: unknown, host: ArgumentsHost) {
    const error = thrown instanceof DomainError ? thrown : retryableFault(thrown);
    const res = host.switchToHttp().getResponse<Response>();
    if (!error || res.headersSent) return super.catch(thrown, host);
    const retryAfter = error.details?.retryAfter;
    if (typeof retryAfter === 'number') res.setHeader('Retry-After', String(retryAfter));
    res.status(STATUS[error.code]).json({
      code: error.code,
      reason: error.reason,
      message: error.message,
      ...(error.field ? { field: error.field } : {}),
    });
  }
}
