import { Injectable } from '@nestjs/common';
import { DataSource, QueryRunner } from 'typeorm';
import type { ChangePosition } from '@lexique/database';

/** Any number that no other advisory lock of Lexique uses: the mail notifier's turn. */
const MAIL_LOCK = 7_216_301;

/** How far the mail notifier got in the change log, and its turn among the API's replicas. */
@Injectable()
export class MailCheckpointRepository {
  constructor(private readonly dataSource: DataSource) {}

  async load(name: string): Promise<ChangePosition | null> {
    const [row]: ChangePosition[] = await this.dataSource.query(
      `SELECT txid::text AS txid, seq::text AS seq FROM mail_checkpoint WHERE name = $1`,
      [name],
    );
    return row ?? null;
  }

  async save(name: string, position: ChangePosition): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO mail_checkpoint (name, txid, seq) VALUES ($1, $2::xid8, $3::bigint)
       ON CONFLICT (name) DO UPDATE SET txid = excluded.txid, seq = excluded.seq, updated_at = now()`,
      [name, position.txid, position.seq],
    );
  }

  /**
   * Runs `work` only if no other process is running it: a session-level
   * advisory lock held on its own connection for the whole round, so two
   * replicas never mail the same change twice.
   */
  async exclusively<T>(work: () => Promise<T>): Promise<{ ran: true; result: T } | { ran: false }> {
    const runner: QueryRunner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const rows = (await runner.query(`SELECT pg_try_advisory_lock($1) AS locked`, [MAIL_LOCK])) as { locked: boolean }[];
      const locked = rows[0].locked;
      if (!locked) return { ran: false };
      try {
        return { ran: true, result: await work() };
      } finally {
        await runner.query(`SELECT pg_advisory_unlock($1)`, [MAIL_LOCK]);
      }
    } finally {
      await runner.release();
    }
  }
}
