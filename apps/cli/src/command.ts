import { INestApplicationContext } from '@nestjs/common';
import { LexiqueConfig } from '@lexique/core';
import { DatabaseRuntime } from '@lexique/database';

export interface CommandEnvironment {
  config: LexiqueConfig;
  database: DatabaseRuntime;
  /** Nest context with the services, created on first use. */
  services(): Promise<INestApplicationContext>;
  print(line: string): void;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Options and their types for node's parseArgs. */
  options?: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;
  /** Runs without PostgreSQL (e.g. minting a token): no embedded server is started for it. */
  offline?: boolean;
  run(env: CommandEnvironment, values: Record<string, unknown>, positionals: string[]): Promise<void>;
}

/** A mistake in the command line: printed with the usage, exit code 2. */
export class UsageError extends Error {}
