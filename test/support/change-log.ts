import { Client } from 'pg';

/**
 * Waits until every committed change is readable by followers. The change log
 * is read below the oldest running transaction of the whole server, so a
 * transaction of another test file running in parallel can hold it back a moment.
 */
export async function untilChangesReadable(databaseUrl: string, timeoutMs = 20_000): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { rows } = await client.query<{ pending: number }>(
        `SELECT count(*)::int AS pending FROM change WHERE txid >= pg_snapshot_xmin(pg_current_snapshot())`,
      );
      if (rows[0].pending === 0) return;
      if (Date.now() > deadline) throw new Error(`${rows[0].pending} changes stayed unreadable for ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await client.end();
  }
}
