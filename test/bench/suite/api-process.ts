import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from '@lexique/core';
import { TEST_JWT_SECRET } from '../../support/auth';
import { freePort } from '../../support/free-port';

/**
 * The environment of the API under measure: limits meant for production
 * callers are raised, or the bench would measure the rate limiter, and
 * tokens are signed with the test secret.
 */
export const BENCH_API_ENV: Record<string, string> = {
  AUTH_JWT_SECRET: TEST_JWT_SECRET,
  RATE_LIMIT_PER_MINUTE: '1000000',
  RATE_LIMIT_BURST: '1000000',
  GRAPHQL_MAX_COST: '10000000',
  LEXIQUE_SEED_DEMO: 'false',
  LOG_LEVEL: 'warn',
  LOG_FORMAT: 'json',
  // as `npm run start:prod` runs it: graphql-js skips its development-time checks
  NODE_ENV: 'production',
};

/**
 * Node's flags of `npm run start:prod`: a larger young generation, as the API
 * allocates much per request and keeps little; a bounded old generation, or
 * V8 lets dead batches pile up to gigabytes before it collects them.
 */
export const PRODUCTION_NODE_FLAGS = ['--max-semi-space-size=32', '--max-old-space-size=768'];

/** Resident memory of a process in MB, from /proc (Linux); null elsewhere. */
export function residentMb(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Samples a process's memory every 100 ms; `take()` gives the peak since the last take. */
export class MemorySampler {
  private peak = 0;
  private overall = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly pid: number) {
    this.timer = setInterval(() => this.sample(), 100);
    this.timer.unref();
    this.sample();
  }

  private sample() {
    const mb = residentMb(this.pid) ?? 0;
    this.peak = Math.max(this.peak, mb);
    this.overall = Math.max(this.overall, mb);
  }

  take(): number {
    this.sample();
    const peak = this.peak;
    this.peak = residentMb(this.pid) ?? 0;
    return peak;
  }

  get overallPeak(): number {
    this.sample();
    return this.overall;
  }

  stop() {
    clearInterval(this.timer);
  }
}

export interface ApiProcess {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** Starts the built API (`nest build api`) alone in its own process, as in production, so that its memory is its own. */
export async function startApiProcess(databaseUrl: string, env: Record<string, string> = {}): Promise<ApiProcess> {
  const main = path.join(projectRoot(), 'dist/apps/api/apps/api/src/main.js');
  if (!fs.existsSync(main)) throw new Error(`${main} is missing: run \`nest build api\` first`);
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [...PRODUCTION_NODE_FLAGS, main], {
    env: { ...process.env, ...BENCH_API_ENV, ...env, DATABASE_URL: databaseUrl, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`the API exited with code ${child.exitCode}`);
    if (i > 240) {
      child.kill('SIGTERM');
      throw new Error('the API did not become healthy within two minutes');
    }
    const healthy = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (healthy) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return {
    url,
    pid: child.pid!,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
