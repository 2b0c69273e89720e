import { Injectable } from '@nestjs/common';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { AccessPolicy } from '@lexique/access';
import { ErrorReason, refusal, RequestContext } from '@lexique/core';
import { takeTransactionLock } from '@lexique/database';
import { readConceptsCsv } from '../formats/csv/concepts-csv';
import { readMappingsCsv } from '../formats/csv/mappings-csv';
import { readSystemsCsv } from '../formats/csv/systems-csv';
import { FORMATS, InterchangeFormat } from '../formats/interchange-format';
import { FileReader, ReaderOptions } from '../formats/parsed-item';
import { readSkosJsonLd, readSkosTurtle } from '../formats/skos/skos-reader';
import { readSssomTsv } from '../formats/sssom/sssom-tsv';
import { FileCharset, fileText } from '../formats/file-charset';
import { EncodingError } from '../formats/utf8-text';
import { ConceptImport } from './concept-import';
import { ImportProblems } from './import-problems';
import { ImportReport, noCounts } from './import-report';
import { MappingImport } from './mapping-import';
import { SystemImport } from './system-import';

const READERS: Record<InterchangeFormat, FileReader> = {
  [InterchangeFormat.SKOS_TURTLE]: readSkosTurtle,
  [InterchangeFormat.SKOS_JSONLD]: readSkosJsonLd,
  [InterchangeFormat.CONCEPTS_CSV]: readConceptsCsv,
  [InterchangeFormat.SSSOM_TSV]: readSssomTsv,
  [InterchangeFormat.MAPPINGS_CSV]: readMappingsCsv,
  [InterchangeFormat.SYSTEMS_CSV]: readSystemsCsv,
};

export interface ImportOptions {
  format: InterchangeFormat;
  /** Shown in the report and recorded as the reason of every change row. */
  fileName: string;
  dryRun?: boolean;
  domain?: string;
  system?: string;
  /** Send the drafts the file creates or changes to review in the same run. */
  submit?: boolean;
  /** How the file's bytes are decoded: UTF-8 unless said. */
  charset?: FileCharset;
  /** Called every batch with the rows read so far (the CLI's progress bar). */
  onProgress?: (rows: number) => void;
}

/** Thrown inside the transaction to undo everything after a dry run or a problem. */
class Rollback extends Error {}

/**
 * Imports a file all-or-nothing, with the caller's rights: every row is read
 * and handed to the writer of its entity in one transaction; if any problem
 * was found, or for a dry run, the transaction is rolled back and only the
 * report remains. A dry run goes through every check and every write the real
 * run makes, so it cannot report success where the run would fail. Importing
 * the same file twice changes nothing the second time.
 */
@Injectable()
export class ImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly concepts: ConceptImport,
    private readonly mappings: MappingImport,
    private readonly systems: SystemImport,
  ) {}

  async import(
    ctx: RequestContext,
    input: AsyncIterable<Buffer | Uint8Array | string> | Iterable<Buffer | Uint8Array | string>,
    options: ImportOptions,
  ): Promise<ImportReport> {
    const policy = AccessPolicy.of(ctx.principal);
    if (!policy.mayImport) throw refusal(ErrorReason.NOT_ALLOWED, 'Imports are for stewards and admins');
    const content = FORMATS[options.format].content;
    if (content === 'systems') policy.assertMayAdminister('import information systems');
    const report: ImportReport = {
      fileName: path.basename(options.fileName),
      format: options.format,
      dryRun: options.dryRun === true,
      applied: false,
      rows: 0,
      domains: noCounts(),
      concepts: noCounts(),
      systems: noCounts(),
      mappings: noCounts(),
      sentToReview: 0,
      problems: [],
      problemCount: 0,
      outcomes: [],
    };
    const problems = new ImportProblems();
    const readerOptions: ReaderOptions = { domain: options.domain?.trim().toUpperCase(), system: options.system?.trim().toUpperCase() };
    const reason = `import ${report.fileName}`;
    try {
      await this.dataSource.transaction(async (manager) => {
        // one import at a time: two overlapping files would otherwise each pass their checks alone
        await takeTransactionLock(manager, 'lexique:import', { heldBy: 'Another import is running', retryAfterSeconds: 10 });
        const items = READERS[options.format](fileText(input, options.charset), readerOptions);
        const progress = { onProgress: options.onProgress, reason };
        if (content === 'concepts') {
          const wholeStatements = options.format === InterchangeFormat.SKOS_TURTLE || options.format === InterchangeFormat.SKOS_JSONLD;
          await this.concepts.run(
            manager,
            ctx,
            items,
            { ...progress, ...readerOptions, wholeStatements, submit: options.submit === true },
            report,
            problems,
          );
        } else if (content === 'mappings') {
          await this.mappings.run(manager, ctx, items, { ...progress, system: readerOptions.system }, report, problems);
        } else {
          await this.systems.run(manager, ctx, items, progress, report, problems);
        }
        if (problems.count > 0 || report.dryRun) throw new Rollback();
        report.applied = true;
      });
    } catch (error) {
      if (error instanceof EncodingError)
        problems.add({ line: error.line, field: 'encoding', reason: ErrorReason.FILE_UNREADABLE, message: error.message });
      else if (!(error instanceof Rollback)) throw error;
    }
    report.problems = problems.inFileOrder();
    report.problemCount = problems.count;
    return report;
  }
}
