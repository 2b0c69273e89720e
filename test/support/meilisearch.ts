import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Meilisearch } from 'meilisearch';
import { freePort } from './free-port';

/**
 * A real Meilisearch for the tests. No package registry carries its server,
 * so none can be started where the project is built from scratch: the tests
 * that need one run when MEILI_HOST (and MEILI_API_KEY) points at a server,
 * or, for those that stop and restart it, when MEILI_BIN names its binary;
 * otherwise they say plainly that they were SKIPPED.
 */
export interface MeiliTarget {
  host: string;
  apiKey: string;
}

export function meiliTarget(): MeiliTarget | null {
  const host = process.env.MEILI_HOST?.trim();
  return host ? { host, apiKey: process.env.MEILI_API_KEY ?? '' } : null;
}

/** Prints that a suite was skipped, and why, where a reader of the test output sees it. */
export function skipped(suite: string, needs: string): void {
  process.stdout.write(`${suite} SKIPPED: ${needs}\n`);
}

/** An index name of its own for a test file, so that files running at the same time never share one. */
export function testIndex(name: string): string {
  return `lexique_test_${name}_${process.pid}_${randomBytes(3).toString('hex')}`;
}

/** The official client on a target (an ES module, loaded with require() as the gateway does). */
export async function meiliClient(target: MeiliTarget): Promise<Meilisearch> {
  const { Meilisearch: Client } = await import('meilisearch');
  return new Client({ host: target.host, apiKey: target.apiKey });
}

/** Every document of an index (the test dictionaries are small). */
export async function allDocuments<T extends Record<string, unknown>>(client: Meilisearch, index: string): Promise<T[]> {
  const documents: T[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await client.index<T>(index).getDocuments({ offset, limit: 1000 });
    documents.push(...page.results);
    if (page.results.length < 1000) return documents;
  }
}

/** Deletes the test's indexes (those whose name starts with `prefix`). */
export async function dropIndexes(client: Meilisearch, prefix: string): Promise<void> {
  const { results } = await client.getRawIndexes({ limit: 1000 });
  for (const index of results.filter((i) => i.uid.startsWith(prefix))) {
    await client.deleteIndex(index.uid).waitTask();
  }
}

/**
 * A Meilisearch server of the test's own, started from MEILI_BIN on the
 * loopback, that the test may stop (as a crash would) and start again on the
 * same data, or on none.
 */
export class MeiliServer {
  readonly apiKey = randomBytes(24).toString('base64url');
  private child?: ChildProcess;
  private readonly dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lexique-meili-'));

  private constructor(
    private readonly binary: string,
    readonly port: number,
  ) {}

  static binary(): string | null {
    const binary = process.env.MEILI_BIN?.trim();
    return binary && fs.existsSync(binary) ? binary : null;
  }

  static async start(binary: string): Promise<MeiliServer> {
    const server = new MeiliServer(binary, await freePort());
    await server.startAgain();
    return server;
  }

  get target(): MeiliTarget {
    return { host: `http://127.0.0.1:${this.port}`, apiKey: this.apiKey };
  }

  /** Starts the server on its data (after stop()), waiting until it answers. */
  async startAgain(): Promise<void> {
    const args = ['--db-path', path.join(this.dataDir, 'data.ms'), '--http-addr', `127.0.0.1:${this.port}`, '--master-key', this.apiKey];
    this.child = spawn(this.binary, [...args, '--no-analytics', '--log-level', 'WARN'], { stdio: ['ignore', 'ignore', 'inherit'] });
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (ended(this.child)) throw new Error(`Meilisearch exited with ${this.child.exitCode ?? this.child.signalCode}`);
      const up = await fetch(`${this.target.host}/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) return;
      if (Date.now() > deadline) throw new Error('Meilisearch did not answer within a minute');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Kills the server at once, as a crash or a lost host would. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || ended(child)) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  /** Loses the server's data, as a new host would (stop it first). */
  wipe(): void {
    fs.rmSync(path.join(this.dataDir, 'data.ms'), { recursive: true, force: true });
  }

  async close(): Promise<void> {
    await this.stop();
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** Whether the process has ended: with an exit code, or by a signal (its exit code is then null, and no 'exit' event comes again). */
function ended(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}
