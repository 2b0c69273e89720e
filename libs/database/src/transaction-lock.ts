import { EntityManager } from 'typeorm';
import { busy } from '@lexique/core';
import { pgErrorCode, PG_LOCK_NOT_AVAILABLE } from './pg-errors';

export interface TransactionLockOptions {
  /** Longest wait for the lock (ms); the pool's lock timeout when not given. */
  waitMs?: number;
  /** Says what holds the lock when the wait runs out, e.g. "Another import is running". */
  heldBy: string;
  /** Seconds the caller is told to wait before trying again. */
  retryAfterSeconds: number;
}

/**
 * Takes a named advisory lock until the end of the manager's transaction,
 * waiting at most `waitMs`: past it the call is refused with BUSY and
 * `retryAfter`, having changed nothing, rather than holding a connection
 * for as long as the other holder keeps the lock.
 */
export async function takeTransactionLock(manager: EntityManager, name: string, options: TransactionLockOptions): Promise<void> {
  if (!manager.queryRunner?.isTransactionActive) throw new Error(`The lock ${name} is taken inside a transaction`);
  try {
    if (options.waitMs === undefined) {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [name]);
      return;
    }
    // set_config(…, true) lasts until the end of the transaction: the pool's value is put back once the lock is taken
    const [{ previous }]: { previous: string }[] = await manager.query(`SELECT current_setting('lock_timeout') AS previous`);
    await manager.query(`SELECT set_config('lock_timeout', $1, true)`, [`${Math.max(1, Math.round(options.waitMs))}ms`]);
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [name]);
    await manager.query(`SELECT set_config('lock_timeout', $1, true)`, [previous]);
  } catch (error) {
    if (pgErrorCode(error) === PG_LOCK_NOT_AVAILABLE) {
      throw busy(`${options.heldBy}: try again in ${options.retryAfterSeconds} s`, options.retryAfterSeconds);
    }
    throw error;
  }
}
