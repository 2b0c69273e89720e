import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Information systems and the mappings of their local codes to concepts.
 * Local codes are exact strings ("0412" is not "412"): stored as given,
 * compared after trimming through `local_code_key`.
 */
export class Mappings1764300100000 implements MigrationInterface {
  name = 'Mappings1764300100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await db.query(`
      CREATE TABLE information_system (
        code          text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$' AND length(code) <= 40),
        name          text NOT NULL CHECK (btrim(name) <> '' AND length(name) <= 200),
        kind          text NOT NULL CHECK (kind ~ '^[A-Z][A-Z0-9_]{0,19}$'),
        -- a commune by INSEE code (5 characters) or the Métropole by SIREN (9 digits)
        owner_code    text NOT NULL CHECK (owner_code ~ '^([0-9][0-9AB][0-9]{3}|[0-9]{9})$'),
        owner_name    text NOT NULL CHECK (btrim(owner_name) <> ''),
        description   jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(description) = 'object'),
        status        text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'RETIRING', 'RETIRED')),
        active_since  date,
        retiring_since date,
        retired_on    date,
        version       integer NOT NULL DEFAULT 1 CHECK (version > 0),
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now()
      )`);

    await db.query(`
      CREATE TABLE mapping (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        system_code    text NOT NULL REFERENCES information_system (code) ON UPDATE CASCADE,
        local_code     text NOT NULL CHECK (btrim(local_code) <> '' AND length(local_code) <= 100),
        local_code_key text GENERATED ALWAYS AS (btrim(local_code, E' \t\r\n')) STORED,
        local_label    text CHECK (length(local_label) <= 500),
        concept_id     uuid REFERENCES concept (id),
        relation       text NOT NULL CHECK (relation IN ('EXACT', 'CLOSE', 'BROAD', 'NARROW', 'RELATED', 'UNMAPPED')),
        valid_from     date,
        valid_to       date,
        note           text CHECK (length(note) <= 2000),
        status         text NOT NULL DEFAULT 'PUBLISHED' CHECK (status IN ('DRAFT', 'IN_REVIEW', 'PUBLISHED')),
        justification  text NOT NULL DEFAULT 'semapv:ManualMappingCuration',
        confidence     numeric(4, 3) CHECK (confidence BETWEEN 0 AND 1),
        author         text,
        reviewer       text,
        version        integer NOT NULL DEFAULT 1 CHECK (version > 0),
        created_at     timestamptz NOT NULL DEFAULT now(),
        updated_at     timestamptz NOT NULL DEFAULT now(),
        -- UNMAPPED: the local code is known and has no canonical equivalent
        CONSTRAINT mapping_concept_unless_unmapped CHECK ((relation = 'UNMAPPED') = (concept_id IS NULL)),
        CONSTRAINT mapping_validity_ordered CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_from < valid_to),
        -- one current mapping per (system, local code) at any date
        CONSTRAINT mapping_one_per_code_and_date EXCLUDE USING gist (
          system_code WITH =, local_code_key WITH =, daterange(valid_from, valid_to, '[)') WITH &&
        ) WHERE (status = 'PUBLISHED')
      )`);
    await db.query(
      `CREATE INDEX mapping_lookup_idx ON mapping (system_code, local_code_key) INCLUDE (concept_id, relation, valid_from, valid_to, status)`,
    );
    await db.query(`CREATE INDEX mapping_concept_idx ON mapping (concept_id, system_code) WHERE concept_id IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE mapping`);
    await db.query(`DROP TABLE information_system`);
  }
}
