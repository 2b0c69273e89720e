import { MigrationInterface, QueryRunner } from 'typeorm';
import { SEARCH_DOCUMENT_REFRESH_V1 } from './1764300300000-search';

/** French stop words, folded, as query-text.ts drops them from queries. */
const STOP_WORDS =
  '\\m(a|au|aux|avec|ce|ces|d|dans|de|des|du|elle|en|et|eux|il|je|l|la|le|les|leur|lui|m|ma|mais|me|meme|mes|moi|mon|ne|nos|notre|nous|' +
  'on|ou|par|pas|pour|qu|que|qui|s|sa|se|ses|son|sur|t|ta|te|tes|toi|ton|tu|un|une|vos|votre|vous|y)\\M';

/**
 * The search projection for the ranking rules agents rely on (see the
 * PostgreSQL engine in libs/search):
 *
 * - `keys`: every label and code of a concept as a key (folded words, plural
 *   `s`/`x` dropped, single spaces), so that a query equal to a whole label
 *   (preferred, alternative, hidden, legacy) or code ranks first and is found
 *   by the index; `pref_key` is the preferred label's, for "labels starting
 *   with what is typed".
 * - field vectors hold each word twice: as written (folded, singular, stop
 *   words left out) with weight A, and as its French stem with weight D; codes,
 *   acronyms and local codes as written, weight B. A word typed as such or as
 *   the start of a word then ranks before one that only shares a stem
 *   ("gradi" starts "Gradignan"; its stem is that of "Grade").
 * - `search_query` and its kin build a search's tsqueries from its words
 *   with immutable functions of the parameters, so that the planner sees the
 *   query and estimates how many documents match.
 */
export class SearchRanking1764340000000 implements MigrationInterface {
  name = 'SearchRanking1764340000000';

