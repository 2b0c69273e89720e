import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { RequestContext } from '@lexique/core';
import { ConceptEntity } from './concept.entity';
import { ConceptRepository } from './concept.repository';
import { visibilityOf } from './visibility';

export interface ConceptRequestLoaders {
  byId: DataLoader<string, ConceptEntity | null>;
  byCode: DataLoader<string, ConceptEntity | null>;
  broader: DataLoader<string, ConceptEntity[]>;
  narrower: DataLoader<string, ConceptEntity[]>;
  related: DataLoader<string, ConceptEntity[]>;
}

/**
 * Per-request DataLoaders for concepts and their relations, so that a page of
 * concepts with their broader, narrower and related concepts costs one SQL
 * statement per relation, whatever the page size. Loaders are cached per
 * RequestContext and so never leak one caller's visibility to another.
 */
@Injectable()
export class ConceptLoaders {
  private readonly perRequest = new WeakMap<RequestContext, ConceptRequestLoaders>();

  constructor(private readonly concepts: ConceptRepository) {}

  for(ctx: RequestContext): ConceptRequestLoaders {
    let loaders = this.perRequest.get(ctx);
    if (!loaders) {
      loaders = this.create(ctx);
      this.perRequest.set(ctx, loaders);
    }
    return loaders;
  }

  private create(ctx: RequestContext): ConceptRequestLoaders {
    const visibility = visibilityOf(ctx.principal);
    const linked = (kind: 'broader' | 'narrower' | 'related') =>
      new DataLoader<string, ConceptEntity[]>(async (ids) => {
        const links = await this.concepts.linked(visibility, kind, ids);
        const byOwner = new Map<string, ConceptEntity[]>();
        for (const { ownerId, concept } of links) {
          byOwner.set(ownerId, [...(byOwner.get(ownerId) ?? []), concept]);
        }
        return ids.map((id) => byOwner.get(id) ?? []);
      });
    return {
      byId: new DataLoader<string, ConceptEntity | null>(async (ids) => {
        const found = new Map((await this.concepts.findByIds(visibility, ids)).map((c) => [c.id, c]));
        return ids.map((id) => found.get(id) ?? null);
      }),
      byCode: new DataLoader<string, ConceptEntity | null>(async (codes) => {
        const found = new Map((await this.concepts.findByCodes(visibility, codes)).map((c) => [c.code, c]));
        return codes.map((code) => found.get(code) ?? null);
      }),
      broader: linked('broader'),
      narrower: linked('narrower'),
      related: linked('related'),
    };
  }
}
