import { migrate } from '@lexique/database';
import { MeiliReindexService } from '@lexique/search';
import { Command, UsageError } from '../command';

export const reindexCommand: Command = {
  name: 'reindex',
  summary: 'rebuild the Meilisearch index from PostgreSQL and swap it in atomically',
  usage: 'lexique reindex   (needs MEILI_HOST; the PostgreSQL engine keeps its documents up to date by itself)',
  async run(env) {
    if (!env.config.meiliHost) {
      throw new UsageError(
        'MEILI_HOST is not set: the PostgreSQL search engine needs no reindex (its documents are written with the data).',
      );
    }
    await migrate(env.database.url);
    const started = Date.now();
    const report = await (await env.services()).get(MeiliReindexService).rebuild();
    env.print(
      `Rebuilt Meilisearch index "${report.index}": ${report.documents} concepts in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
  },
};
