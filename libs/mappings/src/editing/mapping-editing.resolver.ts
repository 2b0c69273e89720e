import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow, Ctx, RateLimited } from '@lexique/access';
import { RequestContext, Role } from '@lexique/core';
import type { Gql } from '@lexique/core';
import { MappingReviewService } from './mapping-review.service';
import { MappingUpsertService } from './mapping-upsert.service';

/** Writes of mappings, and the review queue. The services check each mapping's domain against the caller's grants. */
@Resolver()
export class MappingEditingResolver {
  constructor(
    private readonly upserts: MappingUpsertService,
    private readonly review: MappingReviewService,
  ) {}

  @Query()
  @Allow(Role.STEWARD)
  mappingsAwaitingReview(@Ctx() ctx: RequestContext, @Args('system') system?: string, @Args('first') first?: number) {
    return this.review.awaitingReview(ctx, system, first);
  }

  @Mutation()
  @Allow(Role.STEWARD)
  upsertMapping(
    @Ctx() ctx: RequestContext,
    @Args('input') input: Gql.MappingInput,
    @Args('version') version?: number,
    @Args('reason') reason?: string,
  ) {
    return this.upserts.upsert(ctx, input, version, reason);
  }

  @Mutation()
  @Allow(Role.STEWARD)
  @RateLimited()
  upsertMappings(@Ctx() ctx: RequestContext, @Args('inputs') inputs: Gql.MappingItemInput[], @Args('reason') reason?: string) {
    const items = inputs.map((item) => ({ input: item.mapping, version: item.version }));
    return this.upserts.upsertMany(ctx, items, reason);
  }

  @Mutation()
  @Allow(Role.STEWARD)
  submitMapping(
    @Ctx() ctx: RequestContext,
    @Args('system') system: string,
    @Args('localCode') localCode: string,
    @Args('version') version: number,
    @Args('id') id?: string,
    @Args('reason') reason?: string,
  ) {
    return this.review.submit(ctx, { system, localCode, id }, version, reason);
  }

  @Mutation()
  @Allow(Role.STEWARD)
  approveMapping(
    @Ctx() ctx: RequestContext,
    @Args('system') system: string,
    @Args('localCode') localCode: string,
    @Args('version') version: number,
    @Args('id') id?: string,
    @Args('reason') reason?: string,
  ) {
    return this.review.approve(ctx, { system, localCode, id }, version, reason);
  }

  @Mutation()
  @Allow(Role.STEWARD)
  rejectMapping(
    @Ctx() ctx: RequestContext,
    @Args('system') system: string,
    @Args('localCode') localCode: string,
    @Args('version') version: number,
    @Args('reason') reason: string,
    @Args('id') id?: string,
  ) {
    return this.review.reject(ctx, { system, localCode, id }, version, reason);
  }

  @Mutation()
  @Allow(Role.STEWARD)
  deleteMapping(
    @Ctx() ctx: RequestContext,
    @Args('system') system: string,
    @Args('localCode') localCode: string,
    @Args('version') version: number,
    @Args('id') id?: string,
    @Args('reason') reason?: string,
  ) {
    return this.review.delete(ctx, { system, localCode, id }, version, reason);
  }
}
