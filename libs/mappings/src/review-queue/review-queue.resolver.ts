import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow, Ctx } from '@lexique/access';
import { RequestContext, Role } from '@lexique/core';
import { ConceptService } from '@lexique/vocabulary';
import { MappingService } from '../mappings/mapping.service';
import { ReviewItemView, ReviewQueueService } from './review-queue.service';

@Resolver()
export class ReviewQueueResolver {
  constructor(private readonly queue: ReviewQueueService) {}

  @Query()
  @Allow(Role.STEWARD)
  reviewQueue(
    @Ctx() ctx: RequestContext,
    @Args('domains') domains?: string[],
    @Args('first') first?: number,
    @Args('after') after?: string,
  ) {
    return this.queue.page(ctx, domains, first, after);
  }
}

/** The entry behind a queue item, as the caller may see it (a steward of its domain may). */
@Resolver('ReviewItem')
export class ReviewItemFieldResolver {
  constructor(
    private readonly concepts: ConceptService,
    private readonly mappings: MappingService,
  ) {}

  @ResolveField()
  concept(@Ctx() ctx: RequestContext, @Parent() item: ReviewItemView) {
    return item.kind === 'NEW_CONCEPT' || item.kind === 'CONCEPT_REVISION' ? this.concepts.find(ctx, { id: item.id }) : null;
  }

  @ResolveField()
  mapping(@Ctx() ctx: RequestContext, @Parent() item: ReviewItemView) {
    return item.kind === 'NEW_MAPPING' || item.kind === 'MAPPING_REVISION' ? this.mappings.byId(ctx, item.id) : null;
  }
}
