/**
 * A small Lexique client for integration flows, in TypeScript: typed
 * operations (generated from the contract in schema/ into
 * operations.generated.ts), an API key, batches cut to the API's limit, and a
 * change-feed follower that never skips a change. Copy it into a project and
 * adapt it; `npm test` runs it against a live server (test/docs/clients.test.ts).
 */
import { print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import {
  ChangesDocument,
  type ChangesQuery,
  CrosswalkDocument,
  TranslateBatchDocument,
  type TranslateBatchQuery,
  TranslateDocument,
} from './operations.generated';

/** The API's limit on one translateBatch; longer lists are sent in several calls. */
export const BATCH_LIMIT = 10_000;

export type Change = ChangesQuery['changes']['edges'][number]['node'];

/** A refusal as the API gives it: `code` says what kind, `reason` which rule; `retryAfter` when trying later helps. */
export class LexiqueError extends Error {
  constructor(
    readonly code: string,
    readonly reason: string | undefined,
    message: string,
    readonly field?: string,
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'LexiqueError';
  }
}

interface GraphQLAnswer<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string; reason?: string; field?: string; retryAfter?: number } }[];
}

export class LexiqueClient {
  constructor(
    /** The service's address, e.g. https://lexique.bordeaux-metropole.fr */
    private readonly baseUrl: string,
    /** An API key (`lexique keys create` or the `createApiKey` mutation), sent as X-Api-Key. */
    private readonly apiKey?: string,
  ) {}

  async request<Result, Variables extends Record<string, unknown>>(
    document: TypedDocumentNode<Result, Variables>,
    variables: Variables,
  ): Promise<Result> {
    const response = await fetch(new URL('/graphql', this.baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(this.apiKey ? { 'x-api-key': this.apiKey } : {}) },
      body: JSON.stringify({ query: print(document), variables }),
    });
    const answer = (await response.json()) as GraphQLAnswer<Result>;
    const [error] = answer.errors ?? [];
    if (error) {
      const { code = 'INTERNAL_SERVER_ERROR', reason, field, retryAfter } = error.extensions ?? {};
      throw new LexiqueError(code, reason, error.message, field, retryAfter);
    }
    return answer.data!;
  }

  /** What a local code of a system means (today, or `at` a date). */
  async translate(system: string, code: string, at?: string) {
    return (await this.request(TranslateDocument, { system, code, at })).translate;
  }

  /** Many codes at once, answered in the same order; cut into calls of BATCH_LIMIT codes. */
  async translateBatch(system: string, codes: readonly string[], at?: string) {
    const answers: TranslateBatchQuery['translateBatch'] = [];
    for (let start = 0; start < codes.length; start += BATCH_LIMIT) {
      const slice = codes.slice(start, start + BATCH_LIMIT);
      answers.push(...(await this.request(TranslateBatchDocument, { system, codes: slice, at })).translateBatch);
    }
    return answers;
  }

  /** The codes of system `to` that mean what `code` means in system `from`, most precise first. */
  async crosswalk(from: string, code: string, to: string) {
    return (await this.request(CrosswalkDocument, { from, code, to })).crosswalk;
  }

  /**
   * Follows the change feed from `after` (null: from the beginning) until it
   * is caught up, page by page. Store the cursor it ends on and start again
   * from it: the feed gives every change once, in commit order, even while
   * writers commit out of order.
   */
  async followChanges(
    after: string | null,
    onChange: (change: Change) => void | Promise<void>,
    domains?: string[],
  ): Promise<string | null> {
    let cursor = after;
    for (;;) {
      const { changes } = await this.request(ChangesDocument, { after: cursor, first: 500, domains });
      for (const edge of changes.edges) await onChange(edge.node);
      // endCursor may lie past the last edge (changes the key may not see): keep it all the same
      cursor = changes.pageInfo.endCursor ?? cursor;
      if (!changes.pageInfo.hasNextPage) return cursor;
    }
  }
}
