import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { AccessPolicy, Ctx } from '@lexique/access';
import { RequestContext } from '@lexique/core';
import { ConceptEntity } from '../concepts/concept.entity';
import { ConceptRevisionLoaders } from '../review/concept-revision.loaders';
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
    if (!AccessPolicy.of(ctx.principal).mayReadUnpublished(concept.domainCode)) return null;
    return this.revisions.for(ctx).load(concept.id);
  }

  @ResolveField()
  history(@Ctx() ctx: RequestContext, @Parent() concept: ConceptEntity) {
    return this.historyService.ofConcept(ctx, concept.id);
  }
}
