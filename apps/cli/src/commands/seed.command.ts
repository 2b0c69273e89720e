import { systemContext } from '@lexique/core';
import { migrate } from '@lexique/database';
import { DemoDataService, describeSeed } from '@lexique/interchange';
import { Command } from '../command';

export const seedCommand: Command = {
  name: 'seed',
  summary: 'load the demo dictionary into an empty database',
  usage: 'lexique seed [--force]   (--force empties the dictionary first)',
  options: { force: { type: 'boolean' } },
  async run(env, values) {
    await migrate(env.database.url);
    const demo = (await env.services()).get(DemoDataService);
    const report = await demo.seed(systemContext('cli:seed'), { force: values.force === true });
    if (!report.seeded) {
      env.print('The database already holds a dictionary: nothing loaded. Use --force to replace it with the demo data.');
      process.exitCode = 1;
      return;
    }
    env.print(`Loaded the demo dictionary: ${describeSeed(report)}.`);
  },
};
