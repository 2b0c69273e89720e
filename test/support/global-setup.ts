import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as net from 'node:net';
import { Client } from 'pg';
import { databaseUrl, EmbeddedPostgresServer, migrate } from '../../libs/database/src';
import { TEMPLATE_DATABASE, TEST_SERVER_URL_VARIABLE } from './test-server';

declare global {
  var lexiqueTestServer: EmbeddedPostgresServer | undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * Starts the PostgreSQL the tests run on (embedded, in a temporary folder,
 * unless DATABASE_URL names a server) and builds a migrated template
 * database; each test file then creates its own database from it in
 * milliseconds.
 */
export default async function globalSetup() {
  let serverUrl: string;
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = '';
    serverUrl = url.toString().replace(/\/$/, '');
  } else {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lexique-test-'));
    fs.chmodSync(dataDir, 0o755);
    const server = new EmbeddedPostgresServer({ dataDir, port: await freePort(), ephemeral: true });
    serverUrl = await server.start();
    globalThis.lexiqueTestServer = server;
  }
  process.env[TEST_SERVER_URL_VARIABLE] = serverUrl;

  const admin = new Client({ connectionString: databaseUrl(serverUrl, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  await migrate(databaseUrl(serverUrl, TEMPLATE_DATABASE));
}
