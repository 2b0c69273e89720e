import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx } from '@lexique/access';
import { canSeeUnpublished, RequestContext } from '@lexique/core';
import { ConceptEntity } from '../concepts/concept.entity';
import { ConceptRevisionLoaders } from '../editing/concept-revision.loaders';
import { HistoryService } from '../history/history.service';

/** Review-side fields of Concept: its pending revision and its history. */
@Resolver('Concept')
export class ConceptReviewFieldResolver {
  constructor(
    private readonly revisions: ConceptRevisionLoaders,
    private readonly historyService: HistoryService,
  ) {}

  @ResolveField()
  pendingRevision(@Ctx() ctx: RequestContext, @Parent() concept: ConceptEntity) {
    if (!canSeeUnpublished(ctx.principal, concept.domainCode)) return null;
    return this.revisions.for(ctx).load(concept.id);
  }

  @ResolveField()
  history(@Ctx() ctx: RequestContext, @Parent() concept: ConceptEntity) {
    return this.historyService.ofConcept(ctx, concept.id);
  }
}
