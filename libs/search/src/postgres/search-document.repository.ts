import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Gql } from '@lexique/core';
import { FIELD_RANK, MATCH_BOUND, OTHER_LANGUAGE_RANK, SHORTLIST, SPREAD_RANK, WordMatch } from '../ranking';
import { StatusScope } from '../search-engine';
import { SearchTerms } from './search-terms';

/** A search as the statement takes it. */
export interface DocumentQuery {
  terms: SearchTerms;
  /** The whole query as a key, compared with whole labels and codes. */
  key: string;
  scope: StatusScope;
  domains?: string[];
  systems?: string[];
  limit: number;
  offset: number;
}

export interface DocumentHit {
  concept_id: string;
  code: string;
  pref_label: string;
  labels_en: string[];
  alt_labels: string[];
  acronyms: string[];
  legacy_labels: string[];
  legacy_codes: string[];
  definition: string;
  /** The field the whole query equals ('OTHER_LANGUAGE': a preferred label in English). */
  equal_field: Gql.MatchField | 'OTHER_LANGUAGE' | null;
  equal_rank: number | null;
  word_match: WordMatch;
  /** The best field holding every word, or (`SPREAD_…`) when none does, the best holding one. */
  field: Gql.MatchField | `SPREAD_${Gql.MatchField}`;
  field_rank: number;
  in_order: boolean;
  deprecated: boolean;
  size: number;
}

export interface FacetRow {
  facet: 'domains' | 'statuses' | 'systems';
  value: string;
  count: number;
}

export interface DocumentResult {
  /** Matches read (at most MATCH_BOUND + 1). */
  matched: number;
  /** Beyond the bound: the matches in the labels a sample of the table lets expect in the whole of it. */
  estimate: number | null;
  hits: DocumentHit[];
  facets: FacetRow[];
}

// The rough rank of a candidate, from in-row fields: the words as typed in the preferred label,
// in the labels, by stem in the labels; a short preferred label.
const SIZE = `array_length(string_to_array(d.pref_key, ' '), 1)`;
const ROUGH = `d.v_pref @@ q.as_typed AS pref_typed, d.v_label @@ q.as_typed AS label_typed, d.v_label @@ q.stemmed AS label_stemmed,
    ${SIZE} AS size, d.code`;

/** The share of the table's pages whose matches stand for a result beyond the bound (0.5 %: about 500 of 100,000 concepts). */
const ESTIMATE_SAMPLE_PERCENT = 0.5;

/** A field's rank (ranking.ts), for a column holding a field's name ('OTHER_LANGUAGE': a preferred label in English). */
const rankOf = (column: string) =>
  `CASE ${column} ${Object.entries({ ...FIELD_RANK, OTHER_LANGUAGE: OTHER_LANGUAGE_RANK })
    .map(([field, rank]) => `WHEN '${field}' THEN ${rank}`)
    .join(' ')} END`;

// Drafts only in the domains the caller may see them in ($8 null: all); the filters asked for.
const VISIBLE = `(d.status = ANY($6::text[]) OR (d.status = ANY($7::text[]) AND ($8::text[] IS NULL OR d.domain_code = ANY($8::text[]))))
    AND ($9::text[] IS NULL OR d.domain_code = ANY($9::text[])) AND ($10::text[] IS NULL OR d.systems && $10::text[])`;

/**
 * The PostgreSQL engine's one statement, in named stages over
 * `search_document` (kept by triggers, see the search migrations):
 *
 * - query: the words as typed (the singular label word, the code word, the
 *   last one also as the start of a word), by French stem, or through a typo,
 *   as tsqueries built by immutable functions of the parameters (see
 *   search-terms.ts). In the documents' vectors, weight A marks label words as
 *   written, B codes, acronyms and local codes, D French stems.
 * - match: every word somewhere, or the whole query as a label or code; in
 *   the small in-row label vector first, in the rest only while the bound is
 *   not reached; at most MATCH_BOUND + 1 read.
 * - shortlist: the matches, and for a broader result what the indexes find
 *   directly (the whole query as a key, preferred labels starting with it),
 *   ranked roughly from in-row fields; the best SHORTLIST go on.
 * - score: the ranks of ranking.ts, field by field, then the page.
 * - facets: domains, statuses and systems of the matches read; beyond the
 *   bound, the total estimated from the labels of a sample of the table.
 *
 * Every value is a bound parameter; the text never changes.
 */
