import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How the database keeps the validity periods of one local code apart, now
 * that the writer of mappings checks every overlap itself (of any status,
 * before writing, under the locks of the systems it writes) and the database
 * only has to catch a write that bypassed it.
 *
 * The GiST exclusion constraint over every published mapping cost a bulk
 * import far more than everything else the table has. Measured on this
 * machine (2 shared cores, load average 11 to 13 from other work, PostgreSQL
 * 18), inserting 100,000 published open-ended mappings into an empty table:
 * 117 s with it (62 s in a quieter moment), 17.9 s without it, 18.8 s with
 * what replaces it; 15.4 s without it and without the two foreign keys, 1.3 s
 * into a bare heap. Its keys (one text expression, and a daterange that is
 * unbounded for nearly every row) give GiST little to split on. Nearly every
 * mapping has an open period (no dates): for those a UNIQUE partial btree
 * says the same — one published open-ended mapping per code — at the cost of
 * a plain index (0.9 s per 100,000 rows). The exclusion constraint stays for
 * mappings with dates, which are few. The one case neither catches, an open
 * period beside a bounded one of the same code, is the writer's to refuse
 * (PERIOD_OVERLAP), as it refuses every overlap first.
 */
export class MappingPeriods1764330000000 implements MigrationInterface {
  name = 'MappingPeriods1764330000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE mapping DROP CONSTRAINT mapping_one_per_code_and_date`);
    await db.query(
      `CREATE UNIQUE INDEX mapping_one_open_period ON mapping (system_code, local_code_key)
       WHERE status = 'PUBLISHED' AND valid_from IS NULL AND valid_to IS NULL`,
    );
    await db.query(
      `ALTER TABLE mapping ADD CONSTRAINT mapping_bounded_periods EXCLUDE USING gist (
         (system_code || ' ' || local_code_key) WITH =, daterange(valid_from, valid_to, '[)') WITH &&
       ) WHERE (status = 'PUBLISHED' AND (valid_from IS NOT NULL OR valid_to IS NOT NULL))`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE mapping DROP CONSTRAINT mapping_bounded_periods`);
    await db.query(`DROP INDEX mapping_one_open_period`);
    await db.query(
      `ALTER TABLE mapping ADD CONSTRAINT mapping_one_per_code_and_date EXCLUDE USING gist (
         (system_code || ' ' || local_code_key) WITH =, daterange(valid_from, valid_to, '[)') WITH &&
       ) WHERE (status = 'PUBLISHED')`,
    );
  }
}
