import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { StatusScope } from '../search-engine';

/** The tsquery texts of one search (words are ASCII letters and digits only, see query-text). */
export interface SearchTsQueries {
  /** Label words as typed (stemmed by the French configuration), last one a prefix. */
  strict: string;
  /** The same with the lexicon words one or two typos away as alternatives. */
  fuzzy: string;
  /** Code and acronym words, not stemmed, no typos. */
  code: string;
  /** Any one word, for concepts no single field answers as a whole. */
  anyLabel: string;
  anyCode: string;
  /**
   * Per word, each required somewhere in the document: the word and its typo
   * variants anywhere, or as a code; the word being typed also as a prefix of
   * a label or code word.
   */
  perWord: { full: string; code: string; prefix: string | null; typos: string | null }[];
  /** The whole query folded, compared with codes, acronyms, local codes and preferred labels. */
  whole: string;
  wordCount: number;
}

export interface SearchFilters {
  domains?: string[];
  systems?: string[];
  scope: StatusScope;
}

export interface ScoredRow {
  concept_id: string;
  score: number;
  matched_on: string;
  code: string;
  pref_label: string;
  labels_en: string[];
  alt_labels: string[];
  acronyms: string[];
  legacy_labels: string[];
  legacy_codes: string[];
  definition: string;
}

export interface SearchRows {
  total: number;
  /** True when the result was too broad to count: `total` is then an estimate and the facets a scaled sample. */
  totalIsEstimate: boolean;
  hits: ScoredRow[];
  facets: FacetRow[];
}

