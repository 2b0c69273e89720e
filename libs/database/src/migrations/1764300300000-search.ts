import { MigrationInterface, QueryRunner } from 'typeorm';

/** The documents' refresh as this migration made it (SearchRanking1764340000000 replaces it, and restores it on the way down). */
export const SEARCH_DOCUMENT_REFRESH_V1 = `
      CREATE FUNCTION search_document_refresh(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO search_document AS d (concept_id, code, domain_code, status, pref_label, pref_norm, labels_en, alt_labels,
          hidden_labels, acronyms, acronyms_norm, legacy_labels, legacy_codes, legacy_codes_norm, systems, definition,
          v_pref, v_code, v_alt, v_hidden, v_legacy, v_legacy_code, v_definition, v_label, v_all)
        SELECT c.id, c.code, c.domain_code, c.status,
          c.pref_label->>'fr', search_normalize(c.pref_label->>'fr'),
          ARRAY(SELECT v FROM jsonb_each_text(c.pref_label) AS p(k, v) WHERE k <> 'fr'),
          ARRAY(SELECT jsonb_array_elements_text(a.v) FROM jsonb_each(c.alt_labels) AS a(k, v) WHERE jsonb_typeof(a.v) = 'array'),
          c.hidden_labels, c.acronyms,
          ARRAY(SELECT search_normalize(x) FROM unnest(c.acronyms) AS x),
          coalesce(m.labels, '{}'), coalesce(m.codes, '{}'),
          ARRAY(SELECT search_normalize(btrim(x)) FROM unnest(coalesce(m.local_codes, '{}')) AS x),
          coalesce(m.systems, '{}'),
          coalesce(c.definition->>'fr', ''),
          v.pref, v.code, v.alt, v.hidden, v.legacy, v.legacy_code, v.definition,
          setweight(v.pref, 'A') || setweight(v.code, 'A') || setweight(v.alt, 'B') || setweight(v.hidden, 'B')
            || setweight(v.legacy, 'C') || setweight(v.legacy_code, 'C') || setweight(v.words, 'D'),
          setweight(v.pref, 'A') || setweight(v.code, 'A') || setweight(v.alt, 'B') || setweight(v.hidden, 'B')
            || setweight(v.legacy, 'C') || setweight(v.legacy_code, 'C') || setweight(v.definition, 'D')
        -- joined to unnest rather than "= ANY(ids)", which compares every row with every id
        FROM unnest(ids) AS wanted(id)
        JOIN concept c ON c.id = wanted.id
        LEFT JOIN LATERAL (
          SELECT array_agg(mp.local_label ORDER BY mp.system_code, mp.local_code) FILTER (WHERE mp.local_label IS NOT NULL) AS labels,
                 array_agg(mp.system_code || ' ' || mp.local_code ORDER BY mp.system_code, mp.local_code) AS codes,
                 array_agg(mp.local_code ORDER BY mp.system_code, mp.local_code) AS local_codes,
                 array_agg(DISTINCT mp.system_code) AS systems
          FROM mapping mp WHERE mp.concept_id = c.id AND mp.status = 'PUBLISHED'
        ) m ON true
        CROSS JOIN LATERAL (
          SELECT
            to_tsvector('lexique_fr', array_to_string(ARRAY(SELECT v FROM jsonb_each_text(c.pref_label) AS p(k, v)), ' ')) AS pref,
            to_tsvector('lexique_code', replace(c.code, '-', ' ') || ' ' || array_to_string(c.acronyms, ' ')) AS code,
            to_tsvector('lexique_fr', array_to_string(ARRAY(
              SELECT jsonb_array_elements_text(a.v) FROM jsonb_each(c.alt_labels) AS a(k, v) WHERE jsonb_typeof(a.v) = 'array'), ' ')) AS alt,
            to_tsvector('lexique_fr', array_to_string(c.hidden_labels, ' ')) AS hidden,
            to_tsvector('lexique_fr', array_to_string(coalesce(m.labels, '{}'), ' ')) AS legacy,
            to_tsvector('lexique_code', array_to_string(coalesce(m.local_codes, '{}'), ' ')) AS legacy_code,
            to_tsvector('lexique_fr', coalesce(c.definition->>'fr', '')) AS definition,
            -- label words unstemmed, for the word being typed: "dispositi" is a prefix of
            -- "disposition" but not of its stem "disposit"
            to_tsvector('lexique_code', concat_ws(' ', array_to_string(ARRAY(SELECT v FROM jsonb_each_text(c.pref_label) AS p(k, v)), ' '),
              array_to_string(ARRAY(SELECT jsonb_array_elements_text(a.v) FROM jsonb_each(c.alt_labels) AS a(k, v)
                WHERE jsonb_typeof(a.v) = 'array'), ' '),
              array_to_string(c.hidden_labels, ' '))) AS words
        ) v
        ON CONFLICT (concept_id) DO UPDATE SET
          code = excluded.code, domain_code = excluded.domain_code, status = excluded.status,
          pref_label = excluded.pref_label, pref_norm = excluded.pref_norm, labels_en = excluded.labels_en,
          alt_labels = excluded.alt_labels, hidden_labels = excluded.hidden_labels, acronyms = excluded.acronyms, acronyms_norm = excluded.acronyms_norm,
          legacy_labels = excluded.legacy_labels, legacy_codes = excluded.legacy_codes,
          legacy_codes_norm = excluded.legacy_codes_norm, systems = excluded.systems, definition = excluded.definition,
          v_pref = excluded.v_pref, v_code = excluded.v_code, v_alt = excluded.v_alt, v_hidden = excluded.v_hidden,
          v_legacy = excluded.v_legacy, v_legacy_code = excluded.v_legacy_code, v_definition = excluded.v_definition,
          v_label = excluded.v_label, v_all = excluded.v_all;

        -- Words only ever join the lexicon: a stale word costs a useless variant, never a wrong hit.
        INSERT INTO search_lexicon (word)
        SELECT DISTINCT w FROM unnest(ids) AS wanted(id)
          JOIN search_document d ON d.concept_id = wanted.id,
          LATERAL regexp_split_to_table(search_normalize(concat_ws(' ', d.pref_label, array_to_string(d.labels_en, ' '),
            array_to_string(d.alt_labels, ' '), array_to_string(d.hidden_labels, ' '), array_to_string(d.legacy_labels, ' '),
            d.definition)), '[^a-z0-9]+') AS w
        WHERE length(w) >= 3
        ON CONFLICT (word) DO NOTHING;
      END $$`;

