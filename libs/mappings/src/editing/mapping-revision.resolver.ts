import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx } from '@lexique/access';
import { canSeeUnpublished, RequestContext } from '@lexique/core';
import { fieldDiff } from '@lexique/vocabulary';
import { MappingStatus } from '../mappings/mapping-relation';
import { MappingEntity } from '../mappings/mapping.entity';
import { MappingRevisionLoaders } from './mapping-revision.loaders';

/** The pending revision of a published mapping, for the stewards of its domain and admins. */
@Resolver('Mapping')
export class MappingRevisionResolver {
  constructor(private readonly revisions: MappingRevisionLoaders) {}

  @ResolveField()
  async pendingRevision(@Ctx() ctx: RequestContext, @Parent() mapping: MappingEntity) {
    if (mapping.status !== MappingStatus.PUBLISHED) return null;
    const pending = await this.revisions.for(ctx).load(mapping.id);
    if (!pending || !canSeeUnpublished(ctx.principal, pending.domain ?? '')) return null;
    const { revision, current } = pending;
    return { ...revision, changes: fieldDiff(current, revision.proposed) };
  }
}
