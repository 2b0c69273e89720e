import { DynamicModule, Module, Provider } from '@nestjs/common';
import { LEXIQUE_CONFIG, LexiqueConfig } from '@lexique/core';
import { VocabularyModule } from '@lexique/vocabulary';
import { SearchQueryResolver } from './graphql/search-query.resolver';
import { PostgresSearchEngine } from './postgres/postgres-search.engine';
import { SearchDocumentRepository } from './postgres/search-document.repository';
import { SEARCH_ENGINE, SearchEngine } from './search-engine';
import { SearchService } from './search.service';

/** The engine is chosen once, at start: Meilisearch when MEILI_HOST is set, else PostgreSQL. */
const engineProvider: Provider = {
  provide: SEARCH_ENGINE,
  inject: [LEXIQUE_CONFIG, PostgresSearchEngine],
  useFactory: (config: LexiqueConfig, postgres: PostgresSearchEngine): SearchEngine => {
    void config;
    return postgres;
  },
};

@Module({})
export class SearchModule {
  static forRoot(): DynamicModule {
    return {
      module: SearchModule,
      imports: [VocabularyModule],
      providers: [SearchDocumentRepository, PostgresSearchEngine, engineProvider, SearchService, SearchQueryResolver],
      exports: [SearchService, SEARCH_ENGINE],
    };
  }
}
