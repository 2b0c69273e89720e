import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import * as path from 'node:path';
import { AccessModule } from '@lexique/access';
import { ConfigModule, DateScalar, DateTimeScalar, LexiqueConfig, projectRoot } from '@lexique/core';
import { DatabaseModule } from '@lexique/database';
import { InterchangeModule } from '@lexique/interchange';
import { MappingsModule } from '@lexique/mappings';
import { SearchModule } from '@lexique/search';
import { MailNotifierRunner, VocabularyModule } from '@lexique/vocabulary';
import { formatError } from './graphql/format-error';
import { metricsPlugin } from './graphql/metrics.plugin';
import { queryLimitsPlugin } from './graphql/query-limits.plugin';
import { ServiceResolver } from './graphql/service.resolver';
import { HealthController } from './health/health.controller';
import { GraphQLBatchLimitMiddleware } from './http/graphql-batch-limit.middleware';
import { RequestContextMiddleware } from './http/request-context.middleware';
import { graphiqlLandingPage } from './ide/graphiql';
import { IdeAssetsController } from './ide/ide-assets.controller';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsModule } from './metrics/metrics.module';
import { MetricsService } from './metrics/metrics.service';
import { WebController } from './web/web.controller';
import { SearchMetricsRegistration } from './metrics/search-metrics.registration';

@Module({})
export class AppModule implements NestModule {
  static forRoot(config: LexiqueConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot({ url: databaseUrl, poolSize: config.databasePoolSize, applicationName: 'lexique-api' }),
        MetricsModule,
        AccessModule,
        VocabularyModule,
        MappingsModule,
        InterchangeModule,
        SearchModule.forRoot({ indexer: true }),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [MetricsModule],
          inject: [MetricsService],
          useFactory: (metrics: MetricsService) => ({
            typePaths: [path.join(projectRoot(), 'schema', '*.graphql')],
            resolvers: { Date: DateScalar, DateTime: DateTimeScalar },
            context: ({ req }: { req: unknown }) => ({ req }),
            playground: false,
            graphiql: false,
            introspection: config.graphqlIntrospection,
            includeStacktraceInErrorResponses: false,
            // Apollo's default, stated: refuses requests a browser could send cross-site without a preflight
            csrfPrevention: true,
            allowBatchedHttpRequests: config.graphqlBatchLimit > 1,
            formatError,
            plugins: [
              // no cache hints in the schema; Apollo's default cache-control plugin would still hook every field
              ApolloServerPluginCacheControlDisabled(),
              metricsPlugin(metrics),
              queryLimitsPlugin({ maxDepth: config.graphqlMaxDepth, maxCost: config.graphqlMaxCost, maxAliases: config.graphqlMaxAliases }),
              config.graphqlIde ? graphiqlLandingPage() : ApolloServerPluginLandingPageDisabled(),
            ],
          }),
        }),
      ],
      controllers: [HealthController, MetricsController, IdeAssetsController, WebController],
      providers: [ServiceResolver, SearchMetricsRegistration, MailNotifierRunner],
    };
  }

  configure(consumer: MiddlewareConsumer) {
    consumer.apply(RequestContextMiddleware).forRoutes('*path');
    consumer.apply(GraphQLBatchLimitMiddleware).forRoutes('graphql');
  }
}
