import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Allow, Ctx } from '@lexique/access';
import { RequestContext, Role } from '@lexique/core';
import type { Gql } from '@lexique/core';
import { ConceptAction } from '../concepts/concept-status.machine';
import { ConceptEditingService } from '../editing/concept-editing.service';
import { ConceptReviewService } from '../editing/concept-review.service';
import { DomainEditingService } from '../editing/domain-editing.service';

/** Writes of the dictionary. The services check the row (its domain) against the caller's grants. */
@Resolver()
export class StewardshipMutationResolver {
  constructor(
    private readonly editing: ConceptEditingService,
    private readonly review: ConceptReviewService,
    private readonly domains: DomainEditingService,
  ) {}

  @Mutation()
  @Allow(Role.STEWARD)
  createConcept(@Ctx() ctx: RequestContext, @Args('input') input: Gql.CreateConceptInput, @Args('reason') reason?: string) {
    return this.editing.create(ctx, input, reason);
  }

  @Mutation()
  @Allow(Role.STEWARD)
  updateConcept(
    @Ctx() ctx: RequestContext,
    @Args('code') code: string,
    @Args('version') version: number,
    @Args('input') input: Gql.UpdateConceptInput,
    @Args('reason') reason?: string,
  ) {
    return this.editing.update(ctx, code, version, input, reason);
  }

  @Mutation()
  @Allow(Role.STEWARD)
  submitConcept(@Ctx() ctx: RequestContext, @Args('code') code: string, @Args('version') version: number, @Args('reason') reason?: string) {
    return this.review.submit(ctx, code, version, reason);
  }

  @Mutation()
  @Allow(Role.STEWARD)
  approveConcept(
    @Ctx() ctx: RequestContext,
    @Args('code') code: string,
    @Args('version') version: number,
    @Args('reason') reason?: string,
  ) {
    return this.review.approve(ctx, code, version, reason);
  }

  @Mutation()
  @Allow(Role.STEWARD)
  rejectConcept(@Ctx() ctx: RequestContext, @Args('code') code: string, @Args('version') version: number, @Args('reason') reason: string) {
    return this.review.reject(ctx, code, version, reason);
  }

  @Mutation()
  @Allow(Role.STEWARD)
  deprecateConcept(
    @Ctx() ctx: RequestContext,
    @Args('code') code: string,
    @Args('version') version: number,
    @Args('replacedBy') replacedBy?: string,
    @Args('reason') reason?: string,
  ) {
    return this.review.deprecate(ctx, code, version, replacedBy, reason);
  }

  @Mutation()
  @Allow(Role.STEWARD)
  restoreConcept(
    @Ctx() ctx: RequestContext,
    @Args('code') code: string,
    @Args('version') version: number,
    @Args('reason') reason?: string,
  ) {
    return this.review.restore(ctx, code, version, reason);
  }

  @Mutation()
  @Allow(Role.STEWARD)
  submitConcepts(@Ctx() ctx: RequestContext, @Args('items') items: Gql.ConceptVersionInput[], @Args('reason') reason?: string) {
    return this.review.many(ctx, ConceptAction.SUBMIT, items, reason);
  }

  @Mutation()
  @Allow(Role.STEWARD)
  approveConcepts(@Ctx() ctx: RequestContext, @Args('items') items: Gql.ConceptVersionInput[], @Args('reason') reason?: string) {
    return this.review.many(ctx, ConceptAction.APPROVE, items, reason);
  }

  @Mutation()
  @Allow(Role.STEWARD)
  rejectConcepts(@Ctx() ctx: RequestContext, @Args('items') items: Gql.ConceptVersionInput[], @Args('reason') reason: string) {
    return this.review.many(ctx, ConceptAction.REJECT, items, reason);
  }

  @Mutation()
  @Allow(Role.ADMIN)
  createDomain(@Ctx() ctx: RequestContext, @Args('input') input: Gql.CreateDomainInput, @Args('reason') reason?: string) {
    return this.domains.create(ctx, input, reason);
  }

  @Mutation()
  @Allow(Role.ADMIN)
  updateDomain(
    @Ctx() ctx: RequestContext,
    @Args('code') code: string,
    @Args('version') version: number,
    @Args('input') input: Gql.UpdateDomainInput,
    @Args('reason') reason?: string,
  ) {
    return this.domains.update(ctx, code, version, input, reason);
  }
}
