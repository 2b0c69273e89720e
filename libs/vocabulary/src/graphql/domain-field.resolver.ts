import { Args, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx } from '@lexique/access';
import { RequestContext } from '@lexique/core';
import { DomainEntity } from '../domains/domain.entity';
import { DomainService } from '../domains/domain.service';
import { inLanguage } from './localized';

@Resolver('Domain')
export class DomainFieldResolver {
  constructor(private readonly domains: DomainService) {}

  @ResolveField()
  label(@Parent() domain: DomainEntity, @Args('lang') lang?: string) {
    return inLanguage(domain.label, lang);
  }

  @ResolveField()
  description(@Parent() domain: DomainEntity, @Args('lang') lang?: string) {
    return inLanguage(domain.description, lang);
  }

  @ResolveField()
  labelLanguages(@Parent() domain: DomainEntity) {
    return Object.keys(domain.label).sort();
  }

  @ResolveField()
  conceptCount(@Ctx() ctx: RequestContext, @Parent() domain: DomainEntity) {
    return this.domains.conceptCount(ctx, domain.code);
  }

  @ResolveField()
  maintainers(@Ctx() ctx: RequestContext, @Parent() domain: DomainEntity) {
    return this.domains.maintainers(ctx, domain.code);
  }
}
