import { Args, Query, Resolver } from '@nestjs/graphql';
import { Allow, Ctx } from '@lexique/access';
import { RequestContext, Role } from '@lexique/core';
import { MappingService } from '../mappings/mapping.service';

@Resolver()
export class MappingsOfCodeResolver {
  constructor(private readonly mappings: MappingService) {}

  @Query()
  @Allow(Role.READER)
  mappingsOfCode(@Ctx() ctx: RequestContext, @Args('system') system: string, @Args('localCode') localCode: string) {
    return this.mappings.ofLocalCode(ctx, system, localCode);
  }
}
