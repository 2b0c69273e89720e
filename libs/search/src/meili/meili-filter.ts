import { SearchQuery } from '../search-engine';

/**
 * A value as a Meilisearch filter string literal: always double-quoted,
 * with backslashes and quotes escaped, so that no value can close the quote
 * and add a condition.
 */
export function quoteFilterValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function isIn(attribute: string, values: readonly string[]): string {
  return `${attribute} IN [${values.map(quoteFilterValue).join(', ')}]`;
}

/**
 * The filter of a search: its status scope (drafts only in the domains the
 * caller may see them in), domains and systems. Null when the scope allows
 * nothing, so the engine answers without asking.
 */
export function meiliFilter(query: Pick<SearchQuery, 'scope' | 'domains' | 'systems'>): string | null {
  const { scope } = query;
  const visible: string[] = [];
  if (scope.publicStatuses.length > 0) visible.push(isIn('status', scope.publicStatuses));
  if (scope.unpublishedStatuses.length > 0) {
    if (scope.unpublishedDomains === 'all') visible.push(isIn('status', scope.unpublishedStatuses));
    else if (scope.unpublishedDomains.length > 0) {
      visible.push(`(${isIn('status', scope.unpublishedStatuses)} AND ${isIn('domain', scope.unpublishedDomains)})`);
    }
  }
  if (visible.length === 0) return null;
  const clauses = [visible.length === 1 ? visible[0] : `(${visible.join(' OR ')})`];
  if (query.domains?.length) clauses.push(isIn('domain', query.domains));
  if (query.systems?.length) clauses.push(isIn('systems', query.systems));
  return clauses.join(' AND ');
}
