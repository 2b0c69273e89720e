import { DynamicModule, Module, Provider } from '@nestjs/common';
import { LEXIQUE_CONFIG, LexiqueConfig } from '@lexique/core';
import { VocabularyModule } from '@lexique/vocabulary';
import { SearchQueryResolver } from './graphql/search-query.resolver';
import { MEILI_GATEWAY, MeiliGateway } from './meili/meili-gateway';
import { MeiliIndexerRunner } from './meili/meili-indexer.runner';
import { MeiliReindexService } from './meili/meili-reindex.service';
import { MeiliSearchEngine } from './meili/meili-search.engine';
import { MeilisearchGateway } from './meili/meilisearch.gateway';
import { SearchCheckpointRepository } from './meili/search-checkpoint.repository';
import { SearchDocumentSource } from './meili/search-document.source';
import { SearchIndexLock } from './meili/search-index-lock';
import { PostgresSearchEngine } from './postgres/postgres-search.engine';
import { REFRESH_POLL_MS, SearchDocumentRefresher } from './postgres/search-document-refresher';
import { SearchDocumentRepository } from './postgres/search-document.repository';
import { StaleDocumentsRepository } from './postgres/stale-documents.repository';
import { SEARCH_ENGINE, SearchEngine } from './search-engine';
import { SearchMetrics } from './search.metrics';
import { SearchFailover } from './search-failover';
import { SearchHealth } from './search-health';
import { SearchService } from './search.service';

const gatewayProvider: Provider = {
  provide: MEILI_GATEWAY,
  inject: [LEXIQUE_CONFIG],
  useFactory: (config: LexiqueConfig): Promise<MeiliGateway> | null =>
    config.meiliHost ? MeilisearchGateway.connect(config.meiliHost, config.meiliApiKey) : null,
};

/** The engine is chosen once, at start: Meilisearch when MEILI_HOST is set, else PostgreSQL. */
const engineProvider: Provider = {
  provide: SEARCH_ENGINE,
  inject: [LEXIQUE_CONFIG, MEILI_GATEWAY, PostgresSearchEngine],
  useFactory: (config: LexiqueConfig, gateway: MeiliGateway | null, postgres: PostgresSearchEngine): SearchEngine =>
    gateway ? new MeiliSearchEngine(gateway, config.meiliIndex) : postgres,
};

/** The refresher is woken by the writes' notifications; looking every 30 s only catches one it missed. */
const refreshPollProvider: Provider = { provide: REFRESH_POLL_MS, useValue: 30_000 };

/** PostgreSQL answers when the chosen engine cannot. */
const failoverProvider: Provider = {
  provide: SearchFailover,
  inject: [SEARCH_ENGINE, PostgresSearchEngine],
  useFactory: (engine: SearchEngine, postgres: PostgresSearchEngine) => new SearchFailover(engine, postgres),
};

export interface SearchModuleOptions {
  /**
   * Keep search up to date from this process (the API; not the CLI): refresh
   * the documents large writes left stale, and follow the change log into
   * Meilisearch when it is configured.
   */
  indexer?: boolean;
}

@Module({})
export class SearchModule {
  static forRoot(options: SearchModuleOptions = {}): DynamicModule {
    return {
      module: SearchModule,
      imports: [VocabularyModule],
      providers: [
        SearchDocumentRepository,
        StaleDocumentsRepository,
        PostgresSearchEngine,
        gatewayProvider,
        engineProvider,
        failoverProvider,
        SearchCheckpointRepository,
        SearchDocumentSource,
        MeiliReindexService,
        SearchIndexLock,
        SearchMetrics,
        SearchService,
        SearchHealth,
        SearchQueryResolver,
        ...(options.indexer ? [MeiliIndexerRunner, SearchDocumentRefresher, refreshPollProvider] : []),
      ],
      exports: [
        SearchService,
        SearchHealth,
        SEARCH_ENGINE,
        SearchFailover,
        MeiliReindexService,
        SearchMetrics,
        StaleDocumentsRepository,
        ...(options.indexer ? [MeiliIndexerRunner, SearchDocumentRefresher] : []),
      ],
    };
  }
}
