import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Editing with review: who last edited a concept (four eyes), whether it was
 * ever published (its code is then frozen), a version on domains for
 * optimistic locking, and pending revisions of published entries.
 */
export class Stewardship1764300500000 implements MigrationInterface {
  name = 'Stewardship1764300500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE concept ADD COLUMN last_editor text, ADD COLUMN first_published_at timestamptz`);
    await db.query(`UPDATE concept SET first_published_at = created_at WHERE status IN ('PUBLISHED', 'DEPRECATED')`);
    // The service refuses it first; the trigger keeps a bug or a manual UPDATE from breaking links integrators hold.
    await db.query(`
      CREATE FUNCTION concept_code_is_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the code of a concept that has been published cannot change' USING ERRCODE = 'check_violation';
      END $$`);
    await db.query(`
      CREATE TRIGGER concept_code_frozen BEFORE UPDATE OF code ON concept
      FOR EACH ROW WHEN (OLD.code IS DISTINCT FROM NEW.code AND (OLD.status <> 'DRAFT' OR OLD.first_published_at IS NOT NULL))
      EXECUTE FUNCTION concept_code_is_frozen()`);

    // history by entity id (a draft's code may change)
    await db.query(`CREATE INDEX change_entity_id_idx ON change (entity_type, entity_id, seq)`);

    await db.query(`ALTER TABLE domain ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version > 0)`);

    // A proposed change to a published entry, invisible to readers until another person approves it.
    // Generic over entity types so that mappings go through the same review.
    await db.query(`
      CREATE TABLE revision (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        entity_type     text NOT NULL CHECK (entity_type IN ('CONCEPT', 'MAPPING')),
        entity_id       uuid NOT NULL,
        status          text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED')),
        proposed        jsonb NOT NULL CHECK (jsonb_typeof(proposed) = 'object'),
        author          text NOT NULL,
        reason          text,
        reviewer        text,
        decision_reason text,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now(),
        decided_at      timestamptz,
        CONSTRAINT revision_decided CHECK ((status = 'PENDING') = (decided_at IS NULL))
      )`);
    await db.query(`CREATE UNIQUE INDEX revision_one_pending_idx ON revision (entity_type, entity_id) WHERE status = 'PENDING'`);
    await db.query(`CREATE INDEX revision_entity_idx ON revision (entity_type, entity_id, created_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE revision`);
    await db.query(`ALTER TABLE domain DROP COLUMN version`);
    await db.query(`DROP INDEX change_entity_id_idx`);
    await db.query(`DROP TRIGGER concept_code_frozen ON concept`);
    await db.query(`DROP FUNCTION concept_code_is_frozen()`);
    await db.query(`ALTER TABLE concept DROP COLUMN first_published_at, DROP COLUMN last_editor`);
  }
}
