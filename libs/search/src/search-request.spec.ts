import { ANONYMOUS_PRINCIPAL, DomainError, Principal, Role } from '@lexique/core';
import { ConceptStatus } from '@lexique/vocabulary';
import { searchQueryOf, statusScope } from './search-request';

const steward: Principal = { id: 'user:fabien', name: 'fabien', kind: 'user', roles: [Role.READER, Role.STEWARD], stewardDomains: ['FIN'] };
const admin: Principal = { id: 'user:ada', name: 'ada', kind: 'user', roles: [Role.ADMIN], stewardDomains: [] };

function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected a refusal');
}

describe('search request', () => {
  it('searches published and deprecated concepts by default', () => {
    expect(statusScope(ANONYMOUS_PRINCIPAL, undefined)).toEqual({
      publicStatuses: ['PUBLISHED', 'DEPRECATED'],
      unpublishedStatuses: [],
      unpublishedDomains: [],
    });
  });

  it('gives drafts only to the stewards of their domain and to admins', () => {
    const wanted = [ConceptStatus.DRAFT, ConceptStatus.PUBLISHED];
    expect(statusScope(ANONYMOUS_PRINCIPAL, wanted).unpublishedStatuses).toEqual([]);
    expect(statusScope(steward, wanted)).toEqual({
      publicStatuses: ['PUBLISHED'],
      unpublishedStatuses: ['DRAFT'],
      unpublishedDomains: ['FIN'],
    });
    expect(statusScope(admin, wanted).unpublishedDomains).toBe('all');
  });

  it.each([
    [{ query: '' }, 'query'],
    [{ query: '   ' }, 'query'],
    [{ query: 'x'.repeat(201) }, 'query'],
    [{ query: 'budget', first: 101 }, 'first'],
    [{ query: 'budget', first: 2.5 }, 'first'],
    [{ query: 'budget', offset: -3 }, 'offset'],
  ])('refuses %j naming %s', (args, field) => {
    expect(refusal(() => searchQueryOf(ANONYMOUS_PRINCIPAL, args))).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('accepts 200 characters and 100 hits, trims the query and normalises filter values without interpreting them', () => {
    const query = searchQueryOf(ANONYMOUS_PRINCIPAL, {
      query: `  ${'x'.repeat(200)}  `,
      first: 100,
      filter: { domains: [' fin ', 'FIN', 'rh" OR 1=1'], systems: null },
    });
    expect(query).toMatchObject({ text: 'x'.repeat(200), limit: 100, offset: 0, domains: ['FIN', 'RH" OR 1=1'], systems: undefined });
  });
});
