import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { SourceApiProcess, startSourceApiProcess } from '../support/api-process';
import { freePort } from '../support/free-port';

async function health(api: SourceApiProcess): Promise<number> {
  return fetch(`${api.url}/health`, { signal: AbortSignal.timeout(5000) }).then(
    (r) => r.status,
    () => 0,
  );
}

/** Polls until the predicate holds (never asserting on how long it took). */
async function until(what: string, predicate: () => Promise<boolean>, attempts = 240): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    if (await predicate()) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`gave up waiting: ${what}`);
}

/** Whether something accepts TCP connections at this address. */
function listening(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 2000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

/**
 * The demo as `npm start` runs it: an embedded PostgreSQL started and
 * supervised by the API process, which listens on loopback only.
 */
describe('the embedded demo (e2e)', () => {
  let dataDir: string;
  let api: SourceApiProcess;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lexique-embedded-'));
    fs.chmodSync(dataDir, 0o755);
    api = await startSourceApiProcess(
      { LEXIQUE_DATA_DIR: dataDir, LEXIQUE_EMBEDDED_PG_PORT: String(await freePort()) },
      { healthyWithinMs: 240_000 },
    );
  }, 300_000);
  afterAll(async () => {
    await api?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('listens on loopback only, as it lets anonymous callers read', async () => {
    const port = Number(new URL(api.url).port);
    expect(await listening('127.0.0.1', port)).toBe(true);
    const elsewhere = Object.values(os.networkInterfaces())
      .flat()
      .find((address) => address && address.family === 'IPv4' && !address.internal);
    if (!elsewhere) {
      console.warn('SKIPPED the check from another interface: this machine has none');
      return;
    }
    expect(await listening(elsewhere.address, port)).toBe(false);
  });

  it('restarts its PostgreSQL when it dies, and serves again without a restart of the API', async () => {
    const query = () =>
      fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ domains { code } }' }),
      }).then((r) => r.json() as Promise<{ data?: unknown; errors?: { extensions: { code: string } }[] }>);
    expect((await query()).errors).toBeUndefined();
    const postmaster = Number(fs.readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
    process.kill(postmaster, 'SIGKILL');
    await until('the API to notice', async () => (await health(api)) === 503);
    // meanwhile callers are told to come back, not that the service broke
    const meanwhile = await query();
    if (meanwhile.errors) expect(meanwhile.errors[0].extensions.code).toBe('BUSY');
    await until('PostgreSQL to be back', async () => (await health(api)) === 200);
    expect((await query()).errors).toBeUndefined();
    expect(api.output()).toContain('The embedded PostgreSQL stopped');
    expect(api.output()).toContain('The embedded PostgreSQL is running again');
  });
});
