import { INestApplication, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { LexiqueConfig } from '@lexique/core';
import { AppModule } from './app.module';
import { refuseUnstorablePaths } from './http/storable-path.middleware';

/** Builds the API application (used by main.ts and by the end-to-end tests). */
export async function createApp(config: LexiqueConfig, databaseUrl: string, logger: LoggerService | false): Promise<INestApplication> {
  // JSON bodies only: nothing takes forms, and the default url-encoded parser cost every request a content-type check
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, databaseUrl), {
    logger,
    bufferLogs: false,
    bodyParser: false,
  });
  app.disable('x-powered-by');
  // behind a reverse proxy every anonymous caller would otherwise share the proxy's address, and its rate limit
  app.set('trust proxy', config.trustProxy);
  app.use(refuseUnstorablePaths);
  app.useBodyParser('json', { limit: '5mb' });
  return app;
}
