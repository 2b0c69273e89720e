import { DynamicModule, Module } from '@nestjs/common';
import { AccessModule } from '@lexique/access';
import { ConfigModule, LexiqueConfig } from '@lexique/core';
import { DatabaseModule } from '@lexique/database';
import { InterchangeModule } from '@lexique/interchange';
import { SearchModule } from '@lexique/search';
import { VocabularyModule } from '@lexique/vocabulary';

/**
 * A command works through files of any size: one statement of a million-row
 * import may run for minutes, and it may wait for an upload's import to end.
 * Still bounded, so that a frozen database cannot hold a terminal forever.
 */
const CLI_STATEMENT_TIMEOUT_MS = 60 * 60_000;
const CLI_LOCK_TIMEOUT_MS = 2 * 60_000;

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
          statementTimeoutMs: CLI_STATEMENT_TIMEOUT_MS,
          lockTimeoutMs: CLI_LOCK_TIMEOUT_MS,
        }),
        AccessModule,
        VocabularyModule,
        InterchangeModule,
        SearchModule.forRoot(),
      ],
    };
  }
}
