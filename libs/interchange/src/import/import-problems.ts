import { ErrorReason } from '@lexique/core';
import { ParseProblem } from '../formats/parsed-item';
import { ImportProblem, MAX_LISTED_PROBLEMS } from './import-report';

/** Where readers report the file itself as unreadable rather than one of its values. */
const UNREADABLE = new Set(['encoding', 'file', 'row', 'Turtle', 'JSON-LD', 'CSV', 'TSV']);

/** The problems of an import: all counted, the first MAX_LISTED_PROBLEMS kept, listed in file order. */
export class ImportProblems {
  private readonly listed: ImportProblem[] = [];
  count = 0;

  add(problem: ImportProblem): void {
    this.count++;
    if (this.listed.length < MAX_LISTED_PROBLEMS) this.listed.push(problem);
  }

  /** What a reader met: the file cannot be read (its syntax, its encoding), or a value in it is not one. */
  parse(problem: ParseProblem): void {
    const reason = problem.reason ?? (UNREADABLE.has(problem.field) ? ErrorReason.FILE_UNREADABLE : ErrorReason.INVALID_VALUE);
    this.add({ ...problem, reason });
  }

  /** Rows checked in Node and in SQL, merged back into file order. */
  inFileOrder(): ImportProblem[] {
    return [...this.listed].sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
  }
}
