import { Injectable } from '@nestjs/common';
import * as path from 'node:path';
import { DataSource, EntityManager } from 'typeorm';
import { forbidden, RequestContext, Role } from '@lexique/core';
import { takeTransactionLock } from '@lexique/database';
import { readConceptsCsv } from '../formats/csv/concepts-csv';
import { readMappingsCsv } from '../formats/csv/mappings-csv';
import { readSystemsCsv } from '../formats/csv/systems-csv';
import { FORMATS, InterchangeFormat } from '../formats/interchange-format';
import { FileReader, ParsedItem, ReaderOptions } from '../formats/parsed-item';
import { readSkosJsonLd, readSkosTurtle } from '../formats/skos/skos-reader';
import { readSssomTsv } from '../formats/sssom/sssom-tsv';
import { EncodingError, utf8Text } from '../formats/utf8-text';
import { DomainRecord, SourcePosition, SystemRecord } from '../records';
import { ConceptStagingRepository, StagedConcept } from './concept-staging.repository';
import { ImportProblem, ImportReport, MAX_LISTED_PROBLEMS, noCounts } from './import-report';
import { MappingStagingRepository, StagedMapping } from './mapping-staging.repository';
import { PublicationPolicy } from './publication-policy';
import { validateConcept, validateMapping, validateSystem } from './row-validation';
import { SystemImportRepository } from './system-import.repository';

const READERS: Record<InterchangeFormat, FileReader> = {
  [InterchangeFormat.SKOS_TURTLE]: readSkosTurtle,
  [InterchangeFormat.SKOS_JSONLD]: readSkosJsonLd,
  [InterchangeFormat.CONCEPTS_CSV]: readConceptsCsv,
  [InterchangeFormat.SSSOM_TSV]: readSssomTsv,
  [InterchangeFormat.MAPPINGS_CSV]: readMappingsCsv,
  [InterchangeFormat.SYSTEMS_CSV]: readSystemsCsv,
};

/** Rows staged per statement: big enough to amortise round trips, small enough to keep memory flat. */
const BATCH = 5000;

export interface ImportOptions {
  format: InterchangeFormat;
  /** Shown in the report and recorded as the reason of every change row. */
  fileName: string;
  dryRun?: boolean;
  domain?: string;
  system?: string;
  /** Called every batch with the rows read so far (the CLI's progress bar). */
  onProgress?: (rows: number) => void;
}

/** Thrown inside the transaction to undo everything after a dry run or a problem. */
class Rollback extends Error {}

/**
 * Imports a file all-or-nothing: every row is read, checked and staged in
 * one transaction; if any problem was found, or for a dry run, the
 * transaction is rolled back and only the report remains. Importing the same
 * file twice changes nothing the second time and records no change rows.
 */
