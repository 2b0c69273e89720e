import { Args, Query, Resolver } from '@nestjs/graphql';
import { Allow, Ctx, RateLimited } from '@lexique/access';
import { RequestContext, Role } from '@lexique/core';
import type { Gql } from '@lexique/core';
import { ConceptService } from '../concepts/concept.service';
import { DomainService } from '../domains/domain.service';
import { ConceptCodeService } from '../editing/concept-code.service';

@Resolver()
export class VocabularyQueryResolver {
  constructor(
    private readonly conceptService: ConceptService,
    private readonly domainService: DomainService,
    private readonly codes: ConceptCodeService,
  ) {}

  @Query()
  @Allow(Role.READER)
  domains(@Ctx() ctx: RequestContext) {
    return this.domainService.list(ctx);
  }

  @Query()
  @Allow(Role.READER)
  domain(@Ctx() ctx: RequestContext, @Args('code') code: string) {
    return this.domainService.find(ctx, code);
  }

  @Query()
  @Allow(Role.READER)
  concept(@Ctx() ctx: RequestContext, @Args('code') code?: string, @Args('id') id?: string) {
    return this.conceptService.find(ctx, { code, id });
  }

  @Query()
  @Allow(Role.READER)
  @RateLimited()
  concepts(
    @Ctx() ctx: RequestContext,
    @Args('filter') filter?: Gql.ConceptFilter,
    @Args('first') first?: number,
    @Args('after') after?: string,
  ) {
    return this.conceptService.list(ctx, filter, first, after);
  }

  @Query()
  @Allow(Role.STEWARD)
  nextConceptCode(@Ctx() ctx: RequestContext, @Args('domain') domain: string) {
    return this.codes.nextCode(ctx, domain);
  }
}
