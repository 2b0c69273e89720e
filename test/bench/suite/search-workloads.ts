import { Pool } from 'pg';
import { Role } from '@lexique/core';
import { meiliRequest, PostgresSearchEngine, SearchDocumentRepository, SearchNeeds, SearchQuery } from '@lexique/search';
import { bearer } from '../../support/auth';
import { BenchHttpClient } from './http-client';
import { expectAnswer } from './load';
import { Workload } from './workload';

export type EngineName = 'postgresql' | 'meilisearch';

/** What agents type: the start of a word, whole words, words with a typo. */
export interface SearchQueries {
  prefixes: string[];
  words: string[];
  typos: string[];
}

/** The search an agent's result list sends: the first twenty, their total; no facets, no highlight. */
export const BENCH_SEARCH = `query($q: String!) { search(query: $q, first: 20) { total engine degraded hits { score concept { code prefLabel status } } } }`;
const NEEDS: SearchNeeds = { total: true, facets: false, matchDetails: false };
const READER_SCOPE = { publicStatuses: ['PUBLISHED', 'DEPRECATED'], unpublishedStatuses: [], unpublishedDomains: [] };
const engineQuery = (text: string): SearchQuery => ({ text, scope: READER_SCOPE, limit: 20, offset: 0, needs: NEEDS });

/** The floor of a search: the engine's own work for the same query, without the API. */
export type SearchFloor = (text: string) => Promise<boolean>;

/** PostgreSQL's: the engine's statement (and lexicon look-up) run with `pg`, as the API runs them. */
export function postgresFloor(pool: Pool): SearchFloor {
  const engine = new PostgresSearchEngine(
    new SearchDocumentRepository({ query: async (sql: string, params: unknown[]) => (await pool.query(sql, params)).rows } as never),
  );
  return async (text) => (await engine.search(engineQuery(text))).hits.length >= 0;
}

/** Meilisearch's: the request the engine sends, sent to Meilisearch directly. */
export function meilisearchFloor(
  meili: { host: string; apiKey: string; index: string },
  maxSockets: number,
): SearchFloor & { close(): void } {
  const client = new BenchHttpClient(meili.host, maxSockets);
  const headers: Record<string, string> = meili.apiKey ? { authorization: `Bearer ${meili.apiKey}` } : {};
  const floor = async (text: string) => {
    const request = meiliRequest(engineQuery(text), meili.index);
    if (!request) return true;
    const response = await client.postJson('/multi-search', { queries: request.queries }, headers);
    if (response.status !== 200) throw new Error(`Meilisearch answered ${response.status}: ${JSON.stringify(response.body).slice(0, 200)}`);
    return true;
  };
  return Object.assign(floor, { close: () => client.close() });
}

const KINDS = ['short prefixes', 'full words', 'typos'] as const;

export function searchScenarioNames(engine: EngineName): string[] {
  return KINDS.map((kind) => `search on ${engine}: ${kind}`);
}

/** The three search scenarios on one engine, through the API at `client` and against the engine's floor. */
export async function searchWorkloads(
  engine: EngineName,
  queries: SearchQueries,
  client: BenchHttpClient,
  floor: SearchFloor,
): Promise<Workload[]> {
  const reader = await bearer({ name: 'bench-reader', roles: [Role.READER] });
  const scenario = (kind: (typeof KINDS)[number], list: string[]): Workload => ({
    name: `search on ${engine}: ${kind}`,
    kind: 'search',
    engine,
    weight: 1,
    api: async (i) => {
      const response = await client.postJson('/graphql', { query: BENCH_SEARCH, variables: { q: list[i % list.length] } }, reader);
      const body = response.body as { data?: { search: { engine: string; degraded: boolean } }; errors?: unknown[] };
      if (response.status !== 200 || body.errors || !body.data)
        throw new Error(`HTTP ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
      // a search answered by PostgreSQL while Meilisearch is measured would flatter it: it counts as an error
      const { engine: answeredBy, degraded } = body.data.search;
      return expectAnswer(answeredBy === engine && !degraded, `search "${list[i % list.length]}"`, { engine: answeredBy, degraded });
    },
    pg: (i) => floor(list[i % list.length]),
  });
  return [scenario('short prefixes', queries.prefixes), scenario('full words', queries.words), scenario('typos', queries.typos)];
}
