import { Gql, Principal, Role } from '@lexique/core';
import { ApiKeyEntity } from '../api-keys/api-key.entity';

const KINDS: Record<Principal['kind'], Gql.PrincipalKind> = {
  user: Gql.PrincipalKind.USER,
  'api-key': Gql.PrincipalKind.API_KEY,
  system: Gql.PrincipalKind.SYSTEM,
  anonymous: Gql.PrincipalKind.ANONYMOUS,
};

// The generated enum and the core one hold the same strings.
const toGqlRoles = (roles: Role[]) => roles as string[] as Gql.Role[];
export const fromGqlRoles = (roles: Gql.Role[]) => roles as string[] as Role[];

export function toGqlPrincipal(principal: Principal): Gql.Principal {
  return {
    id: principal.id,
    name: principal.name,
    kind: KINDS[principal.kind],
    roles: toGqlRoles(principal.roles),
    stewardDomains: principal.stewardDomains,
  };
}

export function toGqlApiKey(key: ApiKeyEntity): Gql.ApiKey {
  return {
    prefix: key.prefix,
    name: key.name,
    roles: toGqlRoles(key.roles),
    stewardDomains: key.stewardDomains,
    createdBy: key.createdBy,
    createdAt: key.createdAt,
    lastUsedAt: key.lastUsedAt,
    revokedAt: key.revokedAt,
  };
}
