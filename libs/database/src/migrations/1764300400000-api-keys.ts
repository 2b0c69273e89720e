import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API keys of integrations. Only a SHA-256 of the whole key is kept: keys
 * carry 256 random bits, so a fast hash is as safe as a slow one and keeps the
 * check cheap on every request. The prefix is public and finds the row.
 */
export class ApiKeys1764300400000 implements MigrationInterface {
  name = 'ApiKeys1764300400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE api_key (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        prefix          text NOT NULL UNIQUE CHECK (prefix ~ '^lx_[0-9a-f]{8}$'),
        name            text NOT NULL CHECK (btrim(name) = name AND name <> '' AND length(name) <= 100),
        roles           text[] NOT NULL CHECK (cardinality(roles) > 0 AND roles <@ ARRAY['READER', 'INTEGRATOR', 'STEWARD']),
        steward_domains text[] NOT NULL DEFAULT '{}',
        secret_hash     bytea NOT NULL CHECK (length(secret_hash) = 32),
        created_by      text NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now(),
        last_used_at    timestamptz,
        revoked_at      timestamptz
      )`);
    // two live keys with one name would make `keys list` ambiguous; a revoked one frees its name
    await db.query(`CREATE UNIQUE INDEX api_key_live_name_idx ON api_key (lower(name)) WHERE revoked_at IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE api_key`);
  }
}
