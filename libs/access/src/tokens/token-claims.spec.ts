import { Role } from '@lexique/core';
import { principalFromClaims } from './token-claims';

describe('principalFromClaims', () => {
  it('reads the default claims of development tokens', () => {
    expect(principalFromClaims({ sub: 'alice', name: 'Alice', roles: ['STEWARD'], domains: ['fin'] })).toEqual({
      id: 'user:alice',
      name: 'Alice',
      kind: 'user',
      roles: [Role.STEWARD],
      stewardDomains: ['FIN'],
    });
  });

  it('follows dotted paths, accepts strings and any case, and drops unknown roles', () => {
    const claims = {
      sub: 'u1',
      preferred_username: 'bob',
      realm_access: { roles: ['admin', 'offline_access', 'Admin'] },
      groups: 'FIN,RH',
    };
    expect(principalFromClaims(claims, { roles: 'realm_access.roles', domains: 'groups' })).toMatchObject({
      name: 'bob',
      roles: [Role.ADMIN],
      stewardDomains: ['FIN', 'RH'],
    });
  });

  it('prefers a literal dotted claim name, as namespaced claims have', () => {
    const claims = { sub: 'u2', 'https://lexique.example/roles': ['INTEGRATOR'] };
    expect(principalFromClaims(claims, { roles: 'https://lexique.example/roles', domains: 'domains' }).roles).toEqual([Role.INTEGRATOR]);
  });

  it('gives a reader when no known role is claimed, and refuses a token without subject', () => {
    expect(principalFromClaims({ sub: 'u3', roles: 42 }).roles).toEqual([Role.READER]);
    expect(() => principalFromClaims({ roles: ['ADMIN'] })).toThrow('no subject');
  });
});
