import { Pool } from 'pg';
import { Role } from '@lexique/core';
import { bearer } from '../../support/auth';
import { BenchHttpClient } from './http-client';
import { BenchInputs } from './inputs';
import { expectAnswer, Operation } from './load';
import type { EngineName } from './search-workloads';

/**
 * What the bench asks, and the floor of each request: the same work done
 * directly with `pg` (or, for single lookups, the same server answering
 * `{ __typename }`). Inputs are picked from the generated data set's own
 * formulas, so that every code asked exists.
 */
export interface Workload {
  name: string;
  /** Share of the scenario's request count this workload sends (large batches send fewer). */
  weight: number;
  /** Single lookups are held against the empty query's rate, batches against the `pg` floor's latency. */
  kind: 'ceiling' | 'single' | 'search' | 'batch' | 'feed';
  /** For searches, the engine the API was configured with. */
  engine?: EngineName;
  api: Operation;
  /** The same work done directly with `pg`. */
  pg: Operation | null;
}

async function graphql(client: BenchHttpClient, headers: Record<string, string>, query: string, variables?: Record<string, unknown>) {
  const response = await client.postJson('/graphql', { query, variables }, headers);
  const body = response.body as { data?: Record<string, any> | null; errors?: unknown[] };
  if (response.status !== 200 || body.errors || !body.data)
    throw new Error(`HTTP ${response.status}: ${JSON.stringify(body.errors?.[0] ?? body).slice(0, 300)}`);
  return { ok: true, data: body.data };
}

const CONCEPT = `query($code: String!) { concept(code: $code) { id code status prefLabel en: prefLabel(lang: "en") definition } }`;
const TRANSLATE = `query($s: String!, $c: String!) { translate(system: $s, code: $c) { found relation concept { code } current { code prefLabel } } }`;
const BATCH = `query($s: String!, $c: [String!]!) { translateBatch(system: $s, codes: $c) { code found relation current { code } } }`;
const CROSSWALK = `query($f: String!, $c: String!, $t: String!) { crosswalk(from: $f, code: $c, to: $t) { source { found } targets { localCode relation } } }`;
const CHANGES = `query($after: String) { changes(after: $after, first: 100) { edges { cursor node { sequence action key } } pageInfo { endCursor hasNextPage } } }`;

// The translation statement's own work, without the API: the valid published
// mappings of the keys and their concepts, whole rows (no replacement chain followed).
// Validity is tested with plain comparisons, as the API does: a daterange test
// against CURRENT_DATE draws the planner to the slower GiST index and would
// flatter the API's ratio.
const TRANSLATE_SQL = `SELECT m.*, c.*
  FROM mapping m JOIN concept c ON c.id = m.concept_id
  WHERE m.system_code = $1 AND m.local_code_key = ANY($2::text[]) AND m.status = 'PUBLISHED'
    AND (m.valid_from IS NULL OR m.valid_from <= CURRENT_DATE) AND (m.valid_to IS NULL OR m.valid_to > CURRENT_DATE)`;

export interface WorkloadContext {
  client: BenchHttpClient;
  pool: Pool;
  inputs: BenchInputs;
  /** The search scenarios (see search-workloads), placed after the lookups by code. */
  searches: Workload[];
}

