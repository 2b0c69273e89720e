import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Index-backed candidates for broad searches on a large dictionary: a whole
 * query equal to a preferred label or an acronym, and preferred labels
 * starting with what is typed, are found without reading every match.
 */
export class SearchScale1764300800000 implements MigrationInterface {
  name = 'SearchScale1764300800000';

  async up(db: QueryRunner): Promise<void> {
    // text_pattern_ops serves both equality and LIKE 'prefix%' whatever the collation
    await db.query(`CREATE INDEX search_document_pref_norm_idx ON search_document (pref_norm text_pattern_ops)`);
    await db.query(`CREATE INDEX search_document_acronyms_idx ON search_document USING gin (acronyms_norm)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX search_document_acronyms_idx`);
    await db.query(`DROP INDEX search_document_pref_norm_idx`);
  }
}
