import { Client, Pool } from 'pg';
import { DomainError, ErrorCode } from '@lexique/core';
import { retryableFault } from '@lexique/database';
import { freePort } from '../support/free-port';
import { createTestDatabase, dropTestDatabase } from '../support/test-server';

/** Real faults of PostgreSQL and its driver, each caught as thrown. */
async function caught(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('no fault');
}

describe('faults a client can retry (integration)', () => {
  let url: string;
  const clients: Client[] = [];
  const client = async () => {
    const c = new Client({ connectionString: url });
    await c.connect();
    clients.push(c);
    return c;
  };
  beforeAll(async () => {
    url = await createTestDatabase();
    const setup = await client();
    await setup.query(`CREATE TABLE counter (id int PRIMARY KEY, n int NOT NULL); INSERT INTO counter VALUES (1, 0), (2, 0)`);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
    await dropTestDatabase(url);
  });

  const expectBusy = (error: unknown, retryAfter: number, message: string) => {
    const busy = retryableFault(error);
    expect(busy).toBeInstanceOf(DomainError);
    expect(busy!.code).toBe(ErrorCode.BUSY);
    expect(busy!.details).toEqual({ retryAfter });
    expect(busy!.message).toBe(`${message}: nothing was changed, try again in ${retryAfter} s`);
  };

  it('a deadlock', async () => {
    const [a, b] = [await client(), await client()];
    await a.query('BEGIN');
    await b.query('BEGIN');
    await a.query('UPDATE counter SET n = n + 1 WHERE id = 1');
    await b.query('UPDATE counter SET n = n + 1 WHERE id = 2');
    const first = a.query('UPDATE counter SET n = n + 1 WHERE id = 2').catch((error: unknown) => error);
    const second = b.query('UPDATE counter SET n = n + 1 WHERE id = 1').catch((error: unknown) => error);
    const [x, y] = await Promise.all([first, second]);
    const deadlock = [x, y].find((e) => e instanceof Error);
    await a.query('ROLLBACK');
    await b.query('ROLLBACK');
    expectBusy(deadlock, 1, 'Two writes got in each other’s way (deadlock)');
  });

  it('a serialization failure', async () => {
    const [a, b] = [await client(), await client()];
    await a.query('BEGIN ISOLATION LEVEL SERIALIZABLE');
    await b.query('BEGIN ISOLATION LEVEL SERIALIZABLE');
    await a.query('SELECT n FROM counter WHERE id = 1');
    await b.query('SELECT n FROM counter WHERE id = 1');
    await a.query('UPDATE counter SET n = n + 1 WHERE id = 1');
    await a.query('COMMIT');
    const error = await caught(() => b.query('UPDATE counter SET n = n + 1 WHERE id = 1'));
    await b.query('ROLLBACK');
    expectBusy(error, 1, 'Two writes got in each other’s way (serialization)');
  });

  it('a lock wait and a statement past their timeouts', async () => {
    const [holder, waiter] = [await client(), await client()];
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE counter IN ACCESS EXCLUSIVE MODE');
    await waiter.query(`SET lock_timeout = '100ms'`);
    expectBusy(await caught(() => waiter.query('SELECT * FROM counter')), 2, 'Another write held what this needs for too long');
    await waiter.query(`SET lock_timeout = 0; SET statement_timeout = '100ms'`);
    expectBusy(await caught(() => waiter.query('SELECT * FROM counter')), 5, 'The database took too long to answer');
    await holder.query('ROLLBACK');
  });

  it('a pool with every connection taken, and a database that does not answer', async () => {
    const pool = new Pool({ connectionString: url, max: 1, connectionTimeoutMillis: 100 });
    const taken = await pool.connect();
    expectBusy(await caught(() => pool.query('SELECT 1')), 1, 'Every database connection is busy');
    taken.release();
    await pool.end();
    const nowhere = new Client({ host: '127.0.0.1', port: await freePort(), user: 'x', database: 'x' });
    expectBusy(await caught(() => nowhere.connect()), 5, 'The database is unreachable');
  });

  it('not a fault of the request itself', async () => {
    const c = await client();
    expect(retryableFault(await caught(() => c.query('INSERT INTO counter VALUES (1, 0)')))).toBeUndefined();
    expect(retryableFault(await caught(() => c.query('SELECT * FROM nowhere')))).toBeUndefined();
    expect(retryableFault(new Error('boom'))).toBeUndefined();
  });
});
