import { MigrationInterface, QueryRunner } from 'typeorm';
import { MAPPING_REFERENCES_EXIST } from './1764360000000-mapping-bulk-writes';

/**
 * Two costs of writing a million mappings, measured on this machine:
 *
 * - **The references, read in one pass.** The statement-level check of a
 *   mapping's references (MappingBulkWrites) read the written rows four
 *   times: to lock the systems, to lock the concepts, then once per kind of
 *   orphan. The written rows of a large import are a million rows spilled to
 *   a temporary file; the four passes took 3.7 s for 1,000,000 mappings. They
 *   are now read once, into the few distinct systems and concepts they name,
 *   and the locks and the orphan checks run over those (0.4 s). Same locks,
 *   same order, same errors.
 * - **A type for a mapping's snapshot.** The change log keeps what a mapping
 *   says before and after each change as JSON. Built key by key
 *   (`jsonb_build_object`), 1,000,000 of them took 5.1 s; converted from a row
 *   of this type (`to_jsonb`), 3.7 s, for the same JSON. The fields' names are
 *   the JSON keys.
 */
export class MappingWriteCosts1764370000000 implements MigrationInterface {
  name = 'MappingWriteCosts1764370000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TYPE mapping_snapshot AS (
        "system" text, "localCode" text, "localLabel" text, relation text, concept text, "validFrom" date, "validTo" date,
        note text, justification text, confidence numeric, status text, author text, reviewer text
      )`);
    await db.query(`
      CREATE OR REPLACE FUNCTION mapping_references_exist() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        systems text[];
        concepts uuid[];
        orphan text;
      BEGIN
        -- one pass: each grouping set is hashed as the rows go by
        SELECT array_agg(named.system_code) FILTER (WHERE named.system_code IS NOT NULL),
               array_agg(named.concept_id) FILTER (WHERE named.concept_id IS NOT NULL)
        INTO systems, concepts
        FROM (SELECT w.system_code, w.concept_id FROM written w GROUP BY GROUPING SETS ((w.system_code), (w.concept_id))) named;
        PERFORM 1 FROM information_system s JOIN unnest(systems) AS u(code) ON s.code = u.code FOR KEY SHARE OF s;
        PERFORM 1 FROM concept c JOIN unnest(concepts) AS u(id) ON c.id = u.id FOR KEY SHARE OF c;
        -- a row locked above was there; one deleted meanwhile is missing from this newer snapshot
        SELECT u.code INTO orphan FROM unnest(systems) AS u(code)
        WHERE NOT EXISTS (SELECT 1 FROM information_system s WHERE s.code = u.code) LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION 'insert or update on table "mapping" violates foreign key constraint "mapping_system_code_fkey"'
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'mapping_system_code_fkey', TABLE = 'mapping',
                  DETAIL = format('Key (system_code)=(%s) is not present in table "information_system".', orphan);
        END IF;
        SELECT u.id::text INTO orphan FROM unnest(concepts) AS u(id)
        WHERE NOT EXISTS (SELECT 1 FROM concept c WHERE c.id = u.id) LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION 'insert or update on table "mapping" violates foreign key constraint "mapping_concept_id_fkey"'
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'mapping_concept_id_fkey', TABLE = 'mapping',
                  DETAIL = format('Key (concept_id)=(%s) is not present in table "concept".', orphan);
        END IF;
        RETURN NULL;
      END $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TYPE mapping_snapshot`);
    await db.query(MAPPING_REFERENCES_EXIST);
  }
}
