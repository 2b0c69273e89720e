import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The stewards' workspace: the people who signed in (so that notifications
 * can reach stewards by email), their browser sessions and the sign-ins in
 * progress, kept in PostgreSQL so that every API replica knows them and
 * signing out ends a session everywhere at once, and the checkpoint of the
 * mail notifier that follows the change log.
 */
export class Workspace1764320000000 implements MigrationInterface {
  name = 'Workspace1764320000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE person (
        id               text PRIMARY KEY CHECK (id LIKE 'user:%'),
        name             text NOT NULL,
        email            text CHECK (email ~ '^[^@\\s]+@[^@\\s]+$'),
        roles            text[] NOT NULL DEFAULT '{}',
        steward_domains  text[] NOT NULL DEFAULT '{}',
        first_sign_in_at timestamptz NOT NULL DEFAULT now(),
        last_sign_in_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX person_steward_domains_idx ON person USING gin (steward_domains)`);
    // Only a SHA-256 of the cookie's 256 random bits is kept, as for API keys.
    await db.query(`
      CREATE TABLE web_session (
        token_hash   bytea PRIMARY KEY CHECK (length(token_hash) = 32),
        person_id    text NOT NULL REFERENCES person (id) ON DELETE CASCADE,
        principal    jsonb NOT NULL,
        id_token     text,
        created_at   timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at   timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX web_session_expires_idx ON web_session (expires_at)`);
    await db.query(`
      CREATE TABLE sign_in_attempt (
        token_hash    bytea PRIMARY KEY CHECK (length(token_hash) = 32),
        state         text NOT NULL,
        nonce         text NOT NULL,
        code_verifier text NOT NULL,
        return_to     text NOT NULL,
        expires_at    timestamptz NOT NULL
      )`);
    await db.query(`
      CREATE TABLE mail_checkpoint (
        name       text PRIMARY KEY,
        txid       xid8 NOT NULL,
        seq        bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // a person's notifications start from what they wrote
    await db.query(`CREATE INDEX change_principal_idx ON change (principal, seq)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX change_principal_idx`);
    await db.query(`DROP TABLE mail_checkpoint`);
    await db.query(`DROP TABLE sign_in_attempt`);
    await db.query(`DROP TABLE web_session`);
    await db.query(`DROP TABLE person`);
  }
}
