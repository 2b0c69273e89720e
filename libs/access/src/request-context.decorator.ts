import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { RequestContext } from '@lexique/core';

/** The GraphQL context object built per request by the API. */
export interface GraphQLContext {
  req: { lexique: RequestContext };
}

export function requestContextOf(context: ExecutionContext): RequestContext {
  if (context.getType<string>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext<GraphQLContext>().req.lexique;
  }
  return context.switchToHttp().getRequest<{ lexique: RequestContext }>().lexique;
}

/** Injects the caller's RequestContext into a resolver or controller method. */
export const Ctx = createParamDecorator((_data: unknown, context: ExecutionContext) => requestContextOf(context));
