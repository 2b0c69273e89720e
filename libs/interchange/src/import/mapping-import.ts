import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AccessPolicy } from '@lexique/access';
import { ErrorReason, RequestContext } from '@lexique/core';
import { ParsedItem } from '../formats/parsed-item';
import { ImportProblems } from './import-problems';
import { ImportReport } from './import-report';
import { MappingStagingRepository, StagedMapping } from './mapping-staging.repository';
import { validateMapping } from './row-validation';

export interface MappingImportOptions {
  system?: string;
  reason: string;
  onProgress?: (rows: number) => void;
}

/** Rows staged per statement. */
const BATCH = 5000;

/**
 * The mappings of a file.
 * TODO(write path): hand the rows to the mappings lib's one writer, as concepts go to the vocabulary lib's.
 */
@Injectable()
export class MappingImport {
  constructor(private readonly mappings: MappingStagingRepository) {}

  async run(
    manager: EntityManager,
    ctx: RequestContext,
    items: AsyncIterable<ParsedItem>,
    options: MappingImportOptions,
    report: ImportReport,
    problems: ImportProblems,
  ): Promise<() => Promise<void>> {
    const policy = AccessPolicy.of(ctx.principal);
    const domains: { code: string; requires_review: boolean }[] = await manager.query(`SELECT code, requires_review FROM domain`);
    const publishable = policy.isAdmin
      ? null
      : domains.filter((d) => policy.mayImportPublished(d.code, { requiresReview: d.requires_review })).map((d) => d.code);
    await this.mappings.create(manager);
    let batch: StagedMapping[] = [];
    const flush = async () => {
      await this.mappings.stage(manager, batch);
      batch = [];
      options.onProgress?.(report.rows);
    };
    for await (const item of items) {
      if (item.kind === 'problem') problems.parse(item.problem);
      else if (item.kind === 'mapping') {
        report.rows++;
        const { conceptLabel: _label, conceptReplacedBy: _successor, ...record } = item.record;
        for (const problem of validateMapping(record)) problems.add({ ...item.at, ...problem, reason: ErrorReason.INVALID_VALUE });
        if (options.system && record.system !== options.system) {
          problems.add({
            ...item.at,
            field: 'system',
            reason: ErrorReason.INVALID_VALUE,
            message: `The import is limited to system ${options.system}`,
          });
        }
        batch.push({ at: item.at, record });
        if (batch.length >= BATCH) await flush();
      }
    }
    await flush();
    if (report.rows === 0 && problems.count === 0)
      problems.add({ line: 1, field: 'file', reason: ErrorReason.REQUIRED, message: 'The file holds no mapping' });
    for (const problem of await this.mappings.resolve(manager)) problems.add({ ...problem, reason: ErrorReason.INVALID_VALUE });
    if (!policy.isAdmin) {
      for (const touched of await this.mappings.domainsTouched(manager)) {
        if (!policy.mayWrite(touched.domain)) {
          problems.add({
            line: touched.line,
            field: 'concept',
            reason: ErrorReason.NOT_STEWARD,
            message: `You are not a steward of domain ${touched.domain ?? '(none)'}`,
          });
        } else if (touched.published && !publishable?.includes(touched.domain!)) {
          problems.add({
            line: touched.line,
            field: 'concept',
            reason: ErrorReason.REVIEW_REQUIRED,
            message: `Published mappings of domain ${touched.domain} change through review: use the API`,
          });
        }
      }
    }
    report.mappings = { ...(await this.mappings.counts(manager)), proposed: 0 };
    return () => this.mappings.apply(manager, ctx.principal.id, options.reason, publishable);
  }
}
