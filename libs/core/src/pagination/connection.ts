import { encodeCursor } from './cursor';

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  totalCount: number;
  edges: Edge<T>[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

/**
 * Builds a Relay connection from a keyset page. `rows` holds up to `first + 1`
 * rows: the extra one only tells whether a next page exists.
 */
export function toConnection<T>(
  rows: T[],
  first: number,
  totalCount: number,
  keyOf: (row: T) => string,
  hasPreviousPage: boolean,
): Connection<T> {
  const page = rows.slice(0, first);
  const edges = page.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return {
    totalCount,
    edges,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
