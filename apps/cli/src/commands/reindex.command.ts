import { migrate } from '@lexique/database';
import { MeiliReindexService, StaleDocumentsRepository } from '@lexique/search';
import { Command } from '../command';

export const reindexCommand: Command = {
  name: 'reindex',
  summary: 'bring search up to date now: refresh the documents large writes left, and rebuild the Meilisearch index when MEILI_HOST is set',
  usage: 'lexique reindex   (the API does the same in the background; this is for a database no API runs on yet, or to rebuild the index)',
  async run(env) {
    await migrate(env.database.url);
    const services = await env.services();
    let started = Date.now();
    // waits for marks a running write holds: none is left once it returns
    const refreshed = await services.get(StaleDocumentsRepository).refreshAll();
    env.print(`Refreshed ${refreshed} search documents left by large writes in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    if (!env.config.meiliHost) return;
    started = Date.now();
    const report = await services.get(MeiliReindexService).rebuild();
    env.print(
      `Rebuilt Meilisearch index "${report.index}": ${report.documents} concepts in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
  },
};
