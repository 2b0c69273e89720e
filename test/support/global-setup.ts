import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
// deep paths: Jest maps the @lexique aliases only inside test files, not in the global setup
import { migrate } from '../../libs/database/src/database-runtime';
import { databaseUrl, EmbeddedPostgresServer } from '../../libs/database/src/embedded/embedded-postgres.server';
import { freePort } from './free-port';
import { TEMPLATE_DATABASE, TEST_SERVER_URL_VARIABLE } from './test-server';

declare global {
  var lexiqueTestServer: EmbeddedPostgresServer | undefined;
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
