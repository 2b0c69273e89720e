import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
// deep paths: the global setup loads this file before Jest maps the @lexique aliases
import { databaseUrl } from '../../libs/database/src/embedded/embedded-postgres.server';

export const TEMPLATE_DATABASE = 'lexique_test_template';
export const TEST_SERVER_URL_VARIABLE = 'LEXIQUE_TEST_SERVER_URL';

function serverUrl(): string {
  const url = process.env[TEST_SERVER_URL_VARIABLE];
  if (!url) throw new Error('The test PostgreSQL is not running: run the tests with `npm test`.');
  return url;
}

/** A fresh, migrated, empty database for one test file; returns its URL. */
export async function createTestDatabase(): Promise<string> {
  const name = `lexique_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: databaseUrl(serverUrl(), 'postgres') });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  return databaseUrl(serverUrl(), name);
}

export async function dropTestDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const admin = new Client({ connectionString: databaseUrl(serverUrl(), 'postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
