import { Command } from '../command';
import { dbResetCommand } from './db-reset.command';
import { keysCommand } from './keys.command';
import { exportCommand } from './export.command';
import { importCommand } from './import.command';
import { migrateCommand } from './migrate.command';
import { reindexCommand } from './reindex.command';
import { seedCommand } from './seed.command';
import { tokenCommand } from './token.command';

export const COMMANDS: Command[] = [
  migrateCommand,
  seedCommand,
  dbResetCommand,
  importCommand,
  exportCommand,
  reindexCommand,
  tokenCommand,
  keysCommand,
];
