import { Injectable } from '@nestjs/common';
import { badInput, decodeCursor, encodeCursor, pageSize, RequestContext } from '@lexique/core';
import type { Gql } from '@lexique/core';
import { ChangeEntityType, ChangeLogReader, ChangePosition, ChangeRow } from '@lexique/database';
import { DomainRepository } from '../domains/domain.repository';
import { visibleChange } from './change-visibility';
import { toChangeView } from './change-view';

export const MAX_CHANGE_PAGE = 500;
/** API keys are the admins' business, not the dictionary's. */
const FEED_ENTITIES: ChangeEntityType[] = ['DOMAIN', 'CONCEPT', 'SYSTEM', 'MAPPING'];
/** Rows read per page at most, so that a caller who may see few of them does not make one request scan the whole log. */
const SCAN_FACTOR = 10;

/**
 * The integrators' change feed: the change log in commit order through
 * ChangeLogReader (no gap, no duplicate while writers commit out of order),
 * filtered to what the caller may see. The cursor is a log position, so a
 * follower resumes exactly where it stopped.
 */
@Injectable()
export class ChangeFeedService {
  constructor(
    private readonly reader: ChangeLogReader,
    private readonly domains: DomainRepository,
  ) {}

  async page(
    ctx: RequestContext,
    after: string | null | undefined,
    first: number | null | undefined,
    domainCodes: readonly string[] | null | undefined,
  ): Promise<Gql.ChangeConnection> {
    const limit = pageSize(first, MAX_CHANGE_PAGE, 100);
    const start = after ? decodePosition(after) : null;
    const filter = { domains: await this.knownDomains(domainCodes), entityTypes: FEED_ENTITIES };

    const edges: Gql.ChangeEdge[] = [];
    let position = start;
    let scanned = 0;
    let more = true;
    while (more && edges.length < limit && scanned < limit * SCAN_FACTOR) {
      const batch = await this.reader.readAfter(position, limit - edges.length, filter);
      more = batch.length === limit - edges.length;
      for (const row of batch) {
        position = positionOf(row);
        scanned++;
        const visible = visibleChange(ctx.principal, row);
        if (visible) edges.push({ cursor: encodePosition(position), node: toChangeView(visible) });
      }
    }
    if (more) more = (await this.reader.readAfter(position, 1, filter)).length > 0;
    return {
      edges,
      pageInfo: {
        hasNextPage: more,
        hasPreviousPage: start !== null,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: position ? encodePosition(position) : null,
      },
    };
  }

  private async knownDomains(codes: readonly string[] | null | undefined): Promise<string[] | undefined> {
    if (!codes?.length) return undefined;
    const wanted = [...new Set(codes.map((code) => code.trim().toUpperCase()))];
    const found = new Set((await this.domains.findByCodes(wanted)).map((d) => d.code));
    const unknown = wanted.filter((code) => !found.has(code));
    if (unknown.length) throw badInput('domains', `Unknown domain${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} in "domains"`);
    return wanted;
  }
}

function positionOf(row: ChangeRow): ChangePosition {
  return { txid: row.txid, seq: row.seq };
}

function encodePosition(position: ChangePosition): string {
  return encodeCursor(`change:${position.txid}:${position.seq}`);
}

/** Largest transaction id (xid8, unsigned) and sequence number (bigint) PostgreSQL can compare with. */
const MAX_TXID = 2n ** 64n - 1n;
const MAX_SEQ = 2n ** 63n - 1n;

function decodePosition(cursor: string): ChangePosition {
  const match = /^change:(\d{1,20}):(\d{1,20})$/.exec(decodeCursor(cursor, 'after'));
  if (!match || BigInt(match[1]) > MAX_TXID || BigInt(match[2]) > MAX_SEQ) {
    throw badInput('after', '"after" is not a cursor of the change feed');
  }
  return { txid: match[1], seq: match[2] };
}
