import { INestApplication } from '@nestjs/common';
import { LexiqueConfig } from '@lexique/core';
import { createApp } from '../../apps/api/src/bootstrap';
import { runCli } from '../../apps/cli/src/main';

/** Variables the CLI tests set; every run starts from none of them. */
const VARIABLES = ['DATABASE_URL', 'LEXIQUE_DATA_DIR', 'AUTH_JWT_SECRET', 'AUTH_JWKS_URL', 'AUTH_ISSUER', 'AUTH_AUDIENCE'];

/**
 * Runs `lexique …` in this process with exactly these variables (restored
 * afterwards); returns its exit code and what it printed.
 */
export async function cli(args: string[], env: Record<string, string>): Promise<{ code: number; output: string }> {
  const saved = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]));
  for (const name of VARIABLES) delete process.env[name];
  Object.assign(process.env, env);
  const lines: string[] = [];
  try {
    const code = await runCli(args, (line) => lines.push(line));
    return { code, output: lines.join('\n') };
  } finally {
    process.exitCode = undefined;
    for (const name of VARIABLES) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  }
}

/** The API with a configuration of the test's choosing (startTestApp's is that of a test server). */
export async function startApi(config: LexiqueConfig, databaseUrl: string): Promise<INestApplication> {
  const app = await createApp(config, databaseUrl, false);
  await app.init();
  return app;
}