export async function workloads({ client, pool, inputs, searches }: WorkloadContext): Promise<Workload[]> {
  const reader = await bearer({ name: 'bench-reader', roles: [Role.READER] });
  const integrator = await bearer({ name: 'bench-integrator', roles: [Role.INTEGRATOR] });
  const { systems } = inputs;
  const conceptCode = (i: number) => inputs.concepts[i % inputs.concepts.length];
  const mappingAt = inputs.mapping;
  const pg = async (sql: string, params: unknown[]) => (await pool.query(sql, params)).rowCount !== null;
  let cursor: string | null = null;
  let feedAfter: [string, string] | null = null;
  return [
    {
      name: 'empty query { __typename }',
      weight: 1,
      kind: 'ceiling',
      api: async () => (await graphql(client, reader, '{ __typename }')).ok,
      pg: null,
    },
    {
      name: 'concept by code',
      kind: 'single',
      weight: 1,
      api: async (i) => {
        const code = conceptCode(i * 7919);
        const r = await graphql(client, reader, CONCEPT, { code });
        return expectAnswer(r.data.concept?.code === code, `concept ${code}`, r.data);
      },
      pg: (i) => pg(`SELECT * FROM concept WHERE code = $1`, [conceptCode(i * 7919)]),
    },
    ...searches,
    {
      name: 'translate',
      kind: 'single',
      weight: 1,
      api: async (i) => {
        const { system, code } = mappingAt(i);
        const r = await graphql(client, reader, TRANSLATE, { s: system, c: code });
        return expectAnswer(r.data.translate.found === true, `translate ${system}/${code}`, r.data);
      },
      pg: (i) => {
        const { system, code } = mappingAt(i);
        return pg(TRANSLATE_SQL, [system, [code]]);
      },
    },
    ...(inputs.batch ? [1000, 10_000] : []).map((size): Workload => ({
      name: `translateBatch ${size.toLocaleString('en')} codes`,
      kind: 'batch',
      weight: size === 1000 ? 0.1 : 0.02,
      api: async (i) => {
        const { system, codes } = inputs.batch!(size, i);
        const r = await graphql(client, reader, BATCH, { s: system, c: codes });
        return expectAnswer(r.data.translateBatch.length === codes.length, `translateBatch of ${codes.length} codes of ${system}`, {
          answers: r.data.translateBatch.length,
        });
      },
      pg: (i) => {
        const { system, codes } = inputs.batch!(size, i);
        return pg(TRANSLATE_SQL, [system, codes]);
      },
    })),
    {
      name: 'crosswalk',
      kind: 'single',
      weight: 1,
      api: async (i) => {
        const { system, code } = mappingAt(i);
        const to = systems[(systems.indexOf(system) + 1 + (i % (systems.length - 1))) % systems.length];
        const r = await graphql(client, reader, CROSSWALK, { f: system, c: code, t: to });
        return expectAnswer(r.data.crosswalk.source.found === true, `crosswalk ${system}/${code} to ${to}`, r.data);
      },
      pg: (i) => {
        const { system, code } = mappingAt(i);
        const to = systems[(systems.indexOf(system) + 1 + (i % (systems.length - 1))) % systems.length];
        return pg(
          `SELECT t.local_code, t.relation FROM mapping s JOIN mapping t ON t.concept_id = s.concept_id AND t.system_code = $3
             WHERE s.system_code = $1 AND s.local_code_key = $2 AND t.status = 'PUBLISHED'`,
          [system, code, to],
        );
      },
    },
    {
      name: 'changes (pages of 100)',
      kind: 'feed',
      weight: 0.25,
      // each request reads the page after the last one read, from the start again once caught up
      api: async () => {
        const r = await graphql(client, integrator, CHANGES, { after: cursor });
        const page = r.data.changes;
        const after = cursor;
        cursor = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
        return expectAnswer(page.edges.length > 0 || cursor === null, `changes after ${after}`, page.pageInfo);
      },
      pg: async () => {
        // the reader's own statement (ChangeLogReader.readAfter), bounded by the oldest running transaction
        const { rows } = await pool.query<{ txid: string; seq: string }>(
          `SELECT seq::text, txid::text, at, principal, entity_type, entity_id, entity_key, domain_code, action, before, after, reason
           FROM change
           WHERE txid < pg_snapshot_xmin(pg_current_snapshot())
             AND ($1::xid8 IS NULL OR (txid, seq) > ($1::xid8, $2::bigint))
           ORDER BY change.txid, change.seq LIMIT 100`,
          feedAfter ?? [null, null],
        );
        feedAfter = rows.length === 100 ? [rows[99].txid, rows[99].seq] : null;
        return true;
      },
    },
  ];
}
