import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The statement-level check of a mapping's references as this migration
 * created it (MappingWriteCosts reads the written rows once instead, and
 * restores this one on the way down).
 */
export const MAPPING_REFERENCES_EXIST = `
      CREATE OR REPLACE FUNCTION mapping_references_exist() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        orphan record;
      BEGIN
        PERFORM 1 FROM information_system s WHERE s.code IN (SELECT w.system_code FROM written w) FOR KEY SHARE;
        PERFORM 1 FROM concept c WHERE c.id IN (SELECT w.concept_id FROM written w) FOR KEY SHARE;
        -- a row locked above was there; one deleted meanwhile is missing from this newer snapshot
        SELECT w.system_code INTO orphan FROM written w
        WHERE NOT EXISTS (SELECT 1 FROM information_system s WHERE s.code = w.system_code) LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION 'insert or update on table "mapping" violates foreign key constraint "mapping_system_code_fkey"'
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'mapping_system_code_fkey', TABLE = 'mapping',
                  DETAIL = format('Key (system_code)=(%s) is not present in table "information_system".', orphan.system_code);
        END IF;
        SELECT w.concept_id INTO orphan FROM written w
        WHERE w.concept_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM concept c WHERE c.id = w.concept_id) LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION 'insert or update on table "mapping" violates foreign key constraint "mapping_concept_id_fkey"'
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'mapping_concept_id_fkey', TABLE = 'mapping',
                  DETAIL = format('Key (concept_id)=(%s) is not present in table "concept".', orphan.concept_id);
        END IF;
        RETURN NULL;
      END $$`;

/**
 * What a million mappings cost to write, measured on this machine (2 cores,
 * PostgreSQL 18, quiet): inserting 1,000,000 published mappings took 41.6 s,
 * of which the two foreign keys took 17 s. A foreign key checks each row on
 * its own: one trigger event and one lookup of the row pointed to per mapping
 * written, a million of each, for twenty systems and a few thousand concepts.
 *
 * - **The references, checked once per statement.** The same guarantee is
 *   kept by statement-level triggers that read the written rows as a set: the
 *   rows pointed to are locked FOR KEY SHARE, as a foreign key's check locks
 *   them (so that none is deleted before the write commits), then any mapping
 *   pointing to nothing is refused with the error a foreign key gives (23503,
 *   same constraint name). The side pointed to refuses to delete (or change
 *   the key of) a concept or system a mapping points to, and a system's new
 *   code still carries its mappings along. The writer resolves every
 *   reference under its locks before writing; these triggers only catch a
 *   write that bypassed it. Unlike a foreign key they do not stop a TRUNCATE
 *   of `concept` or `information_system` alone; the one TRUNCATE in Lexique
 *   (the demo reload) names `mapping` with them.
 * - **Time-ordered ids.** New mappings get UUIDv7 ids (PostgreSQL 18's
 *   `uuidv7()`; random ones on an older server), so a write of many appends
 *   to the end of the primary key and of the change log's index of entity
 *   ids instead of landing on a random page of each for every row.
 * - **One lookup index.** Lookups by system and local code had two btrees:
 *   one over every mapping (the writer, the review) and one over published
 *   ones for translation. A single one carries the status and what
 *   translation reads, which answers both without visiting the table.
 */
