import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { notFound, RequestContext } from '@lexique/core';
import type { Gql } from '@lexique/core';
import { MappingRelation } from '../mappings/mapping-relation';
import { InformationSystemEntity } from './information-system.entity';
import { emptyCounts, InformationSystemRepository, RelationCounts } from './information-system.repository';
import { SystemStatus } from './system-status';

interface SystemLoaders {
  byCode: DataLoader<string, InformationSystemEntity | null>;
  coverage: DataLoader<string, RelationCounts>;
}

@Injectable()
export class SystemService {
  private readonly perRequest = new WeakMap<RequestContext, SystemLoaders>();

  constructor(private readonly systems: InformationSystemRepository) {}

  list(_ctx: RequestContext, statuses?: SystemStatus[] | null): Promise<InformationSystemEntity[]> {
    return this.systems.list(statuses ?? undefined);
  }

  find(ctx: RequestContext, code: string): Promise<InformationSystemEntity | null> {
    return this.loaders(ctx).byCode.load(normalizeSystemCode(code));
  }

  /** The system, or NOT_FOUND naming the argument that named it. */
  async require(ctx: RequestContext, code: string, argument: string): Promise<InformationSystemEntity> {
    const system = await this.find(ctx, code);
    if (!system) throw notFound(`Unknown information system "${code}"`, argument);
    return system;
  }

  async coverage(ctx: RequestContext, code: string): Promise<Gql.MappingCoverage> {
    const counts = await this.loaders(ctx).coverage.load(code);
    const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
    const unmapped = counts[MappingRelation.UNMAPPED];
    return {
      total,
      exact: counts[MappingRelation.EXACT],
      close: counts[MappingRelation.CLOSE],
      broad: counts[MappingRelation.BROAD],
      narrow: counts[MappingRelation.NARROW],
      related: counts[MappingRelation.RELATED],
      unmapped,
      mappedShare: total === 0 ? 0 : (total - unmapped) / total,
    };
  }

  private loaders(ctx: RequestContext): SystemLoaders {
    let loaders = this.perRequest.get(ctx);
    if (!loaders) {
      loaders = {
        byCode: new DataLoader(async (codes) => {
          const found = new Map((await this.systems.findByCodes(codes)).map((s) => [s.code, s]));
          return codes.map((code) => found.get(code) ?? null);
        }),
        coverage: new DataLoader(async (codes) => {
          const counts = await this.systems.coverage(codes);
          return codes.map((code) => counts.get(code) ?? emptyCounts());
        }),
      };
      this.perRequest.set(ctx, loaders);
    }
    return loaders;
  }
}

/** System codes are upper case (SI-MER-FIN); callers may type them otherwise. */
export function normalizeSystemCode(code: string): string {
  return code.trim().toUpperCase();
}
