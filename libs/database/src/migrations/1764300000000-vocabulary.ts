import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Domains, concepts, their relations, and the change log every write records
 * into. Constraints keep the data right even if a bug slips past the services.
 */
export class Vocabulary1764300000000 implements MigrationInterface {
  name = 'Vocabulary1764300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await db.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);

    await db.query(`
      CREATE TABLE domain (
        code            text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9]{1,9}$'),
        label           jsonb NOT NULL CHECK (jsonb_typeof(label) = 'object' AND label ? 'fr'),
        description     jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(description) = 'object'),
        requires_review boolean NOT NULL DEFAULT true,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);

    await db.query(`
      CREATE TABLE concept (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code           text NOT NULL UNIQUE CHECK (code ~ '^[A-Z][A-Z0-9]{1,9}-[A-Z0-9]{1,12}$'),
        domain_code    text NOT NULL REFERENCES domain (code) ON UPDATE CASCADE,
        status         text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'IN_REVIEW', 'PUBLISHED', 'DEPRECATED')),
        pref_label     jsonb NOT NULL CHECK (jsonb_typeof(pref_label) = 'object' AND pref_label ? 'fr'),
        alt_labels     jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(alt_labels) = 'object'),
        hidden_labels  text[] NOT NULL DEFAULT '{}',
        acronyms       text[] NOT NULL DEFAULT '{}',
        definition     jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(definition) = 'object'),
        scope_note     jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(scope_note) = 'object'),
        source         text,
        replaced_by_id uuid REFERENCES concept (id),
        version        integer NOT NULL DEFAULT 1 CHECK (version > 0),
        created_at     timestamptz NOT NULL DEFAULT now(),
        updated_at     timestamptz NOT NULL DEFAULT now(),
        -- only a deprecated concept names a successor, and never itself
        CONSTRAINT concept_replaced_by_only_when_deprecated CHECK (replaced_by_id IS NULL OR status = 'DEPRECATED'),
        CONSTRAINT concept_not_replaced_by_itself CHECK (replaced_by_id IS DISTINCT FROM id)
      )`);
    await db.query(`CREATE INDEX concept_domain_code_idx ON concept (domain_code, code)`);
    await db.query(`CREATE INDEX concept_status_idx ON concept (status)`);
    await db.query(`CREATE INDEX concept_replaced_by_idx ON concept (replaced_by_id) WHERE replaced_by_id IS NOT NULL`);

    // broader is stored once (narrower is its inverse); related is stored in
    // both directions so that either side reads it with one index lookup.
    await db.query(`
      CREATE TABLE concept_broader (
        concept_id uuid NOT NULL REFERENCES concept (id) ON DELETE CASCADE,
        broader_id uuid NOT NULL REFERENCES concept (id) ON DELETE CASCADE,
        PRIMARY KEY (concept_id, broader_id),
        CHECK (concept_id <> broader_id)
      )`);
    await db.query(`CREATE INDEX concept_broader_broader_idx ON concept_broader (broader_id)`);
    await db.query(`
      CREATE TABLE concept_related (
        concept_id uuid NOT NULL REFERENCES concept (id) ON DELETE CASCADE,
        related_id uuid NOT NULL REFERENCES concept (id) ON DELETE CASCADE,
        PRIMARY KEY (concept_id, related_id),
        CHECK (concept_id <> related_id)
      )`);

    // The spine: one append-only row per write, in the write's transaction.
    // txid lets readers of the feed stay below the oldest running transaction
    // so that rows committing out of sequence order are never skipped.
    await db.query(`
      CREATE TABLE change (
        seq          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        txid         xid8 NOT NULL DEFAULT pg_current_xact_id(),
        at           timestamptz NOT NULL DEFAULT clock_timestamp(),
        principal    text NOT NULL,
        entity_type  text NOT NULL CHECK (entity_type IN ('DOMAIN', 'CONCEPT', 'SYSTEM', 'MAPPING', 'API_KEY')),
        entity_id    text NOT NULL,
        entity_key   text NOT NULL,
        domain_code  text,
        action       text NOT NULL,
        before       jsonb,
        after        jsonb,
        reason       text
      )`);
    await db.query(`CREATE INDEX change_entity_idx ON change (entity_type, entity_key, seq)`);
    await db.query(`CREATE INDEX change_position_idx ON change (txid, seq)`);
    await db.query(`
      CREATE FUNCTION change_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the change log is append-only';
      END $$`);
    await db.query(`
      CREATE TRIGGER change_append_only BEFORE UPDATE OR DELETE ON change
      FOR EACH ROW EXECUTE FUNCTION change_is_append_only()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE change`);
    await db.query(`DROP FUNCTION change_is_append_only()`);
    await db.query(`DROP TABLE concept_related`);
    await db.query(`DROP TABLE concept_broader`);
    await db.query(`DROP TABLE concept`);
    await db.query(`DROP TABLE domain`);
  }
}
