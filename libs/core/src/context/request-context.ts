/**
 * Who is calling and on whose behalf. Services take it as their first
 * argument so that rules (who may see drafts, who may write where) and the
 * change log (who did it) never depend on ambient state.
 */
export enum Role {
  READER = 'READER',
  INTEGRATOR = 'INTEGRATOR',
  STEWARD = 'STEWARD',
  ADMIN = 'ADMIN',
}

export interface Principal {
  /** Stable identifier written in the change log, e.g. `user:alice` or `key:lx_ab12`. */
  id: string;
  name: string;
  kind: 'user' | 'api-key' | 'system' | 'anonymous';
  roles: Role[];
  /** Domains this principal is a steward of (meaningful with Role.STEWARD). */
  stewardDomains: string[];
}

export interface RequestContext {
  requestId: string;
  principal: Principal;
  /**
   * Credentials that were sent but refused. The request then runs as
   * anonymous only for public routes; the access guard reports this error
   * for everything else, as a GraphQL error rather than an HTTP one.
   */
  credentialsError?: Error;
}

export const SYSTEM_PRINCIPAL: Principal = {
  id: 'system',
  name: 'Lexique',
  kind: 'system',
  roles: [Role.ADMIN],
  stewardDomains: [],
};

export const ANONYMOUS_PRINCIPAL: Principal = {
  id: 'anonymous',
  name: 'anonymous',
  kind: 'anonymous',
  roles: [Role.READER],
  stewardDomains: [],
};

export function systemContext(requestId = 'system', principal: Principal = SYSTEM_PRINCIPAL): RequestContext {
  return { requestId, principal };
}
