import { Principal, Role } from '@lexique/core';
import type { Gql } from '@lexique/core';
import { ApiKeyEntity } from '../api-keys/api-key.entity';

const KINDS: Record<Principal['kind'], Gql.PrincipalKind> = {
  user: 'USER' as Gql.PrincipalKind,
  'api-key': 'API_KEY' as Gql.PrincipalKind,
  system: 'SYSTEM' as Gql.PrincipalKind,
  anonymous: 'ANONYMOUS' as Gql.PrincipalKind,
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
