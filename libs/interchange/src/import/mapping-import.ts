import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ErrorReason, RequestContext } from '@lexique/core';
import { MappingEffect, MappingIntent, MappingPatchInput, MappingWrite, MappingWriter, PlacedMappingProblem } from '@lexique/mappings';
import { ParsedItem } from '../formats/parsed-item';
import { MappingRecord } from '../records';
import { ImportProblems } from './import-problems';
import { ImportReport, MAX_LISTED_ROWS, RowOutcome } from './import-report';

export interface MappingImportOptions {
  system?: string;
  reason: string;
  onProgress?: (rows: number) => void;
}

/** Rows handed to the writer at a time. */
const BATCH = 5000;

const ROW_OUTCOMES: Record<MappingEffect, RowOutcome> = {
  CREATE: RowOutcome.CREATED,
  UPDATE: RowOutcome.UPDATED,
  PROPOSE_REVISION: RowOutcome.PROPOSED,
  UNCHANGED: RowOutcome.UNCHANGED,
  // a file never asks for these: listed for completeness of the mapping
  APPROVE_REVISION: RowOutcome.UPDATED,
  REJECT_REVISION: RowOutcome.UPDATED,
  SUBMIT: RowOutcome.UPDATED,
  APPROVE: RowOutcome.UPDATED,
  REJECT: RowOutcome.UPDATED,
  DELETE: RowOutcome.UPDATED,
};

/** The fields of a record a file gives: a column left out keeps the field. */
const PATCH_FIELDS = ['localLabel', 'relation', 'concept', 'validFrom', 'validTo', 'note', 'justification', 'confidence'] as const;

/**
 * Hands the mappings of a file to the mappings lib's writer as they are read:
 * this lib only turns records into writes and problems into the report, and
 * decides no rule itself.
 */
@Injectable()
export class MappingImport {
  constructor(private readonly writer: MappingWriter) {}

  async run(
    manager: EntityManager,
    ctx: RequestContext,
    items: AsyncIterable<ParsedItem>,
    options: MappingImportOptions,
    report: ImportReport,
    problems: ImportProblems,
  ): Promise<void> {
    const session = await this.writer.begin(manager, ctx, { reason: options.reason, outcomeLimit: MAX_LISTED_ROWS });
    let batch: MappingWrite[] = [];
    for await (const item of items) {
      if (item.kind === 'problem') problems.parse(item.problem);
      else if (item.kind === 'mapping') {
        report.rows++;
        if (options.system && item.record.system?.trim().toUpperCase() !== options.system) {
          problems.add({
            ...item.at,
            field: 'system',
            reason: ErrorReason.INVALID_VALUE,
            message: `The import is limited to system ${options.system}`,
          });
        }
        batch.push(toWrite(item.record, item.at.line ?? null));
        if (batch.length >= BATCH) {
          await session.add(batch);
          batch = [];
          options.onProgress?.(report.rows);
        }
      }
    }
    await session.add(batch);
    options.onProgress?.(report.rows);
    if (report.rows === 0 && problems.count === 0)
      problems.add({ line: 1, field: 'file', reason: ErrorReason.REQUIRED, message: 'The file holds no mapping' });

    const result = await session.finish();
    const refused = new Map<number, ErrorReason[]>();
    for (const problem of result.problems) {
      problems.add({ ...position(problem), ...fieldOf(problem) });
      refused.set(problem.ord, [...(refused.get(problem.ord) ?? []), problem.reason]);
    }
    for (const outcome of result.outcomes) {
      const reasons = refused.get(outcome.ord) ?? [];
      report.outcomes.push({
        ...(outcome.line !== null ? { line: outcome.line } : {}),
        entity: 'MAPPING',
        key: outcome.key,
        outcome: reasons.length || !outcome.effect ? RowOutcome.REFUSED : ROW_OUTCOMES[outcome.effect],
        status: outcome.status,
        reasons,
      });
    }
    report.mappings = result.counts;
    report.sentToReview += result.sentToReview;
  }
}

function toWrite(record: Partial<MappingRecord>, line: number | null): MappingWrite {
  const patch: MappingPatchInput = {};
  for (const key of PATCH_FIELDS) if (record[key] !== undefined) (patch as Record<string, unknown>)[key] = record[key];
  return {
    intent: MappingIntent.IMPORT,
    system: record.system ?? '',
    localCode: record.localCode ?? '',
    version: record.version ?? null,
    patch,
    line,
  };
}

function position(problem: PlacedMappingProblem): { line?: number } {
  return problem.line !== null ? { line: problem.line } : {};
}

function fieldOf(problem: PlacedMappingProblem) {
  return { field: problem.field ?? 'row', reason: problem.reason, message: problem.message, values: problem.values ?? null };
}
