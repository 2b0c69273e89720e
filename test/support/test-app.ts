import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { loadConfig, systemContext } from '@lexique/core';
import { QueryMetrics } from '@lexique/database';
import { DemoDataService } from '@lexique/interchange';
import { createApp } from '../../apps/api/src/bootstrap';
import { StructuredLogger } from '../../apps/api/src/logging/structured-logger';
import { TEST_JWT_SECRET } from './auth';
import { createTestDatabase, dropTestDatabase } from './test-server';

export interface GraphQLResponse<T = Record<string, any>> {
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: { code?: string; field?: string; [key: string]: unknown } }[];
}

export interface TestApp {
  app: INestApplication;
  databaseUrl: string;
  /** Sends a GraphQL operation over HTTP and returns the parsed body. */
  gql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  http(): ReturnType<typeof request>;
  /** SQL statements sent so far (to check batching). */
  queryCount(): number;
  close(): Promise<void>;
}

export interface TestAppOptions {
  seed?: boolean;
  env?: Record<string, string>;
  embedded?: boolean;
  /** Receives the API's log lines, as JSON, from level debug. */
  logLines?: (line: string) => void;
  /** Another app's database, seen by a second process (neither seeded nor dropped by this one). */
  databaseUrl?: string;
}

/**
 * The real API on its own database (seeded with the demo dictionary unless
 * `seed: false`). `embedded: true` configures it as the embedded demo (no
 * DATABASE_URL in its settings), while it still uses the test database.
 * Given `databaseUrl`, it is a second process's view of another app's
 * database (neither seeded nor dropped by this one).
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const shared = options.databaseUrl !== undefined;
  const databaseUrl = options.databaseUrl ?? (await createTestDatabase());
  // anonymous reading on, as in the demo, unless a test turns it off; rate limits out of the way
  // of tests that search or upload many times from one address, unless a test sets them
  const config = loadConfig({
    LOG_LEVEL: 'error',
    AUTH_JWT_SECRET: TEST_JWT_SECRET,
    LEXIQUE_ANONYMOUS_READ: 'true',
    RATE_LIMIT_PER_MINUTE: '100000',
    RATE_LIMIT_BURST: '100000',
    ...options.env,
    ...(options.embedded ? {} : { DATABASE_URL: databaseUrl }),
  });
  const app = await createApp(config, databaseUrl, options.logLines ? new StructuredLogger('json', 'debug', options.logLines) : false);
  await app.init();
  if (options.seed !== false && !shared) await app.get(DemoDataService).seed(systemContext('test-seed'));
  const server = app.getHttpServer();
  const metrics = app.get(QueryMetrics);
  return {
    app,
    databaseUrl,
    async gql(query, variables, headers = {}) {
      const response = await request(server)
        .post('/graphql')
        .set({ 'content-type': 'application/json', ...headers })
        .send({ query, variables });
      return response.body;
    },
    http: () => request(server),
    queryCount: () => metrics.total,
    async close() {
      await app.close();
      if (!shared) await dropTestDatabase(databaseUrl);
    },
  };
}
