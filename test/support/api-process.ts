import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { projectRoot } from '@lexique/core';
import { TEST_JWT_SECRET } from './auth';
import { freePort } from './free-port';

export interface SourceApiProcess {
  url: string;
  pid: number;
  /** What the process wrote to stdout and stderr (its log lines). */
  output(): string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/**
 * Starts the API as `npm start` would, `apps/api/src/main.ts` in its own
 * Node process, from the sources (see source-register.js), and waits until
 * it answers /health. Without DATABASE_URL it starts its embedded PostgreSQL.
 */
export async function startSourceApiProcess(
  env: Record<string, string>,
  options: { healthyWithinMs?: number } = {},
): Promise<SourceApiProcess> {
  const port = env.PORT ?? String(await freePort());
  const child: ChildProcess = spawn(process.execPath, ['-r', path.join(__dirname, 'source-register.js'), 'apps/api/src/main.ts'], {
    cwd: projectRoot(),
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'info',
      LEXIQUE_SEED_DEMO: 'false',
      ...env,
      PORT: port,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.healthyWithinMs ?? 120_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API exited with code ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the API did not answer /health in time:\n${output}`);
    }
    const healthy = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (healthy) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    pid: child.pid!,
    output: () => output,
    exited,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}
