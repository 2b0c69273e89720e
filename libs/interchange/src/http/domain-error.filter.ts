import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, ErrorCode } from '@lexique/core';

const STATUS: Record<ErrorCode, number> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.RATE_LIMITED]: 429,
};

/** Downloads are plain HTTP: domain errors become their HTTP status with the same code and message as in GraphQL. */
@Catch(DomainError)
export class DomainErrorHttpFilter implements ExceptionFilter {
  catch(error: DomainError, host: ArgumentsHost) {
    const res = host.switchToHttp().getResponse<Response>();
    res.status(STATUS[error.code]).json({
      code: error.code,
      reason: error.reason,
      message: error.message,
      ...(error.field ? { field: error.field } : {}),
    });
  }
}
