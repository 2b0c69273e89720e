import { AccessPolicy } from '@lexique/access';
import { badInput, isStorableText, Principal } from '@lexique/core';
import type { Gql } from '@lexique/core';
import { ConceptStatus, PUBLIC_STATUSES } from '@lexique/vocabulary';
import { SearchNeeds, SearchQuery, StatusScope } from './search-engine';

export const MAX_QUERY_LENGTH = 200;
export const MAX_SEARCH_PAGE = 100;
export const DEFAULT_SEARCH_PAGE = 20;
const DEFAULT_STATUSES = [ConceptStatus.PUBLISHED, ConceptStatus.DEPRECATED];
const MAX_FILTER_VALUES = 50;

export interface SearchArguments {
  query: string;
  filter?: Gql.SearchFilter | null;
  first?: number | null;
  offset?: number | null;
  needs?: SearchNeeds;
}

function filterValues(values: readonly string[] | null | undefined, field: string): string[] | undefined {
  if (!values || values.length === 0) return undefined;
  if (values.length > MAX_FILTER_VALUES) throw badInput(field, `At most ${MAX_FILTER_VALUES} values`);
  // Kept as given (trimmed, upper-cased like codes): they are compared, never interpreted.
  return [...new Set(values.map((value) => value.trim().toUpperCase()))];
}

/** Which statuses the caller asked for and may see; drafts only where they steward (everywhere for admins). */
export function statusScope(principal: Principal, requested: readonly ConceptStatus[] | null | undefined): StatusScope {
  const statuses = requested && requested.length > 0 ? [...new Set(requested)] : DEFAULT_STATUSES;
  const isPublic = (status: string) => (PUBLIC_STATUSES as readonly string[]).includes(status);
  const unpublishedDomains = AccessPolicy.of(principal).unpublishedDomains;
  return {
    publicStatuses: statuses.filter(isPublic),
    unpublishedStatuses:
      unpublishedDomains === 'all' || unpublishedDomains.length > 0 ? statuses.filter((status) => !isPublic(status)) : [],
    unpublishedDomains,
  };
}

/**
 * Whether every text of a search can be stored: no concept holds a NUL or a
 * lone surrogate, so such a search matches nothing and is never sent on.
 */
export function searchesStorableText(query: Pick<SearchQuery, 'text' | 'domains' | 'systems'>): boolean {
  return [query.text, ...(query.domains ?? []), ...(query.systems ?? [])].every(isStorableText);
}

/** Checks the arguments at the edge: bad input changes nothing and names the argument. */
export function searchQueryOf(principal: Principal, args: SearchArguments): SearchQuery {
  const text = (args.query ?? '').trim();
  if (text.length === 0) throw badInput('query', 'The query is empty');
  if (text.length > MAX_QUERY_LENGTH) throw badInput('query', `The query is longer than ${MAX_QUERY_LENGTH} characters`);
  const limit = args.first ?? DEFAULT_SEARCH_PAGE;
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_SEARCH_PAGE)
    throw badInput('first', `"first" must be between 0 and ${MAX_SEARCH_PAGE}`);
  const offset = args.offset ?? 0;
  if (!Number.isInteger(offset) || offset < 0 || offset > 10000) throw badInput('offset', '"offset" must be between 0 and 10000');
  return {
    text,
    domains: filterValues(args.filter?.domains, 'filter.domains'),
    systems: filterValues(args.filter?.systems, 'filter.systems'),
    scope: statusScope(principal, args.filter?.statuses),
    limit,
    offset,
    needs: args.needs,
  };
}