export const SEARCH_SQL = `
-- query: as typed, by stem, with typos; the words in order; any word (see search-terms.ts)
WITH q AS MATERIALIZED (
  SELECT search_query($1::text[], NULL) AS as_typed, search_query($1, $2) AS stemmed, search_query($3, $4) AS fuzzy,
    search_phrase($3, $4) AS in_order, search_any_word($3, $4) AS any_word
),
-- match: in the labels (the small in-row vector) first, in the rest (legacy labels and codes,
-- definitions: the large vector) only while the bound is not reached; the query without weights
-- (the index answers it exactly) and written out here, not taken from q, so that the planner sees
-- it and estimates the matches
labelled AS MATERIALIZED (
  SELECT d.concept_id, d.domain_code, d.status, d.systems, ${ROUGH}
  FROM search_document d, q
  WHERE (d.v_label @@ search_query($13, $14) OR d.keys @> ARRAY[$5]) AND ${VISIBLE}
  LIMIT ${MATCH_BOUND + 1}
),
matched AS MATERIALIZED (
  SELECT * FROM labelled
  UNION ALL
  -- not in the labels: nothing of the rough rank holds
  (SELECT d.concept_id, d.domain_code, d.status, d.systems, false, false, false, ${SIZE}, d.code
   FROM search_document d
   WHERE (SELECT count(*) FROM labelled) <= ${MATCH_BOUND}
     AND d.v_all @@ search_query($13, $14) AND NOT d.v_label @@ search_query($13, $14) AND NOT d.keys @> ARRAY[$5] AND ${VISIBLE}
   LIMIT ${MATCH_BOUND + 1} - (SELECT count(*) FROM labelled))
),
broad AS MATERIALIZED (SELECT count(*) > ${MATCH_BOUND} AS yes FROM matched),
-- shortlist: the matches read, the whole query as a label or code (from the index, whatever the
-- bound), and beyond the bound the preferred labels starting with the query, in the index's order
-- (keys are [a-z0-9 ], all below '{'); the best by a rough rank of in-row fields
candidates AS (
  SELECT concept_id, false AS equal, pref_typed, label_typed, label_stemmed, size, code FROM matched
  UNION ALL
  SELECT d.concept_id, true, ${ROUGH} FROM search_document d, q WHERE d.keys @> ARRAY[$5::text] AND ${VISIBLE}
  UNION ALL
  (SELECT d.concept_id, false, ${ROUGH} FROM search_document d, q, broad
   WHERE broad.yes AND d.pref_key ~>=~ $5 AND d.pref_key ~<~ ($5 || '{') AND ${VISIBLE}
   ORDER BY d.pref_key USING ~<~ LIMIT ${MATCH_BOUND})
),
shortlisted AS (
  SELECT concept_id, bool_or(equal) AS equal FROM candidates GROUP BY concept_id
  ORDER BY bool_or(equal) DESC, bool_or(pref_typed) DESC, bool_or(label_typed) DESC, bool_or(label_stemmed) DESC, min(size), min(code)
  LIMIT greatest(${SHORTLIST}, $11::int + $12::int)
),
-- score: how the words matched (the in-row labels first, the definition only when they do not tell)
worded AS MATERIALIZED (
  SELECT s.concept_id, s.equal, CASE
      WHEN d.v_label @@ q.as_typed OR d.v_all @@ q.as_typed THEN ${WordMatch.TYPED}
      WHEN d.v_label @@ q.stemmed OR d.v_all @@ q.stemmed THEN ${WordMatch.STEM}
      ELSE ${WordMatch.TYPO} END AS word_match
  FROM shortlisted s JOIN search_document d USING (concept_id), q
),
-- the field the whole query equals, if any; the best field holding every word as they matched
-- (when none does, the best holding one); the words in order; the preferred label's length
scored AS MATERIALIZED (
  SELECT d.concept_id, d.code, d.pref_label, d.labels_en, d.alt_labels, d.acronyms, d.legacy_labels, d.legacy_codes, d.definition,
    w.word_match, d.status = 'DEPRECATED' AS deprecated, coalesce(d.v_label @@ q.in_order, true) AS in_order,
    ${SIZE} AS size,
    CASE WHEN w.equal THEN CASE
      WHEN d.pref_key = $5 THEN 'PREF_LABEL'
      WHEN $5 = ANY(search_keys(ARRAY[d.code])) THEN 'CODE'
      WHEN $5 = ANY(search_keys(d.acronyms)) THEN 'ACRONYM'
      WHEN $5 = ANY(search_keys(d.alt_labels)) THEN 'ALT_LABEL'
      WHEN $5 = ANY(search_keys(d.labels_en)) THEN 'OTHER_LANGUAGE'
      WHEN $5 = ANY(search_keys(d.hidden_labels)) THEN 'HIDDEN_LABEL'
      WHEN $5 = ANY(search_keys(d.legacy_labels)) THEN 'LEGACY_LABEL'
      ELSE 'LEGACY_CODE' END END AS equal_field,
    coalesce(CASE
        WHEN d.v_pref @@ l.words THEN 'PREF_LABEL'
        WHEN setweight(to_tsvector('lexique_code', replace(d.code, '-', ' ')), 'B') @@ l.words THEN 'CODE'
        WHEN d.v_code @@ l.words THEN 'ACRONYM'
        WHEN d.v_alt @@ l.words THEN 'ALT_LABEL'
        WHEN d.v_hidden @@ l.words THEN 'HIDDEN_LABEL'
        WHEN d.v_legacy @@ l.words THEN 'LEGACY_LABEL'
        WHEN d.v_legacy_code @@ l.words THEN 'LEGACY_CODE'
        WHEN d.v_definition @@ l.words THEN 'DEFINITION' END,
      CASE WHEN d.v_pref @@ q.any_word THEN 'SPREAD_PREF_LABEL' WHEN d.v_alt @@ q.any_word THEN 'SPREAD_ALT_LABEL'
        WHEN d.v_legacy @@ q.any_word THEN 'SPREAD_LEGACY_LABEL' ELSE 'SPREAD_DEFINITION' END) AS field
  FROM worded w JOIN search_document d USING (concept_id), q,
    LATERAL (SELECT CASE w.word_match WHEN ${WordMatch.TYPED} THEN q.as_typed WHEN ${WordMatch.STEM} THEN q.stemmed ELSE q.fuzzy END AS words) l
),
page AS (
  SELECT *, ${rankOf('equal_field')} AS equal_rank, coalesce(${rankOf('field')}, ${SPREAD_RANK}) AS field_rank FROM scored
  ORDER BY equal_rank NULLS LAST, word_match, in_order DESC, field_rank, deprecated, size, code
  LIMIT $11 OFFSET $12
),
-- facets
facets AS (
  SELECT 'domains' AS facet, domain_code AS value, count(*)::int AS count FROM matched GROUP BY domain_code
  UNION ALL SELECT 'statuses', status, count(*)::int FROM matched GROUP BY status
  -- concepts share few distinct system lists: count those first, then spread them
  UNION ALL SELECT 'systems', s, sum(n)::int FROM (SELECT systems, count(*) AS n FROM matched GROUP BY systems) AS g, unnest(g.systems) AS s
  GROUP BY s
)
SELECT json_build_object(
  'matched', (SELECT count(*) FROM matched),
  -- beyond the bound: the matches in the labels of a sample of the table's pages (the same pages every
  -- time; the labels only, as the other vectors are out of the row), scaled to the table
  'estimate', (SELECT round(count(*) * 100 / ${ESTIMATE_SAMPLE_PERCENT}) FROM search_document d TABLESAMPLE SYSTEM (${ESTIMATE_SAMPLE_PERCENT}) REPEATABLE (0), broad
               WHERE broad.yes AND d.v_label @@ search_query($13, $14) AND ${VISIBLE}),
  'hits', coalesce((SELECT json_agg(p) FROM page p), '[]'),
  'facets', coalesce((SELECT json_agg(f) FROM facets f), '[]')
) AS result`;