  async up(db: QueryRunner): Promise<void> {
    // Words folded as the engine folds a query (query-text.ts): letters and digits, a plural s or x dropped.
    await db.query(`
      CREATE FUNCTION search_singular(value text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT btrim(regexp_replace(regexp_replace(search_normalize(value), '[^a-z0-9]+', ' ', 'g'), '\\m([a-z0-9]{3,})[sx]\\M', '\\1', 'g'))
      $$`);
    await db.query(`
      CREATE FUNCTION search_keys(vals text[]) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT coalesce(array_agg(DISTINCT k), '{}') FROM unnest(vals) AS v, search_singular(v) AS k WHERE k <> ''
      $$`);
    await db.query(`CREATE AGGREGATE search_all(tsquery) (SFUNC = tsquery_and, STYPE = tsquery)`);
    await db.query(`CREATE AGGREGATE search_any(tsquery) (SFUNC = tsquery_or, STYPE = tsquery)`);
    await db.query(`CREATE AGGREGATE search_concat(tsvector) (SFUNC = tsvector_concat, STYPE = tsvector, INITCOND = '')`);
    // A query from its words: each word's alternatives as written ('simple') and as French
    // words to stem ('' for none), all words required. Immutable and built from parameters
    // only, so that the planner evaluates it and estimates how many documents match.
    await db.query(`
      CREATE FUNCTION search_query(written text[], stems text[]) RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT search_all(CASE WHEN coalesce(s, '') = '' THEN to_tsquery('simple', w) ELSE to_tsquery('simple', w) || to_tsquery('lexique_fr', s) END
          ORDER BY i)
        FROM unnest(written, stems) WITH ORDINALITY AS x(w, s, i)
      $$`);
    // The same words, any one of them.
    await db.query(`
      CREATE FUNCTION search_any_word(written text[], stems text[]) RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT search_any(search_query(ARRAY[w], ARRAY[s])) FROM unnest(written, stems) AS x(w, s)
      $$`);
    // The same words, each right before the next (none for one word).
    await db.query(`
      CREATE FUNCTION search_phrase(written text[], stems text[]) RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT search_all(tsquery_phrase(search_query(ARRAY[a.w], ARRAY[a.s]), search_query(ARRAY[b.w], ARRAY[b.s])))
        FROM unnest(written, stems) WITH ORDINALITY AS a(w, s, i) JOIN unnest(written, stems) WITH ORDINALITY AS b(w, s, i) ON b.i = a.i + 1
      $$`);
    // A field's labels, each as its words as written (A, French stop words left out, so that
    // "Congé de maladie" holds "congé maladie" next to each other) and as their French stems (D).
    // Each part ends with a lexeme no query can hold, two positions on, so that words of two
    // labels or parts are never next to each other.
    await db.query(`
      CREATE FUNCTION search_field_vector(texts text[]) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT search_concat(
            setweight(to_tsvector('simple', search_singular(regexp_replace(search_normalize(t), '${STOP_WORDS}', ' ', 'g'))), 'A') || $v$'search gap':2$v$
            || setweight(to_tsvector('lexique_fr', t), 'D') || $v$'search gap':2$v$ ORDER BY i)
        FROM unnest(texts) WITH ORDINALITY AS x(t, i)
      $$`);
    // Codes, acronyms and local codes: exact words only (B), no stem, no plural.
    await db.query(`
      CREATE FUNCTION search_code_vector(texts text[]) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT search_concat(setweight(to_tsvector('lexique_code', t), 'B') || $v$'search gap':2$v$ ORDER BY i)
        FROM unnest(texts) WITH ORDINALITY AS x(t, i)
      $$`);

    await db.query(`DROP INDEX search_document_pref_norm_idx`);
    await db.query(`DROP INDEX search_document_acronyms_idx`);
    await db.query(`DROP INDEX search_document_legacy_codes_idx`);
    await db.query(`DROP INDEX search_document_code_idx`);
    await db.query(`ALTER TABLE search_document DROP COLUMN pref_norm, DROP COLUMN acronyms_norm, DROP COLUMN legacy_codes_norm`);
    await db.query(
      `ALTER TABLE search_document ADD COLUMN pref_key text NOT NULL DEFAULT '', ADD COLUMN keys text[] NOT NULL DEFAULT '{}'`,
    );
    await db.query(`ALTER TABLE search_document ALTER COLUMN pref_key DROP DEFAULT, ALTER COLUMN keys DROP DEFAULT`);
    await db.query(`CREATE INDEX search_document_keys_idx ON search_document USING gin (keys)`);
    // text_pattern_ops serves both equality and LIKE 'prefix%' whatever the collation
    await db.query(`CREATE INDEX search_document_pref_key_idx ON search_document (pref_key text_pattern_ops)`);

    await db.query(`
      CREATE OR REPLACE FUNCTION search_document_refresh(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO search_document AS d (concept_id, code, domain_code, status, pref_label, labels_en, alt_labels, hidden_labels,
          acronyms, legacy_labels, legacy_codes, systems, definition, v_pref, v_code, v_alt, v_hidden, v_legacy, v_legacy_code,
          v_definition, v_label, v_all, pref_key, keys)
        SELECT c.id, c.code, c.domain_code, c.status,
          c.pref_label->>'fr', l.labels_en, l.alt, c.hidden_labels, c.acronyms,
          coalesce(m.labels, '{}'), coalesce(m.codes, '{}'), coalesce(m.systems, '{}'),
          coalesce(c.definition->>'fr', ''),
          v.pref, v.code, v.alt, v.hidden, v.legacy, v.legacy_code, v.definition,
          -- the concept's own labels and codes, small enough to stay in the row
          v.pref || v.code || v.alt || v.hidden,
          v.pref || v.code || v.alt || v.hidden || v.legacy || v.legacy_code || v.definition,
          search_singular(c.pref_label->>'fr'),
          search_keys(ARRAY[c.pref_label->>'fr', c.code] || l.labels_en || l.alt || c.hidden_labels || c.acronyms
            || coalesce(m.labels, '{}') || coalesce(m.local_codes, '{}'))
        -- joined to unnest rather than "= ANY(ids)", which compares every row with every id
        FROM unnest(ids) AS wanted(id)
        JOIN concept c ON c.id = wanted.id
        CROSS JOIN LATERAL (
          SELECT ARRAY(SELECT v FROM jsonb_each_text(c.pref_label) AS p(k, v) WHERE k <> 'fr') AS labels_en,
                 ARRAY(SELECT jsonb_array_elements_text(a.v) FROM jsonb_each(c.alt_labels) AS a(k, v) WHERE jsonb_typeof(a.v) = 'array') AS alt
        ) l
        -- Mappings count only once published; UNMAPPED ones have no concept.
        LEFT JOIN LATERAL (
          SELECT array_agg(mp.local_label ORDER BY mp.system_code, mp.local_code) FILTER (WHERE mp.local_label IS NOT NULL) AS labels,
                 array_agg(mp.system_code || ' ' || mp.local_code ORDER BY mp.system_code, mp.local_code) AS codes,
                 array_agg(mp.local_code ORDER BY mp.system_code, mp.local_code) AS local_codes,
                 array_agg(DISTINCT mp.system_code) AS systems
          FROM mapping mp WHERE mp.concept_id = c.id AND mp.status = 'PUBLISHED'
        ) m ON true
        CROSS JOIN LATERAL (
          SELECT search_field_vector(c.pref_label->>'fr' || l.labels_en) AS pref,
                 search_code_vector(replace(c.code, '-', ' ') || c.acronyms) AS code,
                 search_field_vector(l.alt) AS alt,
                 search_field_vector(c.hidden_labels) AS hidden,
                 search_field_vector(coalesce(m.labels, '{}')) AS legacy,
                 search_code_vector(coalesce(m.local_codes, '{}')) AS legacy_code,
                 search_field_vector(ARRAY[coalesce(c.definition->>'fr', '')]) AS definition
        ) v
        ON CONFLICT (concept_id) DO UPDATE SET
          code = excluded.code, domain_code = excluded.domain_code, status = excluded.status,
          pref_label = excluded.pref_label, labels_en = excluded.labels_en, alt_labels = excluded.alt_labels,
          hidden_labels = excluded.hidden_labels, acronyms = excluded.acronyms, legacy_labels = excluded.legacy_labels,
          legacy_codes = excluded.legacy_codes, systems = excluded.systems, definition = excluded.definition,
          v_pref = excluded.v_pref, v_code = excluded.v_code, v_alt = excluded.v_alt, v_hidden = excluded.v_hidden,
          v_legacy = excluded.v_legacy, v_legacy_code = excluded.v_legacy_code, v_definition = excluded.v_definition,
          v_label = excluded.v_label, v_all = excluded.v_all, pref_key = excluded.pref_key, keys = excluded.keys;

        -- Words only ever join the lexicon: a stale word costs a useless variant, never a wrong hit.
        INSERT INTO search_lexicon (word)
        SELECT DISTINCT w FROM unnest(ids) AS wanted(id)
          JOIN search_document d ON d.concept_id = wanted.id,
          LATERAL regexp_split_to_table(search_normalize(concat_ws(' ', d.pref_label, array_to_string(d.labels_en, ' '),
            array_to_string(d.alt_labels, ' '), array_to_string(d.hidden_labels, ' '), array_to_string(d.legacy_labels, ' '),
            d.definition)), '[^a-z0-9]+') AS w
        WHERE length(w) >= 3
        ON CONFLICT (word) DO NOTHING;
      END $$`);
    await db.query(`SELECT search_document_refresh(ARRAY(SELECT id FROM concept))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP FUNCTION search_document_refresh(uuid[])`);
    await db.query(SEARCH_DOCUMENT_REFRESH_V1);
    await db.query(`DROP INDEX search_document_pref_key_idx`);
    await db.query(`DROP INDEX search_document_keys_idx`);
    await db.query(`ALTER TABLE search_document DROP COLUMN pref_key, DROP COLUMN keys`);
    await db.query(`ALTER TABLE search_document ADD COLUMN pref_norm text NOT NULL DEFAULT '', ADD COLUMN acronyms_norm text[] NOT NULL DEFAULT '{}',
      ADD COLUMN legacy_codes_norm text[] NOT NULL DEFAULT '{}'`);
    await db.query(`CREATE INDEX search_document_legacy_codes_idx ON search_document USING gin (legacy_codes_norm)`);
    await db.query(`CREATE INDEX search_document_code_idx ON search_document (lower(code))`);
    await db.query(`CREATE INDEX search_document_pref_norm_idx ON search_document (pref_norm text_pattern_ops)`);
    await db.query(`CREATE INDEX search_document_acronyms_idx ON search_document USING gin (acronyms_norm)`);
    await db.query(`SELECT search_document_refresh(ARRAY(SELECT id FROM concept))`);
    await db.query(`DROP FUNCTION search_code_vector(text[])`);
    await db.query(`DROP FUNCTION search_field_vector(text[])`);
    await db.query(`DROP FUNCTION search_any_word(text[], text[])`);
    await db.query(`DROP FUNCTION search_phrase(text[], text[])`);
    await db.query(`DROP FUNCTION search_query(text[], text[])`);
    await db.query(`DROP AGGREGATE search_concat(tsvector)`);
    await db.query(`DROP AGGREGATE search_any(tsquery)`);
    await db.query(`DROP AGGREGATE search_all(tsquery)`);
    await db.query(`DROP FUNCTION search_keys(text[])`);
    await db.query(`DROP FUNCTION search_singular(text)`);
  }
}
