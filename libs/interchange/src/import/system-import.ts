import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ErrorReason, RequestContext } from '@lexique/core';
import { ParsedItem } from '../formats/parsed-item';
import { SourcePosition, SystemRecord } from '../records';
import { ImportProblems } from './import-problems';
import { ImportReport } from './import-report';
import { validateSystem } from './row-validation';
import { SystemImportRepository } from './system-import.repository';

/**
 * The information systems of a file (admins).
 * TODO(write path): hand the rows to the mappings lib's writer of systems.
 */
@Injectable()
export class SystemImport {
  constructor(private readonly systems: SystemImportRepository) {}

  async run(
    manager: EntityManager,
    ctx: RequestContext,
    items: AsyncIterable<ParsedItem>,
    options: { reason: string; dryRun: boolean; onProgress?: (rows: number) => void },
    report: ImportReport,
    problems: ImportProblems,
  ): Promise<void> {
    const systems: { at: SourcePosition; record: SystemRecord }[] = [];
    const seen = new Map<string, number | undefined>();
    for await (const item of items) {
      if (item.kind === 'problem') problems.parse(item.problem);
      else if (item.kind === 'system') {
        report.rows++;
        for (const problem of validateSystem(item.record)) problems.add({ ...item.at, reason: ErrorReason.INVALID_VALUE, ...problem });
        const code = item.record.code ?? '';
        if (seen.has(code)) {
          problems.add({
            ...item.at,
            field: 'code',
            reason: ErrorReason.DUPLICATE_IN_REQUEST,
            message: `The system ${code} is already in the file (line ${seen.get(code)})`,
          });
        }
        seen.set(code, item.at.line);
        systems.push(item as { at: SourcePosition; record: SystemRecord });
      }
    }
    options.onProgress?.(report.rows);
    const write = problems.count === 0 && !options.dryRun ? { principal: ctx.principal.id, reason: options.reason } : null;
    report.systems = { ...(await this.systems.importSystems(manager, systems, write)), proposed: 0 };
  }
}
