import { Args, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx } from '@lexique/access';
import { RequestContext } from '@lexique/core';
import { ConceptEntity, ConceptLoaders } from '@lexique/vocabulary';
import { MappingEntity } from '../mappings/mapping.entity';
import { MappingService } from '../mappings/mapping.service';
import { SystemService } from '../systems/system.service';

@Resolver('Mapping')
export class MappingFieldResolver {
  constructor(
    private readonly systems: SystemService,
    private readonly concepts: ConceptLoaders,
  ) {}

  @ResolveField()
  system(@Ctx() ctx: RequestContext, @Parent() mapping: MappingEntity) {
    return this.systems.find(ctx, mapping.systemCode);
  }

  @ResolveField()
  concept(@Ctx() ctx: RequestContext, @Parent() mapping: MappingEntity) {
    return mapping.conceptId ? this.concepts.for(ctx).byId.load(mapping.conceptId) : null;
  }
}

@Resolver('Concept')
export class ConceptMappingsResolver {
  constructor(private readonly mappingService: MappingService) {}

  @ResolveField()
  mappings(@Ctx() ctx: RequestContext, @Parent() concept: ConceptEntity, @Args('system') system?: string) {
    return this.mappingService.forConcept(ctx, concept.id, system);
  }
}
