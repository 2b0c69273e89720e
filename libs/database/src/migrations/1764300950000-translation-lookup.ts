import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The index translation reads: published mappings by system and local code.
 * Without it the planner answered batches of codes from the exclusion
 * constraint's GiST index (also partial on PUBLISHED, so it looked cheaper
 * than the general lookup index), and a GiST probe costs ten times a btree's.
 * The validity dates ride along so that the date check needs no heap visit.
 */
export class TranslationLookup1764300950000 implements MigrationInterface {
  name = 'TranslationLookup1764300950000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE INDEX mapping_published_lookup_idx ON mapping (system_code, local_code_key)
       INCLUDE (concept_id, valid_from, valid_to) WHERE status = 'PUBLISHED'`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX mapping_published_lookup_idx`);
  }
}