/**
 * The PostgreSQL search engine's projection: one `search_document` per
 * concept, kept by triggers on `concept` and `mapping` in the writing
 * transaction, so that seeders, stewardship and imports need no search code
 * and a search sees a write as soon as it commits. `search_lexicon` holds the
 * words of the documents for typo correction; `search_checkpoint` is where an
 * external index (Meilisearch) records how far it followed the change log.
 */
export class Search1764300300000 implements MigrationInterface {
  name = 'Search1764300300000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await db.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);

    // French stemming after accent folding. No stop-word file: the engine drops
    // French stop words from queries itself, and an external PostgreSQL may lack the file.
    await db.query(`CREATE TEXT SEARCH DICTIONARY lexique_fr_stem (TEMPLATE = snowball, Language = french)`);
    await db.query(`CREATE TEXT SEARCH CONFIGURATION lexique_fr (COPY = simple)`);
    await db.query(`
      ALTER TEXT SEARCH CONFIGURATION lexique_fr
      ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part WITH unaccent, lexique_fr_stem`);
    await db.query(`CREATE TEXT SEARCH CONFIGURATION lexique_code (COPY = simple)`);
    await db.query(`
      ALTER TEXT SEARCH CONFIGURATION lexique_code
      ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part, numword, numhword, hword_numpart WITH unaccent, simple`);

    await db.query(`
      CREATE FUNCTION search_normalize(value text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT lower(public.unaccent('public.unaccent'::regdictionary, coalesce(value, '')))
      $$`);

