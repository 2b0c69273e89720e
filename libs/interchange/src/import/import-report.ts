import { ErrorReason } from '@lexique/core';
import { SourcePosition } from '../records';

export interface ImportProblem extends SourcePosition {
  /** The column, property or field at fault, e.g. `prefLabel.fr`, `skos:broader`, `object_id`. */
  field: string;
  /** Which rule refused the row: the same word the API gives (`extensions.reason`). */
  reason: ErrorReason;
  message: string;
  /** The facts the rule names (the other concept, the version now current…). */
  values?: Record<string, unknown> | null;
}

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  /** Changes of published entries waiting for another person's approval (pending revisions). */
  proposed: number;
}

/** What the import does, or would do, with one row. */
export enum RowOutcome {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  UNCHANGED = 'UNCHANGED',
  PROPOSED = 'PROPOSED',
  REFUSED = 'REFUSED',
}

export interface ImportRow extends SourcePosition {
  entity: 'DOMAIN' | 'CONCEPT' | 'SYSTEM' | 'MAPPING';
  /** A concept or domain code, a system code, SYSTEM/localCode for a mapping. */
  key: string;
  outcome: RowOutcome;
  /** The status the entry has, or would have, after the import. */
  status: string | null;
  /** Why it is refused: the reasons of its problems. */
  reasons: ErrorReason[];
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
  /** New entries that arrive IN_REVIEW: sent to review, or the importer may not publish where the file says PUBLISHED. */
  sentToReview: number;
  problems: ImportProblem[];
  /** Every problem found; `problems` lists the first MAX_LISTED_PROBLEMS of them. */
  problemCount: number;
  /** The outcome of the first MAX_LISTED_ROWS rows, in file order: the preview of a dry run. */
  outcomes: ImportRow[];
}

export const MAX_LISTED_PROBLEMS = 10_000;
export const MAX_LISTED_ROWS = 10_000;

export const noCounts = (): ImportCounts => ({ created: 0, updated: 0, unchanged: 0, proposed: 0 });

/** One line per problem, as the CLI prints them: `line 12, prefLabel.fr: …`. */
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
    if (counts.created + counts.updated + counts.unchanged + counts.proposed === 0) continue;
    parts.push(
      `${name}: ${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged` +
        (counts.proposed ? `, ${counts.proposed} proposed for review` : ''),
    );
  }
  return parts.join('; ') || 'nothing to import';
}
