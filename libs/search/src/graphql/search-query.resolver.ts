import { Args, Info, Query, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { Allow, Ctx, RateLimited } from '@lexique/access';
import { RequestContext, Role } from '@lexique/core';
import type { Gql } from '@lexique/core';
import { SearchService } from '../search.service';
import { searchNeeds } from './search-needs';

@Resolver()
export class SearchQueryResolver {
  constructor(private readonly searchService: SearchService) {}

  @Query()
  @Allow(Role.READER)
  @RateLimited()
  search(
    @Ctx() ctx: RequestContext,
    @Args('query') query: string,
    @Info() info: GraphQLResolveInfo,
    @Args('filter') filter?: Gql.SearchFilter,
    @Args('first') first?: number,
    @Args('offset') offset?: number,
  ) {
    return this.searchService.search(ctx, { query, filter, first, offset, needs: searchNeeds(info) });
  }
}
