import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@lexique/core';

export interface StoredSession {
  principal: Principal;
  idToken: string | null;
  expiresAt: Date;
  lastSeenAt: Date;
}

export interface SignInAttempt {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
}

/** Browser sessions and sign-ins in progress, by the SHA-256 of their cookie. */
@Injectable()
export class SessionRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(tokenHash: Buffer, principal: Principal, idToken: string | null, maxAgeMinutes: number): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO web_session (token_hash, person_id, principal, id_token, expires_at)
       VALUES ($1, $2, $3, $4, now() + make_interval(mins => $5))`,
      [tokenHash, principal.id, JSON.stringify(principal), idToken, maxAgeMinutes],
    );
  }

  /** A session with what its age says: past its end, unused too long, or due a new "last seen". */
  async find(tokenHash: Buffer, idleMinutes: number): Promise<(StoredSession & { ended: boolean; stale: boolean }) | null> {
    const [row]: { principal: Principal; id_token: string | null; expires_at: Date; last_seen_at: Date; ended: boolean; stale: boolean }[] =
      await this.dataSource.query(
        `SELECT principal, id_token, expires_at, last_seen_at,
                expires_at <= now() OR last_seen_at <= now() - make_interval(mins => $2) AS ended,
                last_seen_at < now() - interval '1 minute' AS stale
         FROM web_session WHERE token_hash = $1`,
        [tokenHash, idleMinutes],
      );
    if (!row) return null;
    return {
      principal: row.principal,
      idToken: row.id_token,
      expiresAt: row.expires_at,
      lastSeenAt: row.last_seen_at,
      ended: row.ended,
      stale: row.stale,
    };
  }

  /** Records activity at most once a minute, whichever replica sees it. */
  async touch(tokenHash: Buffer): Promise<void> {
    await this.dataSource.query(
      `UPDATE web_session SET last_seen_at = now() WHERE token_hash = $1 AND last_seen_at < now() - interval '1 minute'`,
      [tokenHash],
    );
  }

  /** Ends a session; its id token, for the provider's end-session request. */
  async delete(tokenHash: Buffer): Promise<{ idToken: string | null } | null> {
    // a DELETE … RETURNING answers [rows, count] through TypeORM
    const [[row]]: [{ id_token: string | null }[], number] = await this.dataSource.query(
      `DELETE FROM web_session WHERE token_hash = $1 RETURNING id_token`,
      [tokenHash],
    );
    return row ? { idToken: row.id_token } : null;
  }

  /** Sessions and attempts past their end: removed at each sign-in, so that the tables stay small. */
  async deleteExpired(): Promise<void> {
    await this.dataSource.query(`DELETE FROM web_session WHERE expires_at < now()`);
    await this.dataSource.query(`DELETE FROM sign_in_attempt WHERE expires_at < now()`);
  }

  async insertAttempt(tokenHash: Buffer, attempt: SignInAttempt, minutes: number): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO sign_in_attempt (token_hash, state, nonce, code_verifier, return_to, expires_at)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(mins => $6))`,
      [tokenHash, attempt.state, attempt.nonce, attempt.codeVerifier, attempt.returnTo, minutes],
    );
  }

  /** Takes an attempt once: a second use of the same return finds nothing. */
  async takeAttempt(tokenHash: Buffer): Promise<SignInAttempt | null> {
    const [[row]]: [{ state: string; nonce: string; code_verifier: string; return_to: string }[], number] = await this.dataSource.query(
      `DELETE FROM sign_in_attempt WHERE token_hash = $1 AND expires_at > now()
       RETURNING state, nonce, code_verifier, return_to`,
      [tokenHash],
    );
    return row ? { state: row.state, nonce: row.nonce, codeVerifier: row.code_verifier, returnTo: row.return_to } : null;
  }
}
