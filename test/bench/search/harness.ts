/**
 * Measures search latency through HTTP, as agents' browsers call it: one
 * GraphQL request per keystroke-sized query, at several concurrency levels.
 */
export interface SearchBenchOptions {
  concurrency: number[];
  requestsPerScenario: number;
  warmup: number;
}

export interface ScenarioResult {
  kind: string;
  concurrency: number;
  requests: number;
  errors: number;
  /** Share of requests that found at least one concept. */
  found: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  requestsPerSecond: number;
}

export interface SearchBenchResult {
  scenarios: ScenarioResult[];
  /** Resident memory of the API process after the run, from its /metrics. */
  apiMemoryMb: number | null;
}

const SEARCH = `query Search($q: String!) {
  search(query: $q, first: 20) {
    total tookMs
    hits { score matchedOn highlight concept { code prefLabel status } }
    facets { domains { value count } statuses { value count } systems { value count } }
  }
}`;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function searchOnce(baseUrl: string, q: string): Promise<{ ms: number; ok: boolean; found: boolean }> {
  const started = process.hrtime.bigint();
  try {
    const response = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: SEARCH, variables: { q } }),
    });
    const body = (await response.json()) as { data?: { search: { total: number } }; errors?: unknown[] };
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    return { ms, ok: response.ok && !body.errors, found: (body.data?.search.total ?? 0) > 0 };
  } catch {
    return { ms: Number(process.hrtime.bigint() - started) / 1e6, ok: false, found: false };
  }
}

async function scenario(baseUrl: string, kind: string, queries: string[], concurrency: number, requests: number): Promise<ScenarioResult> {
  const latencies: number[] = [];
  let errors = 0;
  let found = 0;
  let next = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests) {
        const q = queries[next++ % queries.length];
        const result = await searchOnce(baseUrl, q);
        latencies.push(result.ms);
        if (!result.ok) errors += 1;
        if (result.found) found += 1;
      }
    }),
  );
  const seconds = (Date.now() - started) / 1000;
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    kind,
    concurrency,
    requests: latencies.length,
    errors,
    found: found / latencies.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? 0,
    requestsPerSecond: latencies.length / seconds,
  };
}

async function apiMemoryMb(baseUrl: string): Promise<number | null> {
  try {
    const text = await (await fetch(`${baseUrl}/metrics`)).text();
    const match = /^lexique_process_resident_memory_bytes (\d+(?:\.\d+)?(?:e\+\d+)?)$/m.exec(text);
    return match ? Number(match[1]) / 1024 / 1024 : null;
  } catch {
    return null;
  }
}

export async function runSearchBench(
  baseUrl: string,
  queries: Record<string, string[]>,
  options: SearchBenchOptions,
): Promise<SearchBenchResult> {
  const all = Object.values(queries).flat();
  for (let i = 0; i < options.warmup; i++) await searchOnce(baseUrl, all[i % all.length]);
  const scenarios: ScenarioResult[] = [];
  for (const concurrency of options.concurrency) {
    for (const [kind, list] of Object.entries(queries)) {
      scenarios.push(await scenario(baseUrl, kind, list, concurrency, options.requestsPerScenario));
    }
  }
  return { scenarios, apiMemoryMb: await apiMemoryMb(baseUrl) };
}

export function formatSearchBench(result: SearchBenchResult): string {
  const ms = (value: number) => value.toFixed(1).padStart(7);
  return [
    `${'queries'.padEnd(10)} ${'clients'.padStart(7)} ${'requests'.padStart(8)} ${'errors'.padStart(6)} ${'found'.padStart(6)} ${'p50 ms'.padStart(7)} ${'p95 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'max ms'.padStart(7)} ${'req/s'.padStart(7)}`,
    ...result.scenarios.map(
      (s) =>
        `${s.kind.padEnd(10)} ${String(s.concurrency).padStart(7)} ${String(s.requests).padStart(8)} ${String(s.errors).padStart(6)} ${(s.found * 100).toFixed(0).padStart(5)}% ${ms(s.p50)} ${ms(s.p95)} ${ms(s.p99)} ${ms(s.max)} ${s.requestsPerSecond.toFixed(0).padStart(7)}`,
    ),
    `API resident memory after the run: ${result.apiMemoryMb === null ? 'unknown' : `${result.apiMemoryMb.toFixed(0)} MB`}`,
  ].join('\n');
}
