import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow, Ctx } from '@lexique/access';
import { Gql, RequestContext, Role } from '@lexique/core';
import { NotificationService } from './notification.service';
import { PeopleNamesLoader } from './people-names.loader';

@Resolver()
export class NotificationsResolver {
  constructor(private readonly notifications: NotificationService) {}

  @Query()
  @Allow(Role.READER)
  myNotifications(@Ctx() ctx: RequestContext, @Args('first') first?: number) {
    return this.notifications.mine(ctx, first);
  }
}

@Resolver('Change')
export class ChangeAuthorResolver {
  constructor(private readonly names: PeopleNamesLoader) {}

  @ResolveField()
  principalName(@Ctx() ctx: RequestContext, @Parent() change: Gql.Change) {
    return this.names.nameOf(ctx, change.principal);
  }
}