@Injectable()
export class ImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly concepts: ConceptStagingRepository,
    private readonly mappings: MappingStagingRepository,
    private readonly systems: SystemImportRepository,
  ) {}

  async import(
    ctx: RequestContext,
    input: AsyncIterable<Buffer | Uint8Array | string> | Iterable<Buffer | Uint8Array | string>,
    options: ImportOptions,
  ): Promise<ImportReport> {
    const { principal } = ctx;
    if (!principal.roles.includes(Role.ADMIN) && !principal.roles.includes(Role.STEWARD))
      throw forbidden('Imports are for stewards and admins');
    const content = FORMATS[options.format].content;
    if (content === 'systems' && !principal.roles.includes(Role.ADMIN)) throw forbidden('Importing information systems is for admins');
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
    };
    const addProblem = (problem: ImportProblem) => {
      report.problemCount++;
      if (report.problems.length < MAX_LISTED_PROBLEMS) report.problems.push(problem);
    };
    const readerOptions: ReaderOptions = { domain: options.domain?.trim().toUpperCase(), system: options.system?.trim().toUpperCase() };
    const reason = `import ${report.fileName}`;
    try {
      await this.dataSource.transaction(async (manager) => {
        // one import at a time: two overlapping files would otherwise each pass their checks alone
        await takeTransactionLock(manager, 'lexique:import', { heldBy: 'Another import is running', retryAfterSeconds: 10 });
        const policy = await this.policy(manager, ctx);
        const items = READERS[options.format](utf8Text(input), readerOptions);
        if (content === 'concepts') await this.importConcepts(manager, items, policy, readerOptions, report, addProblem, options);
        else if (content === 'mappings') await this.importMappings(manager, items, policy, readerOptions, report, addProblem, options);
        else await this.importSystems(manager, items, report, addProblem, options, principal.id, reason);
        if (report.problemCount > 0 || report.dryRun) throw new Rollback();
        if (content === 'concepts') await this.concepts.apply(manager, principal.id, reason);
        if (content === 'mappings') await this.mappings.apply(manager, principal.id, reason, policy.publishable);
        report.applied = true;
      });
    } catch (error) {
      if (error instanceof EncodingError) addProblem({ line: error.line, field: 'encoding', message: error.message });
      else if (!(error instanceof Rollback)) throw error;
    }
    // rows checked in Node and references checked in SQL, merged back into file order
    report.problems.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
    return report;
  }

  private async policy(manager: EntityManager, ctx: RequestContext): Promise<PublicationPolicy & { publishable: string[] | null }> {
    const domains: { code: string; requires_review: boolean }[] = await manager.query(`SELECT code, requires_review FROM domain`);
    const review = new Map(domains.map((d) => [d.code, d.requires_review]));
    const policy = new PublicationPolicy(ctx.principal, (domain) => review.get(domain) ?? true);
    // admins publish everywhere, in domains the file creates too
    return Object.assign(policy, { publishable: policy.isAdmin ? null : [...review.keys()].filter((domain) => policy.mayPublish(domain)) });
  }

  private async importConcepts(
    manager: EntityManager,
    items: AsyncIterable<ParsedItem>,
    policy: PublicationPolicy & { publishable: string[] | null },
    readerOptions: ReaderOptions,
    report: ImportReport,
    addProblem: (problem: ImportProblem) => void,
    options: ImportOptions,
  ) {
    await this.concepts.create(manager);
    let batch: StagedConcept[] = [];
    const domains: { at: SourcePosition; record: DomainRecord }[] = [];
    const flush = async () => {
      await this.concepts.stage(manager, batch);
      batch = [];
      options.onProgress?.(report.rows);
    };
    for await (const item of items) {
      if (item.kind === 'problem') addProblem(item.problem);
      else if (item.kind === 'domain') {
        report.rows++;
        if (readerOptions.domain && item.record.code !== readerOptions.domain) continue;
        domains.push(item);
      } else if (item.kind === 'concept') {
        report.rows++;
        for (const problem of validateConcept(item.record)) addProblem({ ...item.at, ...problem });
        if (readerOptions.domain && item.record.domain && item.record.domain !== readerOptions.domain) {
          addProblem({ ...item.at, field: 'domain', message: `The import is limited to domain ${readerOptions.domain}` });
        }
        batch.push(item);
        if (batch.length >= BATCH) await flush();
      }
    }
    await flush();
    await this.concepts.stageDomains(manager, domains);
    if (!domains.length && report.rows === 0 && report.problemCount === 0)
      addProblem({ line: 1, field: 'file', message: 'The file holds no concept' });
    for (const problem of await this.concepts.resolve(manager, policy.publishable)) addProblem(problem);
    if (!policy.isAdmin) {
      for (const domain of await this.concepts.changedDomains(manager)) {
        addProblem({
          ...position(domain),
          field: 'skos:ConceptScheme',
          message: `Creating or changing domain ${domain.code} is for admins`,
        });
      }
    }
    for (const touched of await this.concepts.domainsTouched(manager)) {
      if (!policy.mayWrite(touched.domain)) {
        addProblem({ ...position(touched), field: 'domain', message: `You are not a steward of domain ${touched.domain}` });
      }
    }
    for (const change of await this.concepts.statusChanges(manager, policy.isAdmin)) {
      const refusal = policy.refusal(change.domain, change.from, change.to);
      if (refusal) addProblem({ ...position(change), field: 'status', message: refusal });
    }
    Object.assign(report, await this.concepts.counts(manager));
  }

  private async importMappings(
    manager: EntityManager,
    items: AsyncIterable<ParsedItem>,
    policy: PublicationPolicy & { publishable: string[] | null },
    readerOptions: ReaderOptions,
    report: ImportReport,
    addProblem: (problem: ImportProblem) => void,
    options: ImportOptions,
  ) {
    await this.mappings.create(manager);
    let batch: StagedMapping[] = [];
    const flush = async () => {
      await this.mappings.stage(manager, batch);
      batch = [];
      options.onProgress?.(report.rows);
    };
    for await (const item of items) {
      if (item.kind === 'problem') addProblem(item.problem);
      else if (item.kind === 'mapping') {
        report.rows++;
        const { conceptLabel: _label, conceptReplacedBy: _successor, ...record } = item.record;
        for (const problem of validateMapping(record)) addProblem({ ...item.at, ...problem });
        if (readerOptions.system && record.system !== readerOptions.system) {
          addProblem({ ...item.at, field: 'system', message: `The import is limited to system ${readerOptions.system}` });
        }
        batch.push({ at: item.at, record });
        if (batch.length >= BATCH) await flush();
      }
    }
    await flush();
    if (report.rows === 0 && report.problemCount === 0) addProblem({ line: 1, field: 'file', message: 'The file holds no mapping' });
    for (const problem of await this.mappings.resolve(manager)) addProblem(problem);
    if (!policy.isAdmin) {
      for (const touched of await this.mappings.domainsTouched(manager)) {
        if (!touched.domain || !policy.mayWrite(touched.domain)) {
          addProblem({ line: touched.line, field: 'concept', message: `You are not a steward of domain ${touched.domain ?? '(none)'}` });
        } else if (touched.published && !policy.mayPublish(touched.domain)) {
          addProblem({
            line: touched.line,
            field: 'concept',
            message: `Published mappings of domain ${touched.domain} change through review: use the API`,
          });
        }
      }
    }
    report.mappings = await this.mappings.counts(manager);
  }

  private async importSystems(
    manager: EntityManager,
    items: AsyncIterable<ParsedItem>,
    report: ImportReport,
    addProblem: (problem: ImportProblem) => void,
    options: ImportOptions,
    principal: string,
    reason: string,
  ) {
    const systems: { at: SourcePosition; record: SystemRecord }[] = [];
    const seen = new Map<string, number | undefined>();
    for await (const item of items) {
      if (item.kind === 'problem') addProblem(item.problem);
      else if (item.kind === 'system') {
        report.rows++;
        for (const problem of validateSystem(item.record)) addProblem({ ...item.at, ...problem });
        const code = item.record.code ?? '';
        if (seen.has(code))
          addProblem({ ...item.at, field: 'code', message: `The system ${code} is already in the file (line ${seen.get(code)})` });
        seen.set(code, item.at.line);
        systems.push(item as { at: SourcePosition; record: SystemRecord });
      }
    }
    options.onProgress?.(report.rows);
    const write = report.problemCount === 0 && !options.dryRun ? { principal, reason } : null;
    report.systems = await this.systems.importSystems(manager, systems, write);
  }
}

function position(row: { line: number | null; subject: string | null }): SourcePosition {
  return row.line !== null ? { line: row.line } : { subject: row.subject ?? undefined };
}
