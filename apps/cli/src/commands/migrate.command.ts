import { migrate, whileAloneOnDatabase } from '@lexique/database';
import { Command } from '../command';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'apply pending database migrations',
  usage: 'lexique migrate',
  async run(env) {
    // an API replica starting meanwhile migrates too: they take turns
    const applied = await whileAloneOnDatabase(env.database.url, () => migrate(env.database.url));
    env.print(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'The database is up to date.');
  },
};
