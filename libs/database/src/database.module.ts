import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChangeLogReader } from './change-log/change-log.reader';
import { ChangeLogRepository } from './change-log/change-log.repository';
import { DatabaseOptions, dataSourceOptions } from './data-source-options';
import { DatabaseNotifications } from './notifications';
import { PreparedQueries } from './prepared-queries';
import { QueryCountingLogger, QueryMetrics } from './query-metrics';

/**
 * The connection to PostgreSQL. The URL is resolved before the application
 * starts (an external server, or the embedded one the entry point started),
 * so this module never starts processes itself.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseOptions): DynamicModule {
    const metrics = new QueryMetrics();
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({
          ...dataSourceOptions(options),
          autoLoadEntities: true,
          logger: new QueryCountingLogger(metrics),
          logging: ['query'],
        }),
      ],
      providers: [
        { provide: QueryMetrics, useValue: metrics },
        {
          provide: DatabaseNotifications,
          useValue: new DatabaseNotifications(options.url, `${options.applicationName ?? 'lexique'}-listener`),
        },
        PreparedQueries,
        ChangeLogRepository,
        ChangeLogReader,
      ],
      exports: [QueryMetrics, DatabaseNotifications, PreparedQueries, ChangeLogRepository, ChangeLogReader],
    };
  }
}
