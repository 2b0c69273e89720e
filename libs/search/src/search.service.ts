import { Inject, Injectable } from '@nestjs/common';
import { RequestContext } from '@lexique/core';
import { ConceptEntity, ConceptLoaders } from '@lexique/vocabulary';
import { EngineHit, EngineResult, SEARCH_ENGINE, SearchEngine } from './search-engine';
import { SearchArguments, searchQueryOf } from './search-request';

export interface SearchHitView extends Omit<EngineHit, 'conceptId'> {
  concept: ConceptEntity;
}

export interface SearchResultView {
  total: number;
  totalIsEstimate: boolean;
  tookMs: number;
  engine: string;
  hits: SearchHitView[];
  facets: EngineResult['facets'];
}

@Injectable()
export class SearchService {
  constructor(
    @Inject(SEARCH_ENGINE) private readonly engine: SearchEngine,
    private readonly loaders: ConceptLoaders,
  ) {}

  async search(ctx: RequestContext, args: SearchArguments): Promise<SearchResultView> {
    const started = process.hrtime.bigint();
    const query = searchQueryOf(ctx.principal, args);
    const result = await this.engine.search(query);
    // Concepts are read through the caller's loader: what they may not see is dropped, never shown.
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
      engine: this.engine.name,
      hits,
      facets: result.facets,
    };
  }
}
