import { Command } from '../command';
import { dbResetCommand } from './db-reset.command';
import { migrateCommand } from './migrate.command';
import { reindexCommand } from './reindex.command';
import { seedCommand } from './seed.command';

export const COMMANDS: Command[] = [migrateCommand, seedCommand, dbResetCommand, reindexCommand];
