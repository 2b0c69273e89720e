import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { AccessPolicy, Ctx } from '@lexique/access';
import { RequestContext } from '@lexique/core';
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
    if (!pending || !AccessPolicy.of(ctx.principal).mayReadUnpublished(pending.domain)) return null;
    const { revision, current } = pending;
    return { ...revision, changes: fieldDiff(current, revision.proposed) };
  }
}
