import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ANONYMOUS_PRINCIPAL, DomainError, ErrorCode, Principal, RequestContext, Role } from '@lexique/core';
import { AccessGuard } from './access.guard';
import { Allow, Public } from './allow.decorator';

class Operations {
  @Allow(Role.READER) read() {}
  @Allow(Role.INTEGRATOR) followChanges() {}
  @Allow(Role.STEWARD) edit() {}
  @Allow(Role.ADMIN) administer() {}
  @Public() health() {}
  undeclared() {}
}

type Handler = keyof Operations;

function contextFor(handler: Handler, lexique: RequestContext): ExecutionContext {
  return {
    getType: () => 'http',
    // the handler is only a metadata key here, never called
    // eslint-disable-next-line @typescript-eslint/unbound-method
    getHandler: () => Operations.prototype[handler],
    getClass: () => Operations,
    switchToHttp: () => ({ getRequest: () => ({ lexique }) }),
  } as unknown as ExecutionContext;
}

const person = (roles: Role[]): Principal => ({
  id: 'user:x',
  name: 'x',
  kind: 'user',
  roles,
  stewardDomains: roles.includes(Role.STEWARD) ? ['FIN'] : [],
});
const CALLERS: Record<string, Principal> = {
  anonymousOpen: ANONYMOUS_PRINCIPAL,
  anonymousClosed: { ...ANONYMOUS_PRINCIPAL, roles: [] },
  reader: person([Role.READER]),
  integrator: person([Role.INTEGRATOR]),
  steward: person([Role.STEWARD]),
  admin: person([Role.ADMIN]),
};

/** Who gets through each handler; READER < INTEGRATOR, STEWARD also follows changes, ADMIN does all. */
const ALLOWED: Record<Handler, string[]> = {
  read: ['anonymousOpen', 'reader', 'integrator', 'steward', 'admin'],
  followChanges: ['integrator', 'steward', 'admin'],
  edit: ['steward', 'admin'],
  administer: ['admin'],
  health: Object.keys(CALLERS),
  undeclared: [],
};

describe('AccessGuard', () => {
  const guard = new AccessGuard(new Reflector());
  const cases = (Object.keys(ALLOWED) as Handler[]).flatMap((handler) => Object.keys(CALLERS).map((caller) => [handler, caller] as const));

  it.each(cases)('%s by %s', (handler, caller) => {
    const attempt = () => guard.canActivate(contextFor(handler, { requestId: 'r', principal: CALLERS[caller] }));
    if (ALLOWED[handler].includes(caller)) {
      expect(attempt()).toBe(true);
      return;
    }
    const expectedCode = handler === 'undeclared' || !caller.startsWith('anonymous') ? 'FORBIDDEN' : 'UNAUTHENTICATED';
    expect(attempt).toThrow(DomainError);
    expect(attempt).toThrow(expect.objectContaining({ code: expectedCode }) as Error);
  });

  it('reports refused credentials rather than treating the caller as anonymous, except on public routes', () => {
    const refused = new DomainError(ErrorCode.UNAUTHENTICATED, 'bad token');
    const lexique = { requestId: 'r', principal: ANONYMOUS_PRINCIPAL, credentialsError: refused };
    expect(() => guard.canActivate(contextFor('read', lexique))).toThrow(refused);
    expect(guard.canActivate(contextFor('health', lexique))).toBe(true);
  });
});