export class MappingBulkWrites1764360000000 implements MigrationInterface {
  name = 'MappingBulkWrites1764360000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      DO $$ BEGIN
        IF current_setting('server_version_num')::int >= 180000 THEN
          CREATE FUNCTION ordered_uuid() RETURNS uuid LANGUAGE sql VOLATILE AS 'SELECT uuidv7()';
        ELSE
          CREATE FUNCTION ordered_uuid() RETURNS uuid LANGUAGE sql VOLATILE AS 'SELECT gen_random_uuid()';
        END IF;
      END $$`);
    await db.query(`ALTER TABLE mapping ALTER COLUMN id SET DEFAULT ordered_uuid()`);

    await db.query(`ALTER TABLE mapping DROP CONSTRAINT mapping_concept_id_fkey, DROP CONSTRAINT mapping_system_code_fkey`);
    await db.query(MAPPING_REFERENCES_EXIST);
    await db.query(`
      CREATE TRIGGER mapping_references_inserted AFTER INSERT ON mapping REFERENCING NEW TABLE AS written
      FOR EACH STATEMENT EXECUTE FUNCTION mapping_references_exist()`);
    await db.query(`
      CREATE TRIGGER mapping_references_updated AFTER UPDATE ON mapping REFERENCING NEW TABLE AS written
      FOR EACH STATEMENT EXECUTE FUNCTION mapping_references_exist()`);

    await db.query(`
      CREATE FUNCTION concept_unreferenced_by_mappings() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        used uuid;
      BEGIN
        SELECT m.concept_id INTO used FROM mapping m WHERE m.concept_id IN (SELECT r.id FROM removed r) LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION 'update or delete on table "concept" violates foreign key constraint "mapping_concept_id_fkey" on table "mapping"'
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'mapping_concept_id_fkey', TABLE = 'concept',
                  DETAIL = format('Key (id)=(%s) is still referenced from table "mapping".', used);
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER concept_deleted_unreferenced AFTER DELETE ON concept REFERENCING OLD TABLE AS removed
      FOR EACH STATEMENT EXECUTE FUNCTION concept_unreferenced_by_mappings()`);
    await db.query(`
      CREATE FUNCTION concept_id_unchanged() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the id of concept % cannot change', OLD.code USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'mapping_concept_id_fkey';
      END $$`);
    await db.query(`
      CREATE TRIGGER concept_id_unchanged BEFORE UPDATE OF id ON concept
      FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION concept_id_unchanged()`);

    await db.query(`
      CREATE FUNCTION system_unreferenced_by_mappings() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        used text;
      BEGIN
        SELECT m.system_code INTO used FROM mapping m WHERE m.system_code IN (SELECT r.code FROM removed r) LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION 'update or delete on table "information_system" violates foreign key constraint "mapping_system_code_fkey" on table "mapping"'
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'mapping_system_code_fkey', TABLE = 'information_system',
                  DETAIL = format('Key (code)=(%s) is still referenced from table "mapping".', used);
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER system_deleted_unreferenced AFTER DELETE ON information_system REFERENCING OLD TABLE AS removed
      FOR EACH STATEMENT EXECUTE FUNCTION system_unreferenced_by_mappings()`);
    await db.query(`
      CREATE FUNCTION system_code_carried() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE mapping SET system_code = NEW.code WHERE system_code = OLD.code;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER system_code_carried AFTER UPDATE OF code ON information_system
      FOR EACH ROW WHEN (OLD.code IS DISTINCT FROM NEW.code) EXECUTE FUNCTION system_code_carried()`);

    await db.query(`DROP INDEX mapping_published_lookup_idx`);
    await db.query(`DROP INDEX mapping_lookup_idx`);
    await db.query(
      `CREATE INDEX mapping_lookup_idx ON mapping (system_code, local_code_key) INCLUDE (status, concept_id, valid_from, valid_to)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX mapping_lookup_idx`);
    await db.query(`CREATE INDEX mapping_lookup_idx ON mapping (system_code, local_code_key)`);
    await db.query(
      `CREATE INDEX mapping_published_lookup_idx ON mapping (system_code, local_code_key)
       INCLUDE (concept_id, valid_from, valid_to) WHERE status = 'PUBLISHED'`,
    );
    await db.query(`DROP TRIGGER system_code_carried ON information_system`);
    await db.query(`DROP TRIGGER system_deleted_unreferenced ON information_system`);
    await db.query(`DROP TRIGGER concept_id_unchanged ON concept`);
    await db.query(`DROP TRIGGER concept_deleted_unreferenced ON concept`);
    await db.query(`DROP TRIGGER mapping_references_updated ON mapping`);
    await db.query(`DROP TRIGGER mapping_references_inserted ON mapping`);
    await db.query(
      `DROP FUNCTION system_code_carried(), system_unreferenced_by_mappings(), concept_id_unchanged(),
         concept_unreferenced_by_mappings(), mapping_references_exist()`,
    );
    await db.query(
      `ALTER TABLE mapping ADD CONSTRAINT mapping_concept_id_fkey FOREIGN KEY (concept_id) REFERENCES concept (id),
         ADD CONSTRAINT mapping_system_code_fkey FOREIGN KEY (system_code) REFERENCES information_system (code) ON UPDATE CASCADE`,
    );
    await db.query(`ALTER TABLE mapping ALTER COLUMN id SET DEFAULT gen_random_uuid()`);
    await db.query(`DROP FUNCTION ordered_uuid()`);
  }
}
