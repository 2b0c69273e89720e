import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow, Ctx } from '@lexique/access';
import { Gql, RequestContext, Role } from '@lexique/core';
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
    const ofConcept = item.kind === Gql.ReviewItemKind.NEW_CONCEPT || item.kind === Gql.ReviewItemKind.CONCEPT_REVISION;
    return ofConcept ? this.concepts.find(ctx, { id: item.id }) : null;
  }

  @ResolveField()
  mapping(@Ctx() ctx: RequestContext, @Parent() item: ReviewItemView) {
    const ofMapping = item.kind === Gql.ReviewItemKind.NEW_MAPPING || item.kind === Gql.ReviewItemKind.MAPPING_REVISION;
    return ofMapping ? this.mappings.byId(ctx, item.id) : null;
  }
}
