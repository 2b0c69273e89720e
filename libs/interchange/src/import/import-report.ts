import { SourcePosition } from '../records';

export interface ImportProblem extends SourcePosition {
  /** The column, property or field at fault, e.g. `prefLabel@fr`, `skos:broader`, `object_id`. */
  field: string;
  message: string;
}

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface ImportReport {
  fileName: string;
  format: string;
  dryRun: boolean;
  /** True when the changes were written: no problem and not a dry run. */
  applied: boolean;
  rows: number;
  domains: ImportCounts;
  concepts: ImportCounts;
  systems: ImportCounts;
  mappings: ImportCounts;
  /** New concepts that arrive IN_REVIEW instead of PUBLISHED because the importer may not publish in their domain. */
  sentToReview: number;
  problems: ImportProblem[];
  /** Every problem found; `problems` lists the first MAX_LISTED_PROBLEMS of them. */
  problemCount: number;
}

export const MAX_LISTED_PROBLEMS = 10_000;

export const noCounts = (): ImportCounts => ({ created: 0, updated: 0, unchanged: 0 });

/** One line per problem, as the CLI prints them: `line 12, prefLabel@fr: …`. */
export function describeProblem(problem: ImportProblem): string {
  const where = problem.line !== undefined ? `line ${problem.line}` : (problem.subject ?? 'file');
  return `${where}, ${problem.field}: ${problem.message}`;
}

export function describeCounts(report: ImportReport): string {
  const parts: string[] = [];
  for (const [name, counts] of [
    ['domains', report.domains],
    ['concepts', report.concepts],
    ['systems', report.systems],
    ['mappings', report.mappings],
  ] as const) {
    if (counts.created + counts.updated + counts.unchanged === 0) continue;
    parts.push(`${name}: ${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged`);
  }
  return parts.join('; ') || 'nothing to import';
}
