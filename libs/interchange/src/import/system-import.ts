import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ErrorReason, RequestContext } from '@lexique/core';
import { SystemIntent, SystemWrite, SystemWriter } from '@lexique/mappings';
import { ParsedItem } from '../formats/parsed-item';
import { ImportProblems } from './import-problems';
import { ImportReport, MAX_LISTED_ROWS, RowOutcome } from './import-report';

const SYSTEM_OUTCOMES = { CREATE: RowOutcome.CREATED, UPDATE: RowOutcome.UPDATED, UNCHANGED: RowOutcome.UNCHANGED } as const;

/**
 * Hands the information systems of a file (admins) to the mappings lib's
 * writer of systems: this lib only turns records into writes and problems
 * into the report.
 */
@Injectable()
export class SystemImport {
  constructor(private readonly writer: SystemWriter) {}

  async run(
    manager: EntityManager,
    ctx: RequestContext,
    items: AsyncIterable<ParsedItem>,
    options: { reason: string; onProgress?: (rows: number) => void },
    report: ImportReport,
    problems: ImportProblems,
  ): Promise<void> {
    const writes: SystemWrite[] = [];
    for await (const item of items) {
      if (item.kind === 'problem') problems.parse(item.problem);
      else if (item.kind === 'system') {
        report.rows++;
        const { code, ...fields } = item.record;
        writes.push({ intent: SystemIntent.IMPORT, code: code ?? '', fields, line: item.at.line ?? null });
      }
    }
    options.onProgress?.(report.rows);
    if (report.rows === 0 && problems.count === 0)
      problems.add({ line: 1, field: 'file', reason: ErrorReason.REQUIRED, message: 'The file holds no system' });
    const result = await this.writer.write(manager, ctx, writes, { reason: options.reason });
    const refused = new Map<number, ErrorReason[]>();
    for (const problem of result.problems) {
      problems.add({
        ...(problem.line !== null ? { line: problem.line } : {}),
        field: problem.field ?? 'row',
        reason: problem.reason,
        message: problem.message,
        values: problem.values ?? null,
      });
      refused.set(problem.ord, [...(refused.get(problem.ord) ?? []), problem.reason]);
    }
    for (const outcome of result.outcomes.slice(0, MAX_LISTED_ROWS)) {
      const reasons = refused.get(outcome.ord) ?? [];
      report.outcomes.push({
        ...(outcome.line !== null ? { line: outcome.line } : {}),
        entity: 'SYSTEM',
        key: outcome.code,
        outcome: reasons.length || !outcome.effect ? RowOutcome.REFUSED : SYSTEM_OUTCOMES[outcome.effect],
        status: outcome.status,
        reasons,
      });
    }
    report.systems = { ...result.counts, proposed: 0 };
  }
}
