import { Args, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx } from '@lexique/access';
import { assertLanguage, RequestContext } from '@lexique/core';
import { ConceptService } from '@lexique/vocabulary';
import { MappingRelation } from '../mappings/mapping-relation';
import { MappingService } from '../mappings/mapping.service';
import { InformationSystemEntity } from '../systems/information-system.entity';
import { SystemService } from '../systems/system.service';

@Resolver('InformationSystem')
export class SystemFieldResolver {
  constructor(
    private readonly systems: SystemService,
    private readonly mappingService: MappingService,
  ) {}

  @ResolveField()
  owner(@Parent() system: InformationSystemEntity) {
    return { code: system.ownerCode, name: system.ownerName };
  }

  @ResolveField()
  description(@Parent() system: InformationSystemEntity, @Args('lang') lang?: string) {
    return system.description[assertLanguage(lang)] ?? null;
  }

  @ResolveField()
  coverage(@Ctx() ctx: RequestContext, @Parent() system: InformationSystemEntity) {
    return this.systems.coverage(ctx, system.code);
  }

  @ResolveField()
  mappings(
    @Ctx() ctx: RequestContext,
    @Parent() system: InformationSystemEntity,
    @Args('first') first?: number,
    @Args('after') after?: string,
    @Args('relation') relation?: MappingRelation,
  ) {
    return this.mappingService.pageOfSystem(ctx, system.code, first, after, relation);
  }
}

@Resolver('Owner')
export class OwnerFieldResolver {
  constructor(private readonly concepts: ConceptService) {}

  /** Communes and the Métropole are concepts of the Territory domain: TER-<INSEE or SIREN>. */
  @ResolveField()
  concept(@Ctx() ctx: RequestContext, @Parent() owner: { code: string }) {
    return this.concepts.findByCodeBatched(ctx, `TER-${owner.code}`);
  }
}
