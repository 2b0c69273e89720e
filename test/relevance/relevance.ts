import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestApp } from '../support/test-app';

export interface LabelledQuery {
  category: string;
  query: string;
  expected: string;
}

export interface CategoryMeasure {
  category: string;
  queries: number;
  recallAt1: number;
  recallAt3: number;
  mrr: number;
}

export interface RelevanceReport {
  engine: string;
  categories: CategoryMeasure[];
  overall: CategoryMeasure;
  misses: { query: LabelledQuery; rank: number | null; top: string[] }[];
}

export function labelledQueries(): LabelledQuery[] {
  const file = path.join(__dirname, 'queries.json');
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { queries: LabelledQuery[] }).queries;
}

function measure(category: string, ranks: (number | null)[]): CategoryMeasure {
  const n = ranks.length;
  const share = (hit: (rank: number) => boolean) => ranks.filter((rank) => rank !== null && hit(rank)).length / n;
  return {
    category,
    queries: n,
    recallAt1: share((rank) => rank === 1),
    recallAt3: share((rank) => rank <= 3),
    mrr: ranks.reduce<number>((sum, rank) => sum + (rank === null ? 0 : 1 / rank), 0) / n,
  };
}

/** Runs every labelled query through the API and measures where the expected concept comes. */
export async function measureRelevance(t: TestApp, queries = labelledQueries()): Promise<RelevanceReport> {
  const ranked: { query: LabelledQuery; rank: number | null; top: string[] }[] = [];
  let engine = '';
  for (const query of queries) {
    const { data, errors } = await t.gql(`query($q: String!) { search(query: $q, first: 10) { engine hits { concept { code } } } }`, {
      q: query.query,
    });
    if (errors) throw new Error(`"${query.query}": ${errors[0].message}`);
    engine = data!.search.engine;
    const codes: string[] = data!.search.hits.map((hit: { concept: { code: string } }) => hit.concept.code);
    const index = codes.indexOf(query.expected);
    ranked.push({ query, rank: index < 0 ? null : index + 1, top: codes.slice(0, 3) });
  }
  const categories = [...new Set(queries.map((q) => q.category))].map((category) =>
    measure(
      category,
      ranked.filter((r) => r.query.category === category).map((r) => r.rank),
    ),
  );
  return {
    engine,
    categories,
    overall: measure(
      'all',
      ranked.map((r) => r.rank),
    ),
    misses: ranked.filter((r) => r.rank !== 1),
  };
}

export function formatRelevance(report: RelevanceReport): string {
  const pct = (value: number) => `${(value * 100).toFixed(1)}%`.padStart(7);
  const line = (m: CategoryMeasure) =>
    `${m.category.padEnd(19)} ${String(m.queries).padStart(7)} ${pct(m.recallAt1)} ${pct(m.recallAt3)} ${m.mrr.toFixed(3).padStart(6)}`;
  return [
    `Relevance on the demo vocabulary (engine: ${report.engine})`,
    `${'category'.padEnd(19)} queries   rec@1   rec@3    MRR`,
    ...report.categories.map(line),
    line(report.overall),
    ...report.misses.map(
      (miss) =>
        `  not first: "${miss.query.query}" → ${miss.query.expected} ranked ${miss.rank ?? 'absent'} (top: ${miss.top.join(', ') || 'none'})`,
    ),
  ].join('\n');
}

/** Both engines side by side, category by category (recall@1, recall@3, MRR). */
export function formatComparison(reports: RelevanceReport[]): string {
  const pct = (value: number) => `${(value * 100).toFixed(1)}%`.padStart(7);
  const header = `${'category'.padEnd(19)} ${'queries'.padStart(7)} ` + reports.map((r) => `| ${r.engine.padEnd(23)}`).join(' ');
  const sub = `${''.padEnd(19)} ${''.padStart(7)} ` + reports.map(() => `|   rec@1   rec@3    MRR`).join(' ');
  const line = (category: string) => {
    const measures = reports.map((r) => (category === 'all' ? r.overall : r.categories.find((c) => c.category === category)!));
    return (
      `${category.padEnd(19)} ${String(measures[0].queries).padStart(7)} ` +
      measures.map((m) => `| ${pct(m.recallAt1)} ${pct(m.recallAt3)} ${m.mrr.toFixed(3).padStart(6)}`).join(' ')
    );
  };
  return [
    'Relevance on the demo vocabulary, both engines',
    header,
    sub,
    ...reports[0].categories.map((c) => line(c.category)),
    line('all'),
  ].join('\n');
}