    await db.query(`
      CREATE TABLE search_document (
        concept_id     uuid PRIMARY KEY REFERENCES concept (id) ON DELETE CASCADE,
        code           text NOT NULL,
        domain_code    text NOT NULL,
        status         text NOT NULL,
        pref_label     text NOT NULL,
        pref_norm      text NOT NULL,
        labels_en      text[] NOT NULL,
        alt_labels     text[] NOT NULL,
        hidden_labels  text[] NOT NULL,
        acronyms       text[] NOT NULL,
        acronyms_norm  text[] NOT NULL,
        legacy_labels  text[] NOT NULL,
        legacy_codes   text[] NOT NULL,
        legacy_codes_norm text[] NOT NULL,
        systems        text[] NOT NULL,
        definition     text NOT NULL,
        v_pref         tsvector NOT NULL,
        v_code         tsvector NOT NULL,
        v_alt          tsvector NOT NULL,
        v_hidden       tsvector NOT NULL,
        v_legacy       tsvector NOT NULL,
        v_legacy_code  tsvector NOT NULL,
        v_definition   tsvector NOT NULL,
        -- labels and codes, without definitions: small enough to stay in the row, so matching
        -- the word being typed and ranking a broad result never read the large vectors
        v_label        tsvector NOT NULL,
        v_all          tsvector NOT NULL
      )`);
    await db.query(`CREATE INDEX search_document_all_idx ON search_document USING gin (v_all)`);
    await db.query(`CREATE INDEX search_document_label_idx ON search_document USING gin (v_label)`);
    // kept in the row (compressed if need be) rather than moved out to TOAST: every broad search reads it
    await db.query(`ALTER TABLE search_document ALTER COLUMN v_label SET STORAGE MAIN`);
    await db.query(`CREATE INDEX search_document_legacy_codes_idx ON search_document USING gin (legacy_codes_norm)`);
    await db.query(`CREATE INDEX search_document_code_idx ON search_document (lower(code))`);

    await db.query(`CREATE TABLE search_lexicon (word text PRIMARY KEY)`);
    await db.query(`CREATE INDEX search_lexicon_trgm_idx ON search_lexicon USING gin (word gin_trgm_ops)`);

    await db.query(`
      CREATE TABLE search_checkpoint (
        index_name text PRIMARY KEY,
        txid       xid8 NOT NULL,
        seq        bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    // Rebuilds the documents of the given concepts from the tables. Mappings
    // count only once published; UNMAPPED ones have no concept.
    await db.query(SEARCH_DOCUMENT_REFRESH_V1);

    // Statement-level triggers with transition tables: one refresh per statement, however many rows.
    await db.query(`
      CREATE FUNCTION search_concept_written() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM search_document_refresh(ARRAY(SELECT id FROM written));
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER search_concept_inserted AFTER INSERT ON concept REFERENCING NEW TABLE AS written
      FOR EACH STATEMENT EXECUTE FUNCTION search_concept_written()`);
    await db.query(`
      CREATE TRIGGER search_concept_updated AFTER UPDATE ON concept REFERENCING NEW TABLE AS written
      FOR EACH STATEMENT EXECUTE FUNCTION search_concept_written()`);
    await db.query(`
      CREATE FUNCTION search_mapping_written() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM search_document_refresh(ARRAY(SELECT DISTINCT concept_id FROM written WHERE concept_id IS NOT NULL));
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE FUNCTION search_mapping_updated() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM search_document_refresh(ARRAY(
          SELECT concept_id FROM written WHERE concept_id IS NOT NULL
          UNION SELECT concept_id FROM previous WHERE concept_id IS NOT NULL));
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER search_mapping_inserted AFTER INSERT ON mapping REFERENCING NEW TABLE AS written
      FOR EACH STATEMENT EXECUTE FUNCTION search_mapping_written()`);
    await db.query(`
      CREATE TRIGGER search_mapping_deleted AFTER DELETE ON mapping REFERENCING OLD TABLE AS written
      FOR EACH STATEMENT EXECUTE FUNCTION search_mapping_written()`);
    await db.query(`
      CREATE TRIGGER search_mapping_updated AFTER UPDATE ON mapping REFERENCING NEW TABLE AS written OLD TABLE AS previous
      FOR EACH STATEMENT EXECUTE FUNCTION search_mapping_updated()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER search_mapping_updated ON mapping`);
    await db.query(`DROP TRIGGER search_mapping_deleted ON mapping`);
    await db.query(`DROP TRIGGER search_mapping_inserted ON mapping`);
    await db.query(`DROP TRIGGER search_concept_updated ON concept`);
    await db.query(`DROP TRIGGER search_concept_inserted ON concept`);
    await db.query(`DROP FUNCTION search_mapping_updated()`);
    await db.query(`DROP FUNCTION search_mapping_written()`);
    await db.query(`DROP FUNCTION search_concept_written()`);
    await db.query(`DROP FUNCTION search_document_refresh(uuid[])`);
    await db.query(`DROP TABLE search_checkpoint`);
    await db.query(`DROP TABLE search_lexicon`);
    await db.query(`DROP TABLE search_document`);
    await db.query(`DROP FUNCTION search_normalize(text)`);
    await db.query(`DROP TEXT SEARCH CONFIGURATION lexique_code`);
    await db.query(`DROP TEXT SEARCH CONFIGURATION lexique_fr`);
    await db.query(`DROP TEXT SEARCH DICTIONARY lexique_fr_stem`);
  }
}
