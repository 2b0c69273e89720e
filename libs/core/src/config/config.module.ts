import { DynamicModule, Global, Module } from '@nestjs/common';
import { LEXIQUE_CONFIG, LexiqueConfig } from './config';

/** Makes the validated configuration injectable everywhere as LEXIQUE_CONFIG. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: LexiqueConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: LEXIQUE_CONFIG, useValue: config }], exports: [LEXIQUE_CONFIG] };
  }
}
