import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Statements touching more concepts than this leave their search documents
 * to the refresher instead of rebuilding them inside the writing transaction.
 */
export const SEARCH_REFRESH_IN_STATEMENT_LIMIT = 1000;

/**
 * Search documents follow large writes instead of holding them up.
 *
 * Rebuilding a concept's search document costs about as much as writing the
 * concept (its vectors, keys and lexicon words), and the triggers rebuilt
 * them inside the writing statement: a 100,000-concept import spent most of
 * its time there, holding its locks, and a 1,000,000-mapping import rebuilt
 * every mapped concept. Now a statement marks the concepts it touched in
 * `search_document_stale`; one touching few of them (an edit, a small file)
 * still refreshes them at once and unmarks them, so that an editor's next
 * search sees the edit; a larger one leaves them to the API's refresher
 * (and to the Meilisearch indexer, which refreshes what it is about to read).
 *
 * A mark is taken with a row lock, in concept-id order, before any refresh,
 * and a refresher locks the marks it takes the same way before it reads the
 * concepts: a refresher can never write back a document read before a write
 * that is still running, because that write holds the mark until it commits.
 */
export class SearchFollowsWrites1764350000000 implements MigrationInterface {
  name = 'SearchFollowsWrites1764350000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE search_document_stale (
      concept_id uuid PRIMARY KEY,
      marked_at timestamptz NOT NULL DEFAULT now()
    )`);
    await db.query(`
      CREATE FUNCTION search_document_follow(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        wanted uuid[] := ARRAY(SELECT DISTINCT id FROM unnest(ids) AS x(id) WHERE id IS NOT NULL ORDER BY id);
        -- a session may lower the limit (the tests do, to make a small statement a large one)
        in_statement int := coalesce(nullif(current_setting('lexique.search_refresh_in_statement_limit', true), '')::int,
          ${SEARCH_REFRESH_IN_STATEMENT_LIMIT});
      BEGIN
        IF cardinality(wanted) = 0 THEN RETURN; END IF;
        INSERT INTO search_document_stale AS s (concept_id)
          SELECT id FROM unnest(wanted) AS x(id) ORDER BY id
          ON CONFLICT (concept_id) DO UPDATE SET marked_at = now();
        IF cardinality(wanted) <= in_statement THEN
          PERFORM search_document_refresh(wanted);
          DELETE FROM search_document_stale WHERE concept_id = ANY(wanted);
        ELSE
          PERFORM pg_notify('search_document_stale', '');
        END IF;
      END $$`);
    await this.triggersCall(db, 'search_document_follow');
  }

  async down(db: QueryRunner): Promise<void> {
    await this.triggersCall(db, 'search_document_refresh');
    await db.query(`SELECT search_document_refresh(ARRAY(SELECT concept_id FROM search_document_stale))`);
    await db.query(`DROP FUNCTION search_document_follow(uuid[])`);
    await db.query(`DROP TABLE search_document_stale`);
  }

  /** The statement-level triggers of concept and mapping, as Search1764300300000 made them, calling `fn`. */
  private async triggersCall(db: QueryRunner, fn: string): Promise<void> {
    await db.query(`
      CREATE OR REPLACE FUNCTION search_concept_written() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM ${fn}(ARRAY(SELECT id FROM written));
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE OR REPLACE FUNCTION search_mapping_written() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM ${fn}(ARRAY(SELECT DISTINCT concept_id FROM written WHERE concept_id IS NOT NULL));
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE OR REPLACE FUNCTION search_mapping_updated() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM ${fn}(ARRAY(
          SELECT concept_id FROM written WHERE concept_id IS NOT NULL
          UNION SELECT concept_id FROM previous WHERE concept_id IS NOT NULL));
        RETURN NULL;
      END $$`);
  }
}
