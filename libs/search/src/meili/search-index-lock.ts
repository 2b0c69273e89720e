import { Injectable } from '@nestjs/common';
import { DataSource, QueryRunner } from 'typeorm';

/**
 * How often a round that waits asks for the lock again. Background rounds ask
 * once a second per replica, so the one waiting takes the lock as the running
 * round lets it go.
 */
const ASK_AGAIN_MS = 200;

/**
 * One writer per external index across every API process on the same
 * PostgreSQL: a session advisory lock, held on a connection of its own for a
 * round of indexing (or a rebuild), so that two replicas never write the same
 * batch twice, or an older version of a document after a newer one. The lock
 * goes with the connection if the process dies.
 */
@Injectable()
export class SearchIndexLock {
  constructor(private readonly dataSource: DataSource) {}

  /** Runs `work` holding the index's lock: waiting for it up to `waitMs`, or not at all (0: null when another process holds it). */
  async holding<T>(index: string, waitMs: number, work: () => Promise<T>): Promise<T | null> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const key = `lexique:search-index:${index}`;
      if (!(await this.take(runner, key))) {
        if (waitMs <= 0) return null;
        await this.waitFor(runner, key, index, waitMs);
      }
      try {
        return await work();
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtext($1))`, [key]);
      }
    } finally {
      await runner.release();
    }
  }

  /**
   * Asks for the lock until the running round ends. Each ask returns at once:
   * a round may take minutes (a rebuild), far longer than the pool lets a
   * statement wait for a lock or run, so waiting in one statement would fail.
   */
  private async waitFor(runner: QueryRunner, key: string, index: string, waitMs: number): Promise<void> {
    const deadline = Date.now() + waitMs;
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(ASK_AGAIN_MS, Math.max(0, deadline - Date.now()))));
      if (await this.take(runner, key)) return;
    }
    throw new Error(`The index ${index} stayed busy with another round for ${waitMs / 1000} s: nothing was done, try again later`);
  }

  private async take(runner: QueryRunner, key: string): Promise<boolean> {
    const rows = (await runner.query(`SELECT pg_try_advisory_lock(hashtext($1)) AS locked`, [key])) as { locked: boolean }[];
    return rows[0].locked;
  }
}
