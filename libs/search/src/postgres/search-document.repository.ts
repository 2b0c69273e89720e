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
  equal_field: Gql.MatchField | null;
  equal_rank: number | null;
  word_match: WordMatch;
  field: Gql.MatchField;
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
  /** Beyond the bound: the matches the blocks read let expect in the whole table. */
  estimate: number;
  hits: DocumentHit[];
  facets: FacetRow[];
}

const rank = (field: Gql.MatchField) => FIELD_RANK[field];

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
 * - match: every word somewhere, or the whole query as a label or code; at
 *   most MATCH_BOUND + 1 read, in table order.
 * - shortlist: the matches, and for a broader result what the indexes find
 *   directly (the whole query as a key, preferred labels starting with it),
 *   ranked roughly from in-row fields; the best SHORTLIST go on.
 * - score: the ranks of ranking.ts, field by field, then the page.
 * - facets: domains, statuses and systems of the matches read.
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
-- definitions: the large vector) only while the bound is not reached; the query written out here,
-- not taken from q, so that the planner sees it and estimates the matches
labelled AS MATERIALIZED (
  SELECT d.concept_id, d.domain_code, d.status, d.systems, (d.ctid::text::point)[0] AS block
  FROM search_document d
  WHERE (d.v_label @@ search_query($3, $4) OR d.keys @> ARRAY[$5]) AND ${VISIBLE}
  LIMIT ${MATCH_BOUND + 1}
),
matched AS MATERIALIZED (
  SELECT * FROM labelled
  UNION ALL
  (SELECT d.concept_id, d.domain_code, d.status, d.systems, (d.ctid::text::point)[0] AS block
   FROM search_document d
   WHERE (SELECT count(*) FROM labelled) <= ${MATCH_BOUND}
     AND d.v_all @@ search_query($3, $4) AND NOT d.v_label @@ search_query($3, $4) AND NOT d.keys @> ARRAY[$5] AND ${VISIBLE}
   LIMIT ${MATCH_BOUND + 1})
),
broad AS MATERIALIZED (SELECT count(*) > ${MATCH_BOUND} AS yes FROM matched),
-- shortlist
-- the whole query as a label or code, from the index whatever the bound
equal AS (SELECT d.concept_id FROM search_document d WHERE d.keys @> ARRAY[$5::text] AND ${VISIBLE}),
-- beyond the bound, the preferred labels starting with the query, in the index's order
-- (keys are [a-z0-9 ], all below '{')
starting AS (
  SELECT d.concept_id FROM search_document d, broad
  WHERE broad.yes AND d.pref_key ~>=~ $5 AND d.pref_key ~<~ ($5 || '{') AND ${VISIBLE}
  ORDER BY d.pref_key USING ~<~ LIMIT ${MATCH_BOUND}
),
shortlisted AS (
  SELECT d.concept_id, c.concept_id IN (SELECT concept_id FROM equal) AS equal
  FROM (SELECT concept_id FROM matched UNION SELECT concept_id FROM equal UNION SELECT concept_id FROM starting) c
  JOIN search_document d USING (concept_id), q
  ORDER BY equal DESC, d.v_pref @@ q.as_typed DESC, d.v_label @@ q.as_typed DESC, d.v_label @@ q.stemmed DESC, length(d.v_pref), d.code
  LIMIT greatest(${SHORTLIST}, $11::int + $12::int)
),
-- score
scored AS (
  SELECT d.concept_id, d.code, d.pref_label, d.labels_en, d.alt_labels, d.acronyms, d.legacy_labels, d.legacy_codes, d.definition,
    e.field AS equal_field, e.rank AS equal_rank, m.word_match, f.field, f.rank AS field_rank,
    coalesce(d.v_label @@ q.in_order, true) AS in_order, d.status = 'DEPRECATED' AS deprecated, length(f.vector) AS size
  FROM shortlisted s JOIN search_document d USING (concept_id) CROSS JOIN q
  -- the field the whole query equals, if any
  LEFT JOIN LATERAL (SELECT * FROM (VALUES
      ('PREF_LABEL', ${rank(Gql.MatchField.PREF_LABEL)}, d.pref_key = $5),
      ('CODE', ${rank(Gql.MatchField.CODE)}, $5 = ANY(search_keys(ARRAY[d.code]))),
      ('ACRONYM', ${rank(Gql.MatchField.ACRONYM)}, $5 = ANY(search_keys(d.acronyms))),
      ('ALT_LABEL', ${rank(Gql.MatchField.ALT_LABEL)}, $5 = ANY(search_keys(d.alt_labels))),
      ('PREF_LABEL', ${OTHER_LANGUAGE_RANK}, $5 = ANY(search_keys(d.labels_en))),
      ('HIDDEN_LABEL', ${rank(Gql.MatchField.HIDDEN_LABEL)}, $5 = ANY(search_keys(d.hidden_labels))),
      ('LEGACY_LABEL', ${rank(Gql.MatchField.LEGACY_LABEL)}, $5 = ANY(search_keys(d.legacy_labels))),
      ('LEGACY_CODE', ${rank(Gql.MatchField.LEGACY_CODE)}, true)
    ) AS e(field, rank, holds) WHERE s.equal AND e.holds LIMIT 1) e ON true
  -- how the words matched (the in-row labels first, the definition only when they do not tell)
  CROSS JOIN LATERAL (SELECT CASE
    WHEN d.v_label @@ q.as_typed OR d.v_all @@ q.as_typed THEN ${WordMatch.TYPED}
    WHEN d.v_label @@ q.stemmed OR d.v_all @@ q.stemmed THEN ${WordMatch.STEM}
    ELSE ${WordMatch.TYPO} END AS word_match) m
  CROSS JOIN LATERAL (SELECT CASE m.word_match WHEN ${WordMatch.TYPED} THEN q.as_typed WHEN ${WordMatch.STEM} THEN q.stemmed
    ELSE q.fuzzy END AS words) w
  -- the best field holding every word (when none does, the best holding one), with its vector
  CROSS JOIN LATERAL (SELECT * FROM (VALUES
      ('PREF_LABEL', ${rank(Gql.MatchField.PREF_LABEL)}, d.v_pref, d.v_pref @@ w.words),
      ('CODE', ${rank(Gql.MatchField.CODE)}, d.v_code, search_code_vector(ARRAY[replace(d.code, '-', ' ')]) @@ w.words),
      ('ACRONYM', ${rank(Gql.MatchField.ACRONYM)}, d.v_code, d.v_code @@ w.words),
      ('ALT_LABEL', ${rank(Gql.MatchField.ALT_LABEL)}, d.v_alt, d.v_alt @@ w.words),
      ('HIDDEN_LABEL', ${rank(Gql.MatchField.HIDDEN_LABEL)}, d.v_hidden, d.v_hidden @@ w.words),
      ('LEGACY_LABEL', ${rank(Gql.MatchField.LEGACY_LABEL)}, d.v_legacy, d.v_legacy @@ w.words),
      ('LEGACY_CODE', ${rank(Gql.MatchField.LEGACY_CODE)}, d.v_legacy_code, d.v_legacy_code @@ w.words),
      ('DEFINITION', ${rank(Gql.MatchField.DEFINITION)}, d.v_definition, d.v_definition @@ w.words),
      ('PREF_LABEL', ${SPREAD_RANK}, d.v_pref, d.v_pref @@ q.any_word),
      ('ALT_LABEL', ${SPREAD_RANK}, d.v_alt, d.v_alt @@ q.any_word),
      ('LEGACY_LABEL', ${SPREAD_RANK}, d.v_legacy, d.v_legacy @@ q.any_word),
      ('DEFINITION', ${SPREAD_RANK}, d.v_definition, true)
    ) AS f(field, rank, vector, holds) WHERE f.holds LIMIT 1) f
),
page AS (
  SELECT * FROM scored
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
  -- beyond the bound: the matches' density over the table's blocks read (rows come in block order), for the whole table
  'estimate', (SELECT round(count(*) * (pg_relation_size('search_document') / current_setting('block_size')::numeric) / (max(block) + 1))
               FROM matched),
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
    ]);
    return row.result;
  }
}
