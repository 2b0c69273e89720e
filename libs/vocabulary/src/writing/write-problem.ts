import { DomainError, ErrorReason, refusal, RefusalValues } from '@lexique/core';

/**
 * One rule a write breaks, about one of the entries it writes (`ord`: its
 * position in the write). Fields are paths within the entry (`prefLabel.fr`,
 * `broader[1]`); each door says where they are for its caller: `input.` for
 * a mutation, `items[3].` for a bulk one, a line or a subject for a file.
 */
export interface WriteProblem {
  ord: number;
  field: string | null;
  reason: ErrorReason;
  message: string;
  values?: RefusalValues;
}

/** Collects problems; a write with any is not applied. */
export class WriteProblems {
  readonly list: WriteProblem[] = [];
  private readonly refused = new Set<number>();

  add(ord: number, reason: ErrorReason, field: string | null, message: string, values?: RefusalValues): void {
    this.list.push({ ord, field, reason, message, ...(values ? { values } : {}) });
    this.refused.add(ord);
  }

  addAll(problems: readonly WriteProblem[]): void {
    for (const problem of problems) {
      this.list.push(problem);
      this.refused.add(problem.ord);
    }
  }

  isRefused(ord: number): boolean {
    return this.refused.has(ord);
  }

  get count(): number {
    return this.list.length;
  }

  /** In request order, then by field: how a caller reads them. */
  sorted(): WriteProblem[] {
    return [...this.list].sort((a, b) => a.ord - b.ord || (a.field ?? '').localeCompare(b.field ?? ''));
  }
}

/**
 * For a write of a whole vocabulary that must never fail quietly (the demo
 * data, `lexique seed`): throws when any entry was refused, with the first
 * few problems in one line, each after the entry it is about.
 */
export function assertVocabularyWritten(what: string, problems: readonly WriteProblem[], entry: (ord: number) => string, shown = 5): void {
  if (!problems.length) return;
  const listed = problems.slice(0, shown).map((p) => `${entry(p.ord)}${p.field ? ` ${p.field}` : ''} ${p.reason}: ${p.message}`);
  const more = problems.length > shown ? `; and ${problems.length - shown} more` : '';
  throw new Error(`The vocabulary's ${what} are refused: ${listed.join('; ')}${more}`);
}

/** A problem as the error a one-entry door throws, its field under `prefix` (`input.`). */
export function problemError(problem: WriteProblem, prefix: string, topLevel: ReadonlySet<string> = new Set()): DomainError {
  const field = problem.field === null ? undefined : topLevel.has(problem.field) ? problem.field : prefix + problem.field;
  return refusal(problem.reason, problem.message, field, problem.values);
}