/** Matches read exactly, counted and faceted; a broader result is estimated. */
export const MATCH_BOUND = 1000;
/** A LIKE pattern for texts starting with `text`; a constant, so the planner can use the index. */
export function likePrefix(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`) + '%';
}

/** Candidates scored field by field. */
const SHORTLIST = 200;

export interface MatchEstimate {
  matches: number;
  inLabels: number;
  documents: number;
}

/**
 * Above this share of the documents, the matches in the labels are dense
 * enough for reading the table in order to reach the bound sooner than the
 * index (measured on 100,000 concepts: about 4 µs a row read in order, 1.5 µs a
 * match from the index).
 */
const DENSE_SHARE = 0.15;

/** Whether the bound's worth of matches is best read through the index, whatever the planner thinks. */
export function sparseBeyondBound(estimate: MatchEstimate): boolean {
  return estimate.inLabels > MATCH_BOUND && estimate.inLabels < DENSE_SHARE * estimate.documents;
}

export interface FacetRow {
  facet: 'domains' | 'statuses' | 'systems';
  value: string;
  count: number;
}

// Field weights, in the ranking order of DESIGN.md. A typo costs less than a
// field rank would be worth when the field is exact, so an exact alternative
// label beats a mistyped preferred label only when the typo is real. On a tie,
// the field listed first wins.
//
// The fields kept in the row come first, and any of their matches outscores
// the others: legacy labels and codes and the definition, mostly moved out to
// TOAST, are read only when nothing in the row matches. Plain expressions
// rather than a list of alternatives, which would cost more to plan than to run.
const IN_ROW_FIELDS: [string, string][] = [
  ['code', `CASE WHEN lower(d.code) = q.whole THEN 12 WHEN d.v_code @@ q.code AND lower(d.code) LIKE q.whole_prefix THEN 8.8 END`],
  ['acronym', `CASE WHEN q.whole = ANY(d.acronyms_norm) THEN 11 WHEN d.v_code @@ q.code THEN 8.6 END`],
  [
    'pref',
    `CASE WHEN d.pref_norm = q.whole THEN 12
       WHEN d.v_pref @@ q.strict THEN 10 + q.words::float8 / greatest(length(d.v_pref), q.words)
       WHEN d.v_pref @@ q.fuzzy THEN 8.9 + q.words::float8 / greatest(length(d.v_pref), q.words) END`,
  ],
  ['legacy_code', `CASE WHEN d.legacy_codes_norm @> ARRAY[q.whole] THEN 10.5 END`],
  [
    'alt',
    `CASE WHEN d.v_alt @@ q.strict THEN 8 + q.words::float8 / greatest(length(d.v_alt), q.words)
       WHEN d.v_alt @@ q.fuzzy THEN 7 + q.words::float8 / greatest(length(d.v_alt), q.words) END`,
  ],
  ['hidden', `CASE WHEN d.v_hidden @@ q.strict THEN 7.5 WHEN d.v_hidden @@ q.fuzzy THEN 6.5 END`],
];
const OUT_OF_ROW_FIELDS: [string, string][] = [
  ['legacy_code', `CASE WHEN d.v_legacy_code @@ q.code THEN 5.5 END`],
  ['legacy', `CASE WHEN d.v_legacy @@ q.strict THEN 6.5 WHEN d.v_legacy @@ q.fuzzy THEN 5.8 END`],
  ['definition', `CASE WHEN d.v_definition @@ q.strict THEN 3 WHEN d.v_definition @@ q.fuzzy THEN 2.5 END`],
  ['pref_any', `CASE WHEN d.v_pref @@ q.any_word THEN 1.5 END`],
  ['alt_any', `CASE WHEN d.v_alt @@ q.any_word THEN 1.3 END`],
  ['legacy_any', `CASE WHEN d.v_legacy @@ q.any_word THEN 1.1 END`],
];
const FIELD_OF: [string, string][] = [
  ['r.code', 'CODE'],
  ['r.acronym', 'ACRONYM'],
  ['r.pref', 'PREF_LABEL'],
  ['r.legacy_code', 'LEGACY_CODE'],
  ['r.alt', 'ALT_LABEL'],
  ['r.hidden', 'HIDDEN_LABEL'],
  ['o.legacy_code', 'LEGACY_CODE'],
  ['o.legacy', 'LEGACY_LABEL'],
  ['o.definition', 'DEFINITION'],
  ['o.pref_any', 'PREF_LABEL'],
  ['o.alt_any', 'ALT_LABEL'],
  ['o.legacy_any', 'LEGACY_LABEL'],
];
const columns = (fields: [string, string][]) => fields.map(([name, sql]) => `(${sql})::float8 AS ${name}`).join(',\n      ');
// OFFSET 0 keeps each list a subquery, so that every field is computed once per row
const SCORE_SQL = `
  CROSS JOIN LATERAL (SELECT ${columns(IN_ROW_FIELDS)} OFFSET 0) r
  CROSS JOIN LATERAL (SELECT greatest(${IN_ROW_FIELDS.map(([name]) => `r.${name}`).join(', ')}) AS score OFFSET 0) in_row
  LEFT JOIN LATERAL (SELECT ${columns(OUT_OF_ROW_FIELDS)} WHERE in_row.score IS NULL OFFSET 0) o ON true
  CROSS JOIN LATERAL (
    SELECT coalesce(in_row.score, greatest(${OUT_OF_ROW_FIELDS.map(([name]) => `o.${name}`).join(', ')}, 1)) AS score OFFSET 0) scored
  CROSS JOIN LATERAL (
    SELECT scored.score, CASE scored.score ${FIELD_OF.map(([column, field]) => `WHEN ${column} THEN '${field}'`).join(' ')} ELSE 'DEFINITION' END AS field
  ) best`;

/**
 * The SQL of the PostgreSQL engine over `search_document` (kept by triggers,
 * see the search migration). Every value is a bound parameter; the only text
 * assembled here is the number of per-word conditions.
 */
@Injectable()
export class SearchDocumentRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Lexicon words close enough to each query word to be a typo of it (checked precisely by the caller). */
  async typoCandidates(words: string[]): Promise<{ word: string; candidate: string }[]> {
    if (words.length === 0) return [];
    return this.dataSource.query(
      `SELECT q.word, l.word AS candidate
       FROM unnest($1::text[]) AS q(word)
       JOIN search_lexicon l ON l.word % q.word AND l.word <> q.word AND abs(length(l.word) - length(q.word)) <= 2`,
      [words],
    );
  }

  async search(queries: SearchTsQueries, filters: SearchFilters, limit: number, offset: number): Promise<SearchRows> {
    const params: unknown[] = [];
    const bind = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    // The matching condition binds its parameters first, so that they alone can estimate a broad result.
    const whole = bind(queries.whole);
    const labelWords: string[] = [];
    const fullWords: string[] = [];
    let typedInLabels: string | null = null;
    for (const word of queries.perWord) {
      const fullLabel = `to_tsquery('lexique_fr', ${bind(word.full)}) || to_tsquery('lexique_code', ${bind(word.code)})`;
      if (!word.prefix) {
        labelWords.push(`(${fullLabel})`);
        fullWords.push(`(${fullLabel})`);
        continue;
      }
      const prefix = bind(word.prefix);
      const prefixLabel = `to_tsquery('lexique_fr', ${prefix}) || to_tsquery('lexique_code', ${prefix})`;
      // the word as a prefix already matches it whole: only its typos are added, as
      // every redundant alternative is one more posting list to read and to count
      labelWords.push(word.typos ? `(${prefixLabel} || to_tsquery('lexique_fr', ${bind(word.typos)}))` : `(${prefixLabel})`);
      typedInLabels = `d.v_label @@ (${prefixLabel})`;
      fullWords.push(`(${fullLabel})`);
    }
    // Every word whole anywhere, or the one being typed as a prefix in the
    // labels and the others whole anywhere (only the last word is a prefix).
    // Written as two conditions that each index answers exactly, so that no
    // match is checked again against the toasted vector.
    const others = fullWords.slice(0, -1);
    const mixed =
      `d.v_all @@ (${fullWords.join(' && ')})` +
      (typedInLabels ? ` OR (${others.length > 0 ? `d.v_all @@ (${others.join(' && ')}) AND ` : ''}${typedInLabels})` : '');
    // Every word in the labels: one condition on the small in-row vector, which
    // holds the label and code words of v_all, so it selects a subset of the matches
    // without ever reading the toasted vectors.
    const inLabels = `d.v_label @@ (${labelWords.join(' && ')})`;
    const scope = filters.scope;
    const visible = [
      `(d.status = ANY(${bind(scope.publicStatuses)}::text[]) OR (d.status = ANY(${bind(scope.unpublishedStatuses)}::text[])` +
        (scope.unpublishedDomains === 'all' ? '))' : ` AND d.domain_code = ANY(${bind(scope.unpublishedDomains)}::text[])))`),
    ];
    if (filters.domains) visible.push(`d.domain_code = ANY(${bind(filters.domains)}::text[])`);
    if (filters.systems) visible.push(`d.systems && ${bind(filters.systems)}::text[]`);
    const matches = `((${mixed}) OR d.legacy_codes_norm @> ARRAY[${whole}::text] OR lower(d.code) = ${whole})`;
    const where = [matches, ...visible].join(' AND ');
    const estimateParams = [...params];
    const q = `SELECT to_tsquery('lexique_fr', ${bind(queries.strict)}) AS strict, to_tsquery('lexique_fr', ${bind(queries.fuzzy)}) AS fuzzy,
        to_tsquery('lexique_code', ${bind(queries.code)}) AS code,
        to_tsquery('lexique_fr', ${bind(queries.anyLabel)}) || to_tsquery('lexique_code', ${bind(queries.anyCode)}) AS any_word,
        ${whole}::text AS whole, replace(replace(replace(${whole}::text, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%' AS whole_prefix,
        ${bind(queries.wordCount)}::int AS words`;
    // A rough rank, from the in-row fields only, in the order the score ranks
    // them: the whole query as a label or code, the words in a short preferred
    // label, in an alternative or hidden label, and a preferred label starting
    // with the query, the shorter the better.
    const labelPrefix = bind(likePrefix(queries.whole));
    const rough = `CASE WHEN d.pref_norm = ${whole} OR lower(d.code) = ${whole} OR d.acronyms_norm @> ARRAY[${whole}::text]
                     OR d.legacy_codes_norm @> ARRAY[${whole}::text] THEN 10 ELSE 0 END
            + CASE WHEN d.v_pref @@ q.fuzzy THEN 2 + 1.0 / greatest(length(d.v_pref), 1)
                   WHEN d.v_pref @@ q.any_word THEN 1 + 1.0 / greatest(length(d.v_pref), 1)
                   WHEN d.v_alt @@ q.fuzzy THEN 0.8
                   WHEN d.v_alt @@ q.any_word OR d.v_hidden @@ q.any_word THEN 0.5 ELSE 0 END
            + CASE WHEN d.pref_norm LIKE ${labelPrefix} THEN 1 + 1.0 / length(d.pref_norm) ELSE 0 END`;
    // Counting, faceting and roughly ranking every match is what a two-letter
    // prefix makes slow: the matches are read up to a bound, exact below it. A
    // broad result adds what the index finds directly and ranks high: the whole
    // query as a label, code or acronym, and preferred labels starting with it.
    const bound = bind(MATCH_BOUND + 1);
    const shortlist = bind(Math.max(SHORTLIST, offset + limit + 50));
    // Matches in the labels are read first, and the others (a word only in a
    // definition, a legacy code) only while the bound is not reached: a broad
    // search then never reads a toasted vector to decide what matches.
    const sql = `
      WITH q AS MATERIALIZED (${q}),
      labelled AS MATERIALIZED (
        SELECT d.concept_id, d.domain_code, d.status, d.systems, ${rough} AS rough
        FROM search_document d, q WHERE ${[inLabels, ...visible].join(' AND ')} LIMIT ${bound}),
      unlabelled AS MATERIALIZED (
        SELECT d.concept_id, d.domain_code, d.status, d.systems, ${rough} AS rough
        FROM search_document d, q WHERE (SELECT count(*) FROM labelled) < ${bound} AND NOT (${inLabels}) AND ${where}
        LIMIT ${bound}),
      matched AS MATERIALIZED (SELECT * FROM labelled UNION ALL SELECT * FROM unlabelled LIMIT ${bound}),
      broad AS MATERIALIZED (SELECT count(*) > ${MATCH_BOUND} AS yes FROM matched),
      -- what the index finds directly and ranks high, checked against the
      -- labels only: the whole query is in them, or is a code
      direct AS MATERIALIZED (
        (SELECT d.concept_id, ${rough} AS rough FROM search_document d, broad, q
         WHERE broad.yes AND (d.pref_norm = ${whole} OR lower(d.code) = ${whole} OR d.acronyms_norm @> ARRAY[${whole}::text]
           OR d.legacy_codes_norm @> ARRAY[${whole}::text]) AND ${[`(${inLabels} OR ${matches})`, ...visible].join(' AND ')})
        UNION ALL
        -- read in the label index's order (its operator class's, hence ~<~), not through the
        -- large match set, then checked against the query
        (SELECT d.concept_id, ${rough} AS rough FROM (
           SELECT d.* FROM search_document d, broad WHERE broad.yes AND d.pref_norm LIKE ${labelPrefix} ORDER BY d.pref_norm USING ~<~ LIMIT ${bound}
         ) d, q WHERE ${[inLabels, ...visible].join(' AND ')} LIMIT ${shortlist})),
      shortlisted AS (
        SELECT concept_id FROM (SELECT concept_id, rough FROM matched UNION ALL SELECT concept_id, rough FROM direct) c
        GROUP BY concept_id ORDER BY max(rough) DESC LIMIT ${shortlist}),
      page AS (
        SELECT d.concept_id, best.score, best.field AS matched_on, d.code, d.pref_label, d.labels_en, d.alt_labels,
          d.acronyms, d.legacy_labels, d.legacy_codes, d.definition,
          CASE WHEN d.status = 'DEPRECATED' THEN 0.3 ELSE 0 END AS penalty
        FROM shortlisted s JOIN search_document d ON d.concept_id = s.concept_id CROSS JOIN q ${SCORE_SQL}
      )
      SELECT json_build_object(
        'total', (SELECT count(*) FROM matched),
        'hits', coalesce((SELECT json_agg(h) FROM (
            SELECT concept_id, round((score - penalty)::numeric, 4)::float8 AS score, matched_on, code, pref_label, labels_en, alt_labels,
              acronyms, legacy_labels, legacy_codes, definition
            FROM page ORDER BY score - penalty DESC, code LIMIT ${bind(limit)} OFFSET ${bind(offset)}) h), '[]'),
        'facets', coalesce((SELECT json_agg(f) FROM (
            SELECT 'domains' AS facet, domain_code AS value, count(*)::int AS count FROM matched GROUP BY domain_code
            UNION ALL SELECT 'statuses', status, count(*)::int FROM matched GROUP BY status
            -- concepts share few distinct system lists: count those first, then spread them
            UNION ALL SELECT 'systems', s, sum(n)::int FROM (SELECT systems, count(*) AS n FROM matched GROUP BY systems) AS g,
              unnest(g.systems) AS s GROUP BY s) f), '[]')
      ) AS result`;
    const estimated = await this.estimateMatches(
      `SELECT 1 FROM search_document d WHERE ${where}
       UNION ALL SELECT 1 FROM search_document d WHERE ${[inLabels, ...visible].join(' AND ')}
       UNION ALL SELECT 1 FROM search_document d`,
      estimateParams,
    );
    const [row]: { result: { total: number; hits: ScoredRow[]; facets: FacetRow[] } }[] = sparseBeyondBound(estimated)
      ? await this.dataSource.transaction(async (manager) => {
          // Reading a sparse bound's worth of matches in table order would read
          // most of the table, each row's label vector decompressed: the planner,
          // which prices that condition as cheap, must take the index.
          await manager.query(`SET LOCAL enable_seqscan = off`);
          return manager.query(sql, params);
        })
      : await this.dataSource.query(sql, params);
    const { total, hits, facets } = row.result;
    if (total <= MATCH_BOUND) return { total, totalIsEstimate: false, hits, facets };
    // Beyond the bound, the planner's estimate of the matches (never below what
    // was read) stands for the total, and the facets of the matches read are
    // scaled to it: a sample, as the flag says.
    const estimate = Math.max(total, estimated.matches);
    const scale = estimate / total;
    return {
      total: estimate,
      totalIsEstimate: true,
      hits,
      facets: facets.map((facet) => ({ ...facet, count: Math.max(1, Math.round(facet.count * scale)) })),
    };
  }

  /** The planner's estimates of the matches, of those in the labels, and of the documents, in one round trip. */
  private async estimateMatches(sql: string, params: unknown[]): Promise<MatchEstimate> {
    const [row]: { 'QUERY PLAN': { Plan: { Plans: { 'Plan Rows': number }[] } }[] }[] = await this.dataSource.query(
      `EXPLAIN (FORMAT JSON) ${sql}`,
      params,
    );
    const [matches, inLabels, documents] = row['QUERY PLAN'][0].Plan.Plans.map((plan) => Math.round(plan['Plan Rows']));
    return { matches, inLabels, documents };
  }
}
