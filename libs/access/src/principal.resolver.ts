import { Inject, Injectable } from '@nestjs/common';
import { jwtVerify } from 'jose';
import { ANONYMOUS_PRINCIPAL, DomainError, ErrorCode, LEXIQUE_CONFIG, LexiqueConfig, Principal, Role } from '@lexique/core';

const ROLES = new Set<string>(Object.values(Role));

/**
 * Tells who is calling from the request headers: a bearer token signed with
 * AUTH_JWT_SECRET gives a person with the roles and steward domains of its
 * claims; no credentials give the anonymous reader.
 */
@Injectable()
export class PrincipalResolver {
  private readonly secret?: Uint8Array;

  constructor(@Inject(LEXIQUE_CONFIG) config: LexiqueConfig) {
    this.secret = config.authJwtSecret ? new TextEncoder().encode(config.authJwtSecret) : undefined;
  }

  async resolve(headers: Record<string, string | string[] | undefined>): Promise<Principal> {
    const authorization = typeof headers.authorization === 'string' ? headers.authorization : undefined;
    if (!authorization) return ANONYMOUS_PRINCIPAL;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) throw unauthenticated('The Authorization header must be "Bearer <token>"');
    if (!this.secret) throw unauthenticated('This server accepts no bearer tokens');
    try {
      const { payload } = await jwtVerify(match[1], this.secret, { algorithms: ['HS256'] });
      return principalFromClaims(payload);
    } catch (error) {
      if (error instanceof DomainError) throw error;
      throw unauthenticated('The bearer token is invalid or expired');
    }
  }
}

/** Claims: `sub`, `name`, `roles` (READER, INTEGRATOR, STEWARD, ADMIN) and `domains` (stewarded domains). */
export function principalFromClaims(claims: Record<string, unknown>): Principal {
  if (typeof claims.sub !== 'string' || !claims.sub) throw unauthenticated('The token has no subject');
  const roles = Array.isArray(claims.roles) ? claims.roles.filter((r): r is Role => typeof r === 'string' && ROLES.has(r)) : [];
  const domains = Array.isArray(claims.domains)
    ? claims.domains.filter((d): d is string => typeof d === 'string').map((d) => d.toUpperCase())
    : [];
  return {
    id: `user:${claims.sub}`,
    name: typeof claims.name === 'string' ? claims.name : claims.sub,
    kind: 'user',
    roles: roles.length ? roles : [Role.READER],
    stewardDomains: domains,
  };
}

function unauthenticated(message: string): DomainError {
  return new DomainError(ErrorCode.UNAUTHENTICATED, message);
}
