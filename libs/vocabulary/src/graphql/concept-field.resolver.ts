import { Args, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx } from '@lexique/access';
import { RequestContext } from '@lexique/core';
import { ConceptEntity } from '../concepts/concept.entity';
import { ConceptLoaders } from '../concepts/concept.loaders';
import { DomainService } from '../domains/domain.service';
import { allInLanguage, inLanguage } from './localized';

/** Maps a concept row to the GraphQL Concept type. Hidden labels have no field: they never leave the server. */
@Resolver('Concept')
export class ConceptFieldResolver {
  constructor(
    private readonly loaders: ConceptLoaders,
    private readonly domains: DomainService,
  ) {}

  @ResolveField()
  domain(@Ctx() ctx: RequestContext, @Parent() concept: ConceptEntity) {
    return this.domains.find(ctx, concept.domainCode);
  }

  @ResolveField()
  prefLabel(@Parent() concept: ConceptEntity, @Args('lang') lang?: string) {
    return inLanguage(concept.prefLabel, lang);
  }

  @ResolveField()
  altLabels(@Parent() concept: ConceptEntity, @Args('lang') lang?: string) {
    return allInLanguage(concept.altLabels, lang);
  }

  @ResolveField()
  definition(@Parent() concept: ConceptEntity, @Args('lang') lang?: string) {
    return inLanguage(concept.definition, lang);
  }

  @ResolveField()
  scopeNote(@Parent() concept: ConceptEntity, @Args('lang') lang?: string) {
    return inLanguage(concept.scopeNote, lang);
  }

  @ResolveField()
  broader(@Ctx() ctx: RequestContext, @Parent() concept: ConceptEntity) {
    return this.loaders.for(ctx).broader.load(concept.id);
  }

  @ResolveField()
  narrower(@Ctx() ctx: RequestContext, @Parent() concept: ConceptEntity) {
    return this.loaders.for(ctx).narrower.load(concept.id);
  }

  @ResolveField()
  related(@Ctx() ctx: RequestContext, @Parent() concept: ConceptEntity) {
    return this.loaders.for(ctx).related.load(concept.id);
  }

  @ResolveField()
  replacedBy(@Ctx() ctx: RequestContext, @Parent() concept: ConceptEntity) {
    return concept.replacedById ? this.loaders.for(ctx).byId.load(concept.replacedById) : null;
  }
}
