import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { DomainError } from '@lexique/core';
import { dataSourceOptions, takeTransactionLock } from '@lexique/database';
import { createTestDatabase, dropTestDatabase } from '../support/test-server';

describe('takeTransactionLock (integration)', () => {
  let url: string;
  let dataSource: DataSource;
  beforeAll(async () => {
    url = await createTestDatabase();
    dataSource = new DataSource(dataSourceOptions({ url, poolSize: 2, lockTimeoutMs: 5000 }));
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await dropTestDatabase(url);
  });

  const options = { heldBy: 'Another import is running', retryAfterSeconds: 10 };

  it('waits at most waitMs for a lock another session holds, then refuses with BUSY, and takes it once free', async () => {
    const other = new Client({ connectionString: url });
    await other.connect();
    await other.query(`BEGIN; SELECT pg_advisory_xact_lock(hashtext('lexique:import'))`);
    const refused = await dataSource
      .transaction((manager) => takeTransactionLock(manager, 'lexique:import', { ...options, waitMs: 100 }))
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ code: 'BUSY', message: 'Another import is running: try again in 10 s', details: { retryAfter: 10 } });
    await other.query('ROLLBACK');
    await other.end();

    const setting = await dataSource.transaction(async (manager) => {
      await takeTransactionLock(manager, 'lexique:import', { ...options, waitMs: 100 });
      // the rest of the transaction keeps the pool's own lock timeout
      const [{ lock_timeout }]: { lock_timeout: string }[] = await manager.query(`SHOW lock_timeout`);
      return lock_timeout;
    });
    expect(setting).toBe('5s');
  });

  it('waits for the pool’s lock timeout when no waitMs is given', async () => {
    const other = new Client({ connectionString: url });
    await other.connect();
    await other.query(`BEGIN; SELECT pg_advisory_xact_lock(hashtext('lexique:demo'))`);
    const short = new DataSource(dataSourceOptions({ url, poolSize: 1, lockTimeoutMs: 100 }));
    await short.initialize();
    try {
      await expect(short.transaction((manager) => takeTransactionLock(manager, 'lexique:demo', options))).rejects.toMatchObject({
        code: 'BUSY',
      });
    } finally {
      await short.destroy();
      await other.query('ROLLBACK');
      await other.end();
    }
  });
});
