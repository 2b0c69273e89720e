import { DynamicModule, Module } from '@nestjs/common';
import { AccessModule } from '@lexique/access';
import { ConfigModule, LexiqueConfig } from '@lexique/core';
import { DatabaseModule, LONG_WORK_TIMEOUTS } from '@lexique/database';
import { InterchangeModule } from '@lexique/interchange';
import { SearchModule } from '@lexique/search';
import { VocabularyModule } from '@lexique/vocabulary';

/** The services the command line needs: the API's, without HTTP or GraphQL. */
@Module({})
export class CliModule {
  static forRoot(config: LexiqueConfig, databaseUrl: string): DynamicModule {
    return {
      module: CliModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot({
          url: databaseUrl,
          poolSize: 4,
          applicationName: 'lexique-cli',
          // a command works through files of any size
          ...LONG_WORK_TIMEOUTS,
        }),
        AccessModule,
        VocabularyModule,
        InterchangeModule,
        SearchModule.forRoot(),
      ],
    };
  }
}
