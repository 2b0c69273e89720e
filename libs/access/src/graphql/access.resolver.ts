import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { RequestContext, Role } from '@lexique/core';
import type { Gql } from '@lexique/core';
import { Allow, Public } from '../allow.decorator';
import { ApiKeyService } from '../api-keys/api-key.service';
import { Ctx } from '../request-context.decorator';
import { fromGqlRoles, toGqlApiKey, toGqlPrincipal } from './access-types';

@Resolver()
export class AccessResolver {
  constructor(private readonly keys: ApiKeyService) {}

  /** Open to all so that a client can learn it is anonymous, and why its credentials were refused. */
  @Query()
  @Public()
  me(@Ctx() ctx: RequestContext): Gql.Principal {
    if (ctx.credentialsError) throw ctx.credentialsError;
    return toGqlPrincipal(ctx.principal);
  }

  @Query()
  @Allow(Role.ADMIN)
  async apiKeys(@Ctx() ctx: RequestContext, @Args('includeRevoked') includeRevoked: boolean): Promise<Gql.ApiKey[]> {
    return (await this.keys.list(ctx, includeRevoked)).map(toGqlApiKey);
  }

  @Mutation()
  @Allow(Role.ADMIN)
  async createApiKey(@Ctx() ctx: RequestContext, @Args('input') input: Gql.CreateApiKeyInput): Promise<Gql.CreatedApiKey> {
    const { apiKey, secret } = await this.keys.create(ctx, { ...input, roles: fromGqlRoles(input.roles) });
    return { apiKey: toGqlApiKey(apiKey), secret };
  }

  @Mutation()
  @Allow(Role.ADMIN)
  async revokeApiKey(@Ctx() ctx: RequestContext, @Args('prefix') prefix: string): Promise<Gql.ApiKey> {
    return toGqlApiKey(await this.keys.revoke(ctx, prefix));
  }
}
