import { Injectable } from '@nestjs/common';
import { Gql, pageSize, RequestContext, unauthenticated } from '@lexique/core';
import { DECISIONS } from './decisions';
import { NotificationRepository } from './notification.repository';

const MAX_NOTIFICATIONS = 200;
const WINDOW_DAYS = 180;

/** What became of the entries a person wrote: approvals and rejections, with the reviewers' reasons. */
@Injectable()
export class NotificationService {
  constructor(private readonly notifications: NotificationRepository) {}

  async mine(ctx: RequestContext, first: number | null | undefined): Promise<Gql.Notification[]> {
    if (ctx.principal.kind === 'anonymous') throw unauthenticated('Sign in to see the decisions about your entries');
    const rows = await this.notifications.forAuthor(ctx.principal.id, WINDOW_DAYS, pageSize(first, MAX_NOTIFICATIONS, 50));
    return rows.map((row) => ({
      at: row.at,
      entity: row.entity as Gql.ChangeEntity,
      key: row.key,
      label: row.entity === 'CONCEPT' ? row.label : null,
      domain: row.domain,
      decision: DECISIONS[row.action],
      reason: row.reason,
      by: row.by,
    }));
  }
}
