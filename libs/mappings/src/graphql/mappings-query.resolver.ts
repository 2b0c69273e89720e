import { Args, Query, Resolver } from '@nestjs/graphql';
import { Allow, Ctx, RateLimited } from '@lexique/access';
import { RequestContext, Role } from '@lexique/core';
import { SystemStatus } from '../systems/system-status';
import { SystemService } from '../systems/system.service';
import { TranslationService } from '../translation/translation.service';

@Resolver()
export class MappingsQueryResolver {
  constructor(
    private readonly systemService: SystemService,
    private readonly translations: TranslationService,
  ) {}

  @Query()
  @Allow(Role.READER)
  systems(@Ctx() ctx: RequestContext, @Args('status') status?: SystemStatus[]) {
    return this.systemService.list(ctx, status);
  }

  @Query()
  @Allow(Role.READER)
  system(@Ctx() ctx: RequestContext, @Args('code') code: string) {
    return this.systemService.find(ctx, code);
  }

  @Query()
  @Allow(Role.READER)
  translate(@Ctx() ctx: RequestContext, @Args('system') system: string, @Args('code') code: string, @Args('at') at?: string) {
    return this.translations.translate(ctx, system, code, at);
  }

  @Query()
  @Allow(Role.READER)
  @RateLimited()
  translateBatch(@Ctx() ctx: RequestContext, @Args('system') system: string, @Args('codes') codes: string[], @Args('at') at?: string) {
    return this.translations.translateBatch(ctx, system, codes, at);
  }

  @Query()
  @Allow(Role.READER)
  crosswalk(
    @Ctx() ctx: RequestContext,
    @Args('from') from: string,
    @Args('code') code: string,
    @Args('to') to: string,
    @Args('at') at?: string,
  ) {
    return this.translations.crosswalk(ctx, from, code, to, at);
  }
}