/** The PostgreSQL engine's SQL: its one statement (SEARCH_SQL), and the lexicon it takes typos from. */
@Injectable()
export class SearchDocumentRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Lexicon words close enough to each word to be a typo of it (to be checked precisely by the caller). */
  async typoCandidates(words: string[]): Promise<{ word: string; candidate: string }[]> {
    if (words.length === 0) return [];
    return this.dataSource.query(
      `SELECT q.word, l.word AS candidate
       FROM unnest($1::text[]) AS q(word)
       JOIN search_lexicon l ON l.word % q.word AND l.word <> q.word AND abs(length(l.word) - length(q.word)) <= 2`,
      [words],
    );
  }

  async search(query: DocumentQuery): Promise<DocumentResult> {
    const { scope, terms } = query;
    const [row]: { result: DocumentResult }[] = await this.dataSource.query(SEARCH_SQL, [
      terms.typed,
      terms.stems,
      terms.fuzzyWritten,
      terms.fuzzyStems,
      query.key,
      scope.publicStatuses,
      scope.unpublishedStatuses,
      scope.unpublishedDomains === 'all' ? null : scope.unpublishedDomains,
      query.domains ?? null,
      query.systems ?? null,
      query.limit,
      query.offset,
      terms.matchWritten,
      terms.matchStems,
    ]);
    return row.result;
  }
}
