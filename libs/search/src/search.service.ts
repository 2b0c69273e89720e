import { Injectable } from '@nestjs/common';
import { RequestContext } from '@lexique/core';
import { ConceptEntity, ConceptLoaders } from '@lexique/vocabulary';
import { EngineHit, EngineResult } from './search-engine';
import { SearchFailover } from './search-failover';
import { SearchArguments, searchesStorableText, searchQueryOf } from './search-request';

export interface SearchHitView extends Omit<EngineHit, 'conceptId'> {
  concept: ConceptEntity;
}

export interface SearchResultView {
  total: number;
  totalIsEstimate: boolean;
  tookMs: number;
  engine: string;
  degraded: boolean;
  hits: SearchHitView[];
  facets: EngineResult['facets'];
}

const NOTHING: EngineResult = { total: 0, totalIsEstimate: false, hits: [], facets: { domains: [], statuses: [], systems: [] } };

@Injectable()
export class SearchService {
  constructor(
    private readonly engines: SearchFailover,
    private readonly loaders: ConceptLoaders,
  ) {}

  async search(ctx: RequestContext, args: SearchArguments): Promise<SearchResultView> {
    const started = process.hrtime.bigint();
    const query = searchQueryOf(ctx.principal, args);
    const { result, engine, degraded } = searchesStorableText(query)
      ? await this.engines.search(query)
      : { result: NOTHING, ...this.engines.answering() };
    // Concepts are read through the caller's loader: what they may not see (an
    // index a moment behind a write, a status changed since) is dropped, never shown.
    const concepts = await this.loaders.for(ctx).byId.loadMany(result.hits.map((hit) => hit.conceptId));
    const hits = result.hits.flatMap(({ conceptId: _, ...hit }, i) => {
      const concept = concepts[i];
      return concept && !(concept instanceof Error) ? [{ ...hit, concept }] : [];
    });
    const tookMs = Number(process.hrtime.bigint() - started) / 1e6;
    return {
      total: result.total,
      totalIsEstimate: result.totalIsEstimate,
      tookMs: Math.round(tookMs * 100) / 100,
      engine,
      degraded,
      hits,
      facets: result.facets,
    };
  }
}
