import { Injectable, OnModuleInit } from '@nestjs/common';
import { SearchMetrics } from '@lexique/search';
import { MetricsService } from './metrics.service';

/** Adds the search index lag to the API's /metrics. */
@Injectable()
export class SearchMetricsRegistration implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsService,
    private readonly search: SearchMetrics,
  ) {}

  onModuleInit(): void {
    this.search.register(this.metrics.registry);
  }
}
