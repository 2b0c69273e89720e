import { ArgumentsHost, Catch } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { GqlContextType, GqlExceptionFilter } from '@nestjs/graphql';

/**
 * Nest logs every error a resolver or guard throws at error level, client
 * mistakes included (a wrong argument, a missing role, an empty rate
 * bucket). In GraphQL this filter hands them to Apollo untouched instead:
 * the error formatter maps them once and logs only internal errors as
 * errors. Plain HTTP routes keep Nest's handling.
 */
@Catch()
export class GraphQLErrorsFilter extends BaseExceptionFilter implements GqlExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost) {
    if (host.getType<GqlContextType>() === 'graphql') return exception;
    return super.catch(exception, host);
  }
}
