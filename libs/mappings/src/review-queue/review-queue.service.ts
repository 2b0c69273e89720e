import { Injectable } from '@nestjs/common';
import { AccessPolicy } from '@lexique/access';
import { decodeCursor, encodeCursor, ErrorReason, pageSize, refusal, RequestContext } from '@lexique/core';
import type { Gql } from '@lexique/core';
import { fieldDiff } from '@lexique/vocabulary';
import { QueuedItem, QueuePosition, ReviewQueueRepository } from './review-queue.repository';

export const MAX_QUEUE_PAGE = 200;

/** A queue item as the resolver answers it; `concept` and `mapping` are resolved from `id`. */
export type ReviewItemView = Omit<Gql.ReviewItem, 'concept' | 'mapping'> & { id: string };

export interface ReviewQueuePage {
  totalCount: number;
  domains: Gql.ReviewQueueDomain[];
  edges: { cursor: string; node: ReviewItemView }[];
  pageInfo: Gql.PageInfo;
}

/**
 * The reviewer's inbox: what waits for a second person in the domains the
 * caller stewards (every domain for admins), with what each change does and
 * whether the caller may approve it. The same policy decides here as in the
 * writers, so the inbox never offers an approval that would be refused.
 */
@Injectable()
export class ReviewQueueService {
  constructor(private readonly queue: ReviewQueueRepository) {}

  async page(
    ctx: RequestContext,
    domains: readonly string[] | null | undefined,
    first: number | null | undefined,
    after: string | null | undefined,
  ) {
    const limit = pageSize(first, MAX_QUEUE_PAGE, 50);
    const policy = AccessPolicy.of(ctx.principal);
    const scope = this.scope(policy, domains);
    const start = after ? decodePosition(after) : null;
    const [rows, counts] = await Promise.all([this.queue.page(scope, start, limit + 1), this.queue.countsByDomain(scope)]);
    const edges = rows.slice(0, limit).map((item) => ({ cursor: encodePosition(item), node: view(item, policy) }));
    return {
      totalCount: counts.reduce((sum, domain) => sum + domain.count, 0),
      domains: counts,
      edges,
      pageInfo: {
        hasNextPage: rows.length > limit,
        hasPreviousPage: start !== null,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.at(-1)?.cursor ?? null,
      },
    } satisfies ReviewQueuePage;
  }

  /** The domains to list: those asked for, each one the caller must steward; all of the caller's otherwise. */
  private scope(policy: AccessPolicy, asked: readonly string[] | null | undefined): string[] | null {
    const own = policy.unpublishedDomains;
    if (!asked?.length) return own === 'all' ? null : [...own];
    const wanted = [...new Set(asked.map((code) => code.trim().toUpperCase()))];
    wanted.forEach((domain, i) => {
      if (!policy.mayWrite(domain)) {
        throw refusal(
          ErrorReason.NOT_STEWARD,
          `You are not a steward of domain ${domain}: its review queue is not yours`,
          `domains[${i}]`,
          { domain },
        );
      }
    });
    return wanted;
  }
}

function view(item: QueuedItem, policy: AccessPolicy): ReviewItemView {
  return {
    id: item.id,
    kind: item.kind as Gql.ReviewItemKind,
    key: item.key,
    domain: item.domain,
    author: item.author,
    since: item.since,
    version: item.version,
    reason: item.reason,
    changes: fieldDiff(item.current, item.proposed),
    mayApprove: policy.mayApprove(item.domain, { requiresReview: item.requiresReview }, item.author),
  };
}

function encodePosition(item: QueuedItem): string {
  return encodeCursor(JSON.stringify([item.position, item.kind, item.key, item.id]));
}

function decodePosition(cursor: string): QueuePosition {
  const text = decodeCursor(cursor);
  try {
    const [since, kind, key, id] = JSON.parse(text) as unknown[];
    const texts = [since, kind, key, id].every((part) => typeof part === 'string');
    if (texts && !Number.isNaN(Date.parse(since as string))) return { since, kind, key, id } as QueuePosition;
  } catch {
    // refused below like any other cursor this API did not issue
  }
  throw refusal(ErrorReason.INVALID_FORMAT, '"after" is not a cursor returned by this API', 'after');
}
