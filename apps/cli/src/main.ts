import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '@lexique/core';
import { DatabaseRuntime, openDatabase } from '@lexique/database';
import { CliModule } from './cli.module';
import { Command, UsageError } from './command';
import { COMMANDS } from './commands';

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: lexique <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Configuration comes from the environment (see README).',
  ].join('\n');
}

export async function runCli(argv: string[], print: (line: string) => void = (line) => console.log(line)): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    print(help());
    return name ? 0 : 2;
  }
  const command: Command | undefined = COMMANDS.find((c) => c.name === name);
  if (!command) {
    print(`Unknown command "${name}".\n\n${help()}`);
    return 2;
  }
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    print(`${(error as Error).message}\nUsage: ${command.usage}`);
    return 2;
  }
  if (parsed.values.help) {
    print(`Usage: ${command.usage}`);
    return 0;
  }

  let database: DatabaseRuntime | undefined;
  let services: INestApplicationContext | undefined;
  try {
    const config = loadConfig();
    database = command.offline ? offlineDatabase(config) : await openDatabase(config);
    const runtime = database;
    await command.run(
      {
        config,
        database,
        print,
        async services() {
          services ??= await NestFactory.createApplicationContext(CliModule.forRoot(config, runtime.url), { logger: ['error', 'warn'] });
          return services;
        },
      },
      parsed.values,
      parsed.positionals,
    );
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) {
      print(error.message);
      return 2;
    }
    print(`lexique ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await services?.close();
    await database?.stop();
  }
}

function offlineDatabase(config: { databaseUrl?: string }): DatabaseRuntime {
  return {
    get url(): string {
      throw new Error('this command runs without a database');
    },
    embedded: !config.databaseUrl,
    stop: () => Promise.resolve(),
  };
}

if (require.main === module) {
  void runCli(process.argv.slice(2)).then((code) => process.exit(code));
}
