import { Injectable } from '@nestjs/common';
import { badInput, Connection, decodeCursor, pageSize, RequestContext, toConnection } from '@lexique/core';
import { DomainRepository } from '../domains/domain.repository';
import { ConceptStatus } from './concept-status';
import { ConceptEntity } from './concept.entity';
import { ConceptLoaders } from './concept.loaders';
import { ConceptListFilter, ConceptRepository } from './concept.repository';
import { visibilityOf } from './visibility';

export const MAX_CONCEPT_PAGE = 500;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class ConceptService {
  constructor(
    private readonly concepts: ConceptRepository,
    private readonly domains: DomainRepository,
    private readonly loaders: ConceptLoaders,
  ) {}

  /** One concept by code or by id (exactly one of them); null when absent or not visible. */
  async find(ctx: RequestContext, key: { code?: string | null; id?: string | null }): Promise<ConceptEntity | null> {
    const code = key.code?.trim();
    const id = key.id?.trim();
    if (!code === !id) throw badInput(code ? 'id' : 'code', 'Give exactly one of "code" and "id"');
    if (id) {
      if (!UUID.test(id)) throw badInput('id', '"id" is not a concept id');
      return this.loaders.for(ctx).byId.load(id.toLowerCase());
    }
    const [concept] = await this.concepts.findByCodes(visibilityOf(ctx.principal), [code!.toUpperCase()]);
    return concept ?? null;
  }

  /** One concept by exact code, batched with the other look-ups of the request. */
  findByCodeBatched(ctx: RequestContext, code: string): Promise<ConceptEntity | null> {
    return this.loaders.for(ctx).byCode.load(code);
  }

  async list(
    ctx: RequestContext,
    filter: { domain?: string | null; statuses?: ConceptStatus[] | null } | null | undefined,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<Connection<ConceptEntity>> {
    const limit = pageSize(first, MAX_CONCEPT_PAGE, 50);
    const afterCode = after ? decodeCursor(after, 'after') : undefined;
    const criteria: ConceptListFilter = { statuses: filter?.statuses ?? undefined };
    if (filter?.domain) {
      const [domain] = await this.domains.findByCodes([filter.domain.trim().toUpperCase()]);
      if (!domain) throw badInput('filter.domain', `Unknown domain "${filter.domain}"`);
      criteria.domain = domain.code;
    }
    const visibility = visibilityOf(ctx.principal);
    const [rows, total] = await Promise.all([
      this.concepts.page(visibility, criteria, limit + 1, afterCode),
      this.concepts.count(visibility, criteria),
    ]);
    return toConnection(rows, limit, total, (concept) => concept.code, afterCode !== undefined);
  }
}
