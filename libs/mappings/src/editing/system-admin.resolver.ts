import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Allow, Ctx } from '@lexique/access';
import { RequestContext, Role } from '@lexique/core';
import type { Gql } from '@lexique/core';
import { SystemEditingService } from './system-editing.service';

@Resolver()
export class SystemAdminResolver {
  constructor(private readonly systems: SystemEditingService) {}

  @Mutation()
  @Allow(Role.ADMIN)
  createSystem(@Ctx() ctx: RequestContext, @Args('input') input: Gql.CreateSystemInput, @Args('reason') reason?: string) {
    return this.systems.create(ctx, { ...input, status: input.status }, reason);
  }

  @Mutation()
  @Allow(Role.ADMIN)
  updateSystem(
    @Ctx() ctx: RequestContext,
    @Args('code') code: string,
    @Args('version') version: number,
    @Args('input') input: Gql.UpdateSystemInput,
    @Args('reason') reason?: string,
  ) {
    return this.systems.update(ctx, code, version, { ...input, status: input.status }, reason);
  }
}
