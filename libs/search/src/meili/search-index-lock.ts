import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

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

  /** Runs `work` holding the index's lock: waiting for it, or not at all (null) when another process holds it. */
  async holding<T>(index: string, wait: boolean, work: () => Promise<T>): Promise<T | null> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const key = `lexique:search-index:${index}`;
      if (wait) await runner.query(`SELECT pg_advisory_lock(hashtext($1))`, [key]);
      else {
        const rows = (await runner.query(`SELECT pg_try_advisory_lock(hashtext($1)) AS locked`, [key])) as { locked: boolean }[];
        if (!rows[0].locked) return null;
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
}
