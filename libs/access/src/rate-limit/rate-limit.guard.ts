import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { DomainError, ErrorCode, LEXIQUE_CONFIG, LexiqueConfig } from '@lexique/core';
import { requestContextOf } from '../request-context.decorator';
import { TokenBuckets } from './token-bucket';
import { RATE_LIMITED_KEY } from './rate-limited.decorator';

const SWEEP_EVERY = 1000;

/** Applies @RateLimited per principal; anonymous callers are told apart by address. Runs after the access guard. */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly buckets: TokenBuckets;
  private calls = 0;

  constructor(
    private readonly reflector: Reflector,
    @Inject(LEXIQUE_CONFIG) config: LexiqueConfig,
  ) {
    this.buckets = new TokenBuckets({ perMinute: config.rateLimitPerMinute, burst: config.rateLimitBurst });
  }

  canActivate(context: ExecutionContext): boolean {
    const cost = this.reflector.getAllAndOverride<number | undefined>(RATE_LIMITED_KEY, [context.getHandler(), context.getClass()]);
    if (cost === undefined) return true;
    if (++this.calls % SWEEP_EVERY === 0) this.buckets.sweep();
    const result = this.buckets.take(this.callerKey(context), cost);
    if (result.allowed) return true;
    throw new DomainError(ErrorCode.RATE_LIMITED, `Too many expensive requests: try again in ${result.retryAfterSeconds} s`, undefined, {
      retryAfter: result.retryAfterSeconds,
    });
  }

  private callerKey(context: ExecutionContext): string {
    const { principal } = requestContextOf(context);
    if (principal.kind !== 'anonymous') return principal.id;
    const req =
      context.getType<string>() === 'graphql'
        ? GqlExecutionContext.create(context).getContext<{ req: { ip?: string } }>().req
        : context.switchToHttp().getRequest<{ ip?: string }>();
    return `anonymous:${req.ip ?? 'unknown'}`;
  }
}
