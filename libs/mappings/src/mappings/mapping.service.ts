import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { AccessPolicy } from '@lexique/access';
import { badInput, Connection, decodeCursor, pageSize, RequestContext, toConnection } from '@lexique/core';
import { localCodeKey } from './local-code';
import { MappingRelation, MappingStatus } from './mapping-relation';
import { MappingEntity } from './mapping.entity';
import { MappingKey, MappingRepository } from './mapping.repository';

export const MAX_MAPPING_PAGE = 500;
const KEY_SEPARATOR = '\u0000';

@Injectable()
export class MappingService {
  private readonly perRequest = new WeakMap<RequestContext, Map<string, DataLoader<string, MappingEntity[]>>>();
  private readonly byIdPerRequest = new WeakMap<RequestContext, DataLoader<string, MappingEntity | null>>();

  constructor(private readonly mappings: MappingRepository) {}

  async pageOfSystem(
    _ctx: RequestContext,
    system: string,
    first: number | null | undefined,
    after: string | null | undefined,
    relation?: MappingRelation | null,
  ): Promise<Connection<MappingEntity>> {
    const limit = pageSize(first, MAX_MAPPING_PAGE, 50);
    const afterKey = after ? parseKey(decodeCursor(after, 'after')) : undefined;
    const [rows, total] = await Promise.all([
      this.mappings.page(system, limit + 1, afterKey, relation ?? undefined),
      this.mappings.count(system, relation ?? undefined),
    ]);
    return toConnection(rows, limit, total, (m) => m.localCodeKey + KEY_SEPARATOR + m.id, afterKey !== undefined);
  }

  /**
   * Every period of one local code: published mappings for everyone; drafts
   * and entries in review for the stewards of their domain and admins (a code
   * whose domain is none, admins only).
   */
  async ofLocalCode(ctx: RequestContext, system: string, localCode: string): Promise<MappingEntity[]> {
    const rows = await this.mappings.ofLocalCode(system.trim().toUpperCase(), localCodeKey(localCode));
    const policy = AccessPolicy.of(ctx.principal);
    return rows
      .filter(({ mapping, domain }) => mapping.status === MappingStatus.PUBLISHED || policy.mayReadUnpublished(domain))
      .map(({ mapping }) => mapping);
  }

  /** Published mappings to a concept (batched per request), optionally of one system. */
  forConcept(ctx: RequestContext, conceptId: string, system?: string | null): Promise<MappingEntity[]> {
    let bySystem = this.perRequest.get(ctx);
    if (!bySystem) this.perRequest.set(ctx, (bySystem = new Map<string, DataLoader<string, MappingEntity[]>>()));
    const filter = system?.trim().toUpperCase() ?? '';
    let loader = bySystem.get(filter);
    if (!loader) {
      loader = new DataLoader<string, MappingEntity[]>(async (ids) => {
        const rows = await this.mappings.forConcepts(ids, filter || undefined);
        return ids.map((id) => rows.filter((row) => row.conceptId === id));
      });
      bySystem.set(filter, loader);
    }
    return loader.load(conceptId);
  }

  /** A mapping of any status by id (batched per request): for callers that have checked the caller may see it (the review queue). */
  byId(ctx: RequestContext, id: string): Promise<MappingEntity | null> {
    let loader = this.byIdPerRequest.get(ctx);
    if (!loader) {
      loader = new DataLoader<string, MappingEntity | null>(async (ids) => {
        const found = new Map((await this.mappings.byIds(ids)).map((m) => [m.id, m]));
        return ids.map((id) => found.get(id) ?? null);
      });
      this.byIdPerRequest.set(ctx, loader);
    }
    return loader.load(id);
  }
}

function parseKey(text: string): MappingKey {
  const [localCodeKey, id] = text.split(KEY_SEPARATOR);
  if (!id || !/^[0-9a-f-]{36}$/.test(id)) throw badInput('after', '"after" is not a cursor returned by this API');
  return { localCodeKey, id };
}
