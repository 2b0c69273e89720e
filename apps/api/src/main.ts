import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig, systemContext } from '@lexique/core';
import { migrate, openDatabase, whileAloneOnDatabase } from '@lexique/database';
import { DemoDataService } from '@lexique/interchange';
import { createApp } from './bootstrap';
import { StructuredLogger } from './logging/structured-logger';

async function main() {
  const config = loadConfig();
  const logger = new StructuredLogger(config.logFormat, config.logLevel);
  Logger.overrideLogger(logger);
  const log = new Logger('Lexique');

  const database = await openDatabase(config, { debug: (message) => log.debug(message), warn: (message) => log.warn(message) });
  log.log(database.embedded ? `Embedded PostgreSQL running, data in ${config.dataDir}` : 'Using the PostgreSQL of DATABASE_URL');
  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.log(`${signal} received, stopping`);
    await app?.close().catch((error: unknown) => log.error(String(error)));
    await database.stop().catch((error: unknown) => log.error(String(error)));
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  try {
    app = await whileAloneOnDatabase(database.url, async () => {
      const applied = await migrate(database.url);
      if (applied.length) log.log(`Applied migrations: ${applied.join(', ')}`);
      const created = await createApp(config, database.url, logger);
      if (config.seedDemo) {
        const demo = created.get(DemoDataService);
        if (await demo.isEmpty()) await demo.seed(systemContext('seed'));
      }
      return created;
    });
    await (config.host ? app.listen(config.port, config.host) : app.listen(config.port));
    const url = `http://${config.host && config.host !== '0.0.0.0' && config.host !== '::' ? hostInUrl(config.host) : 'localhost'}:${config.port}`;
    log.log(`Lexique is ready: GraphQL and its IDE at ${url}/graphql, health at ${url}/health`);
  } catch (error) {
    log.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    await app?.close().catch(() => undefined);
    await database.stop().catch(() => undefined);
    process.exit(1);
  }
}

/** An IPv6 address goes in brackets in a URL. */
function hostInUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
