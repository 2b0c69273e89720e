import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ErrorReason, RequestContext } from '@lexique/core';
import {
  ConceptPatchInput,
  ConceptStatus,
  ConceptWriteRequest,
  ConceptWriter,
  DomainEditingService,
  everyLanguage,
  PlacedProblem,
  WriteEffect,
  WriteIntent,
} from '@lexique/vocabulary';
import { ParsedItem } from '../formats/parsed-item';
import { ConceptRecord } from '../records';
import { ImportReport, ImportRow, MAX_LISTED_ROWS, RowOutcome } from './import-report';
import { ImportProblems } from './import-problems';

export interface ConceptImportOptions {
  /** Rows of another domain are refused (a file for one domain). */
  domain?: string;
  /** SKOS states each concept whole: a field it leaves out is cleared, not kept. */
  wholeStatements: boolean;
  /** Send the drafts of the file to review in the same run. */
  submit: boolean;
  reason: string;
  onProgress?: (rows: number) => void;
}

const ROW_OUTCOMES: Record<WriteEffect, RowOutcome> = {
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
  DEPRECATE: RowOutcome.UPDATED,
  RESTORE: RowOutcome.UPDATED,
};

/**
 * Hands the concepts and schemes of a file to their writers (the vocabulary
 * lib's), as they are read: this lib only turns records into writes and
 * problems into the report, and decides no rule itself.
 */
@Injectable()
export class ConceptImport {
  constructor(
    private readonly writer: ConceptWriter,
    private readonly domains: DomainEditingService,
  ) {}

  async run(
    manager: EntityManager,
    ctx: RequestContext,
    items: AsyncIterable<ParsedItem>,
    options: ConceptImportOptions,
    report: ImportReport,
    problems: ImportProblems,
  ): Promise<void> {
    const session = await this.writer.begin(manager, ctx, { reason: options.reason, outcomeLimit: MAX_LISTED_ROWS });
    const schemes: {
      ord: number;
      at: { line?: number; subject?: string };
      domain: { code: string; label: object; description: object };
    }[] = [];
    let batch: ConceptWriteRequest[] = [];
    for await (const item of items) {
      if (item.kind === 'problem') problems.parse(item.problem);
      else if (item.kind === 'domain') {
        report.rows++;
        if (options.domain && item.record.code !== options.domain) continue;
        schemes.push({ ord: schemes.length, at: item.at, domain: item.record });
      } else if (item.kind === 'concept') {
        report.rows++;
        if (options.domain && item.record.domain && item.record.domain.trim().toUpperCase() !== options.domain) {
          problems.add({
            ...item.at,
            field: 'domain',
            reason: ErrorReason.INVALID_VALUE,
            message: `The import is limited to domain ${options.domain}`,
          });
        }
        batch.push(this.toWrite(item.record, item.at, options));
        if (batch.length >= 1000) {
          await session.add(batch);
          batch = [];
          options.onProgress?.(report.rows);
        }
      }
    }
    await session.add(batch);
    options.onProgress?.(report.rows);
    if (!schemes.length && report.rows === 0 && problems.count === 0) {
      problems.add({ line: 1, field: 'file', reason: ErrorReason.REQUIRED, message: 'The file holds no concept' });
    }

    // schemes first: the concepts of a file may be in a domain it creates
    const domains = await this.domains.importDomains(
      manager,
      ctx,
      schemes.map(({ ord, domain }) => ({ ord, domain: { code: domain.code, label: domain.label, description: domain.description } })),
      options.reason,
    );
    report.domains = { created: domains.created, updated: domains.updated, unchanged: domains.unchanged, proposed: 0 };
    for (const problem of domains.problems) problems.add({ ...schemes[problem.ord].at, ...fieldOf(problem) });

    const result = await session.finish();
    for (const problem of result.problems) problems.add({ ...position(problem), ...fieldOf(problem) });
    const refused = new Map<number, ErrorReason[]>();
    for (const problem of result.problems) refused.set(problem.ord, [...(refused.get(problem.ord) ?? []), problem.reason]);

    for (const outcome of result.outcomes) {
      const reasons = refused.get(outcome.ord) ?? [];
      const row: ImportRow = {
        ...position(outcome),
        entity: 'CONCEPT',
        key: outcome.code,
        outcome: reasons.length || !outcome.effect ? RowOutcome.REFUSED : ROW_OUTCOMES[outcome.effect],
        status: outcome.status,
        reasons,
      };
      report.outcomes.push(row);
    }
    report.concepts = result.counts;
    report.sentToReview = result.sentToReview;
  }

  private toWrite(
    record: Partial<ConceptRecord> & { code: string },
    at: { line?: number; subject?: string },
    options: ConceptImportOptions,
  ): ConceptWriteRequest {
    const patch: ConceptPatchInput = {};
    const whole = options.wholeStatements;
    for (const key of ['prefLabel', 'definition', 'scopeNote'] as const) {
      if (record[key] !== undefined) patch[key] = whole ? everyLanguage(record[key]) : record[key];
    }
    if (record.altLabels !== undefined) patch.altLabels = whole ? everyLanguage(record.altLabels) : record.altLabels;
    for (const key of ['acronyms', 'hiddenLabels', 'source', 'broader', 'narrower', 'related'] as const) {
      if (record[key] !== undefined) patch[key] = record[key];
    }
    const status = (record.status?.trim().toUpperCase() || null) as ConceptStatus | null;
    return {
      intent: WriteIntent.UPSERT,
      code: record.code,
      domain: record.domain ?? options.domain ?? null,
      version: record.version ?? null,
      patch,
      // sending to review asks review for the drafts of the file: a status given otherwise stands
      status: options.submit && (status === null || status === ConceptStatus.DRAFT) ? ConceptStatus.IN_REVIEW : status,
      replacedBy: record.replacedBy,
      line: at.line ?? null,
      subject: at.subject ?? null,
    };
  }
}

function position(row: { line: number | null; subject: string | null }): { line?: number; subject?: string } {
  return row.line !== null ? { line: row.line } : row.subject !== null ? { subject: row.subject } : {};
}

function fieldOf(problem: Omit<PlacedProblem, 'line' | 'subject'>) {
  return { field: problem.field ?? 'row', reason: problem.reason, message: problem.message, values: problem.values ?? null };
}
