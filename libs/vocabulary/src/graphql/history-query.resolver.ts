import { Args, Query, Resolver } from '@nestjs/graphql';
import { Allow, Ctx } from '@lexique/access';
import { RequestContext, Role } from '@lexique/core';
import type { Gql } from '@lexique/core';
import { ChangeFeedService } from '../history/change-feed.service';
import { HistoryService } from '../history/history.service';

@Resolver()
export class HistoryQueryResolver {
  constructor(
    private readonly historyService: HistoryService,
    private readonly feed: ChangeFeedService,
  ) {}

  @Query()
  @Allow(Role.READER)
  history(@Ctx() ctx: RequestContext, @Args('key') key: string, @Args('entity') entity?: Gql.ChangeEntity) {
    return this.historyService.history(ctx, entity ?? 'CONCEPT', key);
  }

  @Query()
  @Allow(Role.INTEGRATOR)
  changes(@Ctx() ctx: RequestContext, @Args('after') after?: string, @Args('first') first?: number, @Args('domains') domains?: string[]) {
    return this.feed.page(ctx, after, first, domains);
  }
}
