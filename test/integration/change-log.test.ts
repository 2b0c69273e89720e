import { DataSource } from 'typeorm';
import { ChangeLogReader, ChangeLogRepository, ChangePosition, dataSourceOptions } from '@lexique/database';
import { createTestDatabase, dropTestDatabase } from '../support/test-server';

/**
 * The change log must give followers every row exactly once even when
 * transactions commit out of the order in which they took sequence numbers.
 */
describe('change log (integration, real PostgreSQL)', () => {
  let url: string;
  let dataSource: DataSource;
  const writer = new ChangeLogRepository();
  let reader: ChangeLogReader;

  beforeAll(async () => {
    url = await createTestDatabase();
    dataSource = new DataSource({ ...dataSourceOptions({ url, poolSize: 20 }) });
    await dataSource.initialize();
    reader = new ChangeLogReader(dataSource);
  });
  afterAll(async () => {
    await dataSource.destroy();
    await dropTestDatabase(url);
  });

  const change = (key: string) => ({
    principal: 'test',
    entityType: 'CONCEPT' as const,
    entityId: key,
    entityKey: key,
    domain: 'FIN',
    action: 'UPDATE',
    after: { key },
  });

  it('does not show a row whose transaction is still running, nor the rows of transactions after it, until it commits', async () => {
    const slow = dataSource.createQueryRunner();
    await slow.connect();
    await slow.startTransaction();
    await writer.record(slow.manager, change('slow')); // takes the lower seq
    await dataSource.transaction((m) => writer.record(m, change('fast'))); // commits first

    const start = await reader.head();
    const before = await reader.readAfter(start, 100);
    expect(before).toEqual([]); // "fast" waits behind the running "slow"

    await slow.commitTransaction();
    await slow.release();
    const after = await settled(
      () => reader.readAfter(start, 100),
      (rows) => rows.length >= 2,
    );
    expect(after.map((r) => r.entityKey).sort()).toEqual(['fast', 'slow']);
  });

  it('refuses updates and deletes: the log is append-only', async () => {
    await expect(dataSource.query(`UPDATE change SET reason = 'x'`)).rejects.toThrow('append-only');
    await expect(dataSource.query(`DELETE FROM change`)).rejects.toThrow('append-only');
  });

  it('gives a paging reader every row exactly once while many writers commit concurrently and out of order', async () => {
    const start = await reader.head();
    const writers = 12;
    const perWriter = 15;
    const seen: string[] = [];
    let position: ChangePosition | null = start;
    let done = false;

    const write = async (w: number) => {
      for (let i = 0; i < perWriter; i++) {
        await dataSource.transaction(async (m) => {
          await writer.record(m, change(`w${w}-${i}-a`));
          // hold the transaction open a random while so that commits interleave
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 8));
          await writer.record(m, change(`w${w}-${i}-b`));
        });
      }
    };
    const read = async () => {
      while (!done) {
        const page = await reader.readAfter(position, 7);
        seen.push(...page.map((r) => r.entityKey));
        if (page.length) position = { txid: page.at(-1)!.txid, seq: page.at(-1)!.seq };
        else await new Promise((resolve) => setTimeout(resolve, 2));
      }
      for (const deadline = Date.now() + 20_000; ;) {
        const page = await reader.readAfter(position, 50);
        if (!page.length && (seen.length >= writers * perWriter * 2 || Date.now() > deadline)) break;
        if (!page.length) {
          await new Promise((resolve) => setTimeout(resolve, 20));
          continue;
        }
        seen.push(...page.map((r) => r.entityKey));
        position = { txid: page.at(-1)!.txid, seq: page.at(-1)!.seq };
      }
    };
    const reading = read();
    await Promise.all(Array.from({ length: writers }, (_, w) => write(w)));
    done = true;
    await reading;

    const expected = Array.from({ length: writers }, (_, w) =>
      Array.from({ length: perWriter }, (_, i) => [`w${w}-${i}-a`, `w${w}-${i}-b`]),
    ).flat(2);
    expect(seen).toHaveLength(expected.length);
    expect(new Set(seen).size).toBe(expected.length);
    expect([...seen].sort()).toEqual([...expected].sort());
  });
});

/**
 * Transaction ids are server-wide: a transaction of another test file's
 * database on the same PostgreSQL (a long import) holds the readable horizon
 * back for a moment. Reads again until `ready`, for at most 20 s.
 */
async function settled<T>(read: () => Promise<T>, ready: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 20_000;
  let value = await read();
  while (!ready(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    value = await read();
  }
  return value;
}
