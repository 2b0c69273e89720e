import { DataSource } from 'typeorm';
import { systemContext } from '@lexique/core';
import { migrate } from '@lexique/database';
import { DemoDataService, describeSeed } from '@lexique/interchange';
import { Command, UsageError } from '../command';

export const dbResetCommand: Command = {
  name: 'db:reset',
  summary: 'development: drop everything, migrate, load the demo data',
  usage: 'lexique db:reset [--yes] [--empty]   (--yes is required with DATABASE_URL)',
  options: { yes: { type: 'boolean' }, empty: { type: 'boolean' } },
  async run(env, values) {
    if (!env.database.embedded && values.yes !== true) {
      throw new UsageError('db:reset erases the database of DATABASE_URL: add --yes if that is what you want.');
    }
    const dataSource = new DataSource({ type: 'postgres', url: env.database.url });
    await dataSource.initialize();
    try {
      await dataSource.query('DROP SCHEMA public CASCADE');
      await dataSource.query('CREATE SCHEMA public');
    } finally {
      await dataSource.destroy();
    }
    env.print('Dropped every table.');
    const applied = await migrate(env.database.url);
    env.print(`Applied ${applied.length} migration(s).`);
    if (values.empty === true) return;
    const report = await (await env.services()).get(DemoDataService).seed(systemContext('cli:db:reset'));
    env.print(`Loaded the demo dictionary: ${describeSeed(report)}.`);
  },
};
