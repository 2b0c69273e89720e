import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { forbidden, Role, unauthenticated } from '@lexique/core';
import { ALLOW_KEY, PUBLIC_KEY } from './allow.decorator';
import { requestContextOf } from './request-context.decorator';

/**
 * One global guard: a handler runs only if it declares roles with @Allow and
 * the caller holds one of them (ADMIN holds them all). A handler without
 * @Allow is refused, so a forgotten declaration fails closed. Anonymous
 * callers hold READER only when LEXIQUE_ANONYMOUS_READ is on.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_KEY, [context.getHandler(), context.getClass()])) return true;
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOW_KEY, [context.getHandler(), context.getClass()]);
    if (!allowed) throw forbidden('This operation declares no access rule');
    const { principal, credentialsError } = requestContextOf(context);
    if (credentialsError) throw credentialsError;
    if (principal.roles.includes(Role.ADMIN) || allowed.some((role) => holds(principal.roles, role))) return true;
    // signing in may help an anonymous caller; nothing will help a signed-in one
    if (principal.kind === 'anonymous') throw unauthenticated(`Sign in: this operation needs one of the roles ${allowed.join(', ')}`);
    throw forbidden(`This operation needs one of the roles ${allowed.join(', ')}`);
  }
}

/** Roles include the ones below them: an integrator or a steward is also a reader. */
function holds(roles: Role[], needed: Role): boolean {
  if (needed === Role.READER) return roles.length > 0;
  if (needed === Role.INTEGRATOR) return roles.includes(Role.INTEGRATOR) || roles.includes(Role.STEWARD);
  return roles.includes(needed);
}
