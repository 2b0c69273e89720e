import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { RequestContext } from '@lexique/core';
import { ConceptRepository } from '../concepts/concept.repository';
import { visibilityOf } from '../concepts/visibility';
import { DomainEntity } from './domain.entity';
import { DomainRepository } from './domain.repository';

export interface Maintainer {
  name: string;
  lastChangeAt: Date;
}

interface DomainRequestLoaders {
  byCode: DataLoader<string, DomainEntity | null>;
  conceptCount: DataLoader<string, number>;
  maintainers: DataLoader<string, Maintainer[]>;
}

const MAX_MAINTAINERS = 10;

@Injectable()
export class DomainService {
  private readonly perRequest = new WeakMap<RequestContext, DomainRequestLoaders>();

  constructor(
    private readonly domains: DomainRepository,
    private readonly concepts: ConceptRepository,
  ) {}

  list(_ctx: RequestContext): Promise<DomainEntity[]> {
    return this.domains.findAll();
  }

  find(ctx: RequestContext, code: string): Promise<DomainEntity | null> {
    return this.loaders(ctx).byCode.load(code.trim().toUpperCase());
  }

  /** Concepts of the domain the caller may see. */
  conceptCount(ctx: RequestContext, code: string): Promise<number> {
    return this.loaders(ctx).conceptCount.load(code);
  }

  /** Who wrote in the domain lately: the people an agent can turn to about its entries. */
  maintainers(ctx: RequestContext, code: string): Promise<Maintainer[]> {
    return this.loaders(ctx).maintainers.load(code);
  }

  private loaders(ctx: RequestContext): DomainRequestLoaders {
    let loaders = this.perRequest.get(ctx);
    if (!loaders) {
      const visibility = visibilityOf(ctx.principal);
      loaders = {
        byCode: new DataLoader(async (codes) => {
          const found = new Map((await this.domains.findByCodes(codes)).map((d) => [d.code, d]));
          return codes.map((code) => found.get(code) ?? null);
        }),
        conceptCount: new DataLoader(async (codes) => {
          const counts = await this.concepts.countByDomain(visibility, codes);
          return codes.map((code) => counts.get(code) ?? 0);
        }),
        maintainers: new DataLoader(async (codes) => {
          const readable = visibility.allStatuses ? null : visibility.unpublishedDomains;
          const byDomain = await this.domains.maintainers(codes, MAX_MAINTAINERS, readable);
          return codes.map((code) => byDomain.get(code) ?? []);
        }),
      };
      this.perRequest.set(ctx, loaders);
    }
    return loaders;
  }
}
