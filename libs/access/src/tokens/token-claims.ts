import { Principal, Role, unauthenticated } from '@lexique/core';

const ROLES = new Set<string>(Object.values(Role));

/** Where a provider puts roles and steward domains; names or dotted paths (`realm_access.roles`). */
export interface ClaimNames {
  roles: string;
  domains: string;
}

export const DEFAULT_CLAIM_NAMES: ClaimNames = { roles: 'roles', domains: 'domains' };

/**
 * A person from verified claims: `sub`, `name` (else `preferred_username`),
 * roles (READER, INTEGRATOR, STEWARD, ADMIN, any case; others ignored) and
 * stewarded domains. A list or a space- or comma-separated string is
 * accepted, as providers write either. A token with no known role reads.
 */
export function principalFromClaims(claims: Record<string, unknown>, names: ClaimNames = DEFAULT_CLAIM_NAMES): Principal {
  if (typeof claims.sub !== 'string' || !claims.sub) throw unauthenticated('The token has no subject');
  const roles = [...new Set(strings(claimAt(claims, names.roles)).map((r) => r.toUpperCase()))].filter((r): r is Role => ROLES.has(r));
  const domains = [...new Set(strings(claimAt(claims, names.domains)).map((d) => d.toUpperCase()))];
  const name = [claims.name, claims.preferred_username].find((n): n is string => typeof n === 'string' && n.trim() !== '');
  return {
    id: `user:${claims.sub}`,
    name: name ?? claims.sub,
    kind: 'user',
    roles: roles.length ? roles : [Role.READER],
    stewardDomains: domains,
  };
}

function claimAt(claims: Record<string, unknown>, dottedPath: string): unknown {
  // a provider may also use a literal dotted name, e.g. "https://lexique/roles"
  if (dottedPath in claims) return claims[dottedPath];
  return dottedPath
    .split('.')
    .reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), claims);
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return value.split(/[\s,]+/).filter(Boolean);
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim());
  return [];
}
