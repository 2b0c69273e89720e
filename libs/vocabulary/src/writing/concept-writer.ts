import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AccessPolicy } from '@lexique/access';
import { ErrorReason, RequestContext } from '@lexique/core';
import { ConceptStatus } from '../concepts/concept-status';
import { broaderCycles } from './broader-cycles';
import { checkConceptCode, conceptCode, ConceptPatchInput, normalizePatch } from './concept-patch';
import { ConceptWrite, WriteCounts, WriteEffect, WriteIntent, WriteOutcome } from './concept-write';
import { ConceptWriteRepository, STAGE_BATCH, StagedWrite } from './concept-write.repository';
import { decideWrite } from './write-decision';
import { WriteProblem, WriteProblems } from './write-problem';

export interface ConceptWriteOptions {
  /** Recorded with every change row. */
  reason: string | null;
  /** A mutation's edit that changes nothing is refused (UNCHANGED); a file's row is reported unchanged. */
  refuseUnchanged?: boolean;
  /** How many outcomes to return, in write order (null: all). */
  outcomeLimit?: number | null;
}

/** A problem of the write with where its concept came from. */
export interface PlacedProblem extends WriteProblem {
  line: number | null;
  subject: string | null;
}

export interface ConceptWriteResult {
  applied: boolean;
  problems: PlacedProblem[];
  outcomes: WriteOutcome[];
  /** What the write does, or would do without its problems. */
  counts: WriteCounts;
  sentToReview: number;
}

/** What a door hands over: a write with its patch as the caller sent it (checked here). */
export type ConceptWriteRequest = Omit<ConceptWrite, 'patch'> & { patch?: ConceptPatchInput };

const STATUSES = new Set<string>(Object.values(ConceptStatus));

/**
 * From this many rows a write refreshes the planner's statistics of what it
 * wrote: a large first load would otherwise leave the planner counting on
 * nearly empty tables (a search document refresh then scans every mapping
 * once per concept) until autovacuum gets round to them.
 */
export const BULK_WRITE_ROWS = 10_000;

/**
 * The one way concepts are created, changed and moved through review
 * (DESIGN principle 6): a mutation hands it one concept, a bulk mutation a
 * list, an import a hundred thousand rows, and each gets the same checks,
 * the same locks in the same order and the same change rows. Runs in the
 * caller's transaction; the caller rolls it back when the result is refused
 * or was a dry run.
 */
@Injectable()
export class ConceptWriter {
  constructor(private readonly repository: ConceptWriteRepository) {}

  async begin(manager: EntityManager, ctx: RequestContext, options: ConceptWriteOptions): Promise<ConceptWriteSession> {
    await this.repository.create(manager);
    return new ConceptWriteSession(this.repository, manager, ctx, options);
  }

  /** One call for writes already in hand. */
  async write(manager: EntityManager, ctx: RequestContext, writes: readonly ConceptWriteRequest[], options: ConceptWriteOptions) {
    const session = await this.begin(manager, ctx, options);
    await session.add(writes);
    return session.finish();
  }
}

export class ConceptWriteSession {
  private readonly problems = new WriteProblems();
  private readonly positions: { line: number | null; subject: string | null; code: string }[] = [];
  private pending: StagedWrite[] = [];
  private readonly policy: AccessPolicy;

  constructor(
    private readonly repository: ConceptWriteRepository,
    private readonly manager: EntityManager,
    private readonly ctx: RequestContext,
    private readonly options: ConceptWriteOptions,
  ) {
    this.policy = AccessPolicy.of(ctx.principal);
  }

  /** Checks each write's own values and stages it; streams of any length go through in batches. */
  async add(writes: Iterable<ConceptWriteRequest>): Promise<void> {
    for (const write of writes) {
      const ord = this.positions.length;
      this.positions.push({ line: write.line ?? null, subject: write.subject ?? null, code: write.code });
      const staged = this.check(ord, write);
      if (staged) this.pending.push(staged);
      if (this.pending.length >= STAGE_BATCH) await this.flush();
    }
  }

  /** Decides, checks and, when nothing is wrong, applies the whole write. */
  async finish(): Promise<ConceptWriteResult> {
    await this.flush();
    const { manager, repository, problems } = this;
    problems.addAll(await repository.requestProblems(manager));
    await repository.lockDomains(manager, await repository.domainsToLock(manager));
    await repository.resolve(manager);

    // rows with a faulty value are still decided and checked, so that a file gets every problem of a row at once;
    // a concept named twice is judged once, on its first row
    const repeated = new Set(problems.list.filter((p) => p.reason === ErrorReason.DUPLICATE_IN_REQUEST).map((p) => p.ord));
    const decisions = [];
    for (const row of await repository.resolved(manager)) {
      if (repeated.has(row.ord)) continue;
      const decision = decideWrite(row, this.policy, problems);
      if (decision?.effect === WriteEffect.UNCHANGED && this.options.refuseUnchanged) {
        // an edit whose only values were refused changes nothing either: its own problems say why
        if (problems.isRefused(row.ord)) continue;
        problems.add(row.ord, ErrorReason.UNCHANGED, null, `This edit changes nothing in ${row.code}`, { concept: row.code });
      } else if (decision) decisions.push(decision);
    }
    await repository.recordDecisions(manager, decisions);

    const readable = this.policy.unpublishedDomains;
    problems.addAll(await repository.integrityProblems(manager, readable === 'all' ? null : [...readable]));
    const written = await repository.writtenCodes(manager);
    // a concept broader than itself alone is a SELF_REFERENCE, already reported with its place in the list
    for (const cycle of broaderCycles(await repository.broaderLinksAbove(manager)).filter((members) => members.length > 1)) {
      for (const code of cycle) {
        const ord = written.get(code);
        if (ord === undefined) continue;
        problems.add(
          ord,
          ErrorReason.BROADER_CYCLE,
          'broader',
          `${code} would be broader than itself (a cycle of broader concepts: ${cycle.join(', ')})`,
          {
            cycle,
          },
        );
      }
    }

    const applied = problems.count === 0;
    if (applied) {
      const { expected, written: rows } = await repository.apply(manager, this.ctx.principal.id, this.options.reason);
      // the versions were read under the locks: a shortfall means a writer that bypassed them
      if (rows !== expected)
        throw new Error(`Concepts changed while they were being written (${rows} of ${expected} rows at the version read)`);
      if (rows >= BULK_WRITE_ROWS) await repository.refreshStatistics(manager);
    }
    const { sentToReview, ...counts } = await repository.counts(manager);
    return {
      applied,
      problems: problems.sorted().map((problem) => {
        const { line, subject } = this.positions[problem.ord];
        return { ...problem, line, subject };
      }),
      outcomes: await this.outcomes(),
      counts,
      sentToReview,
    };
  }

  /** Every concept of the write in order, those refused before staging (a malformed code) included. */
  private async outcomes(): Promise<WriteOutcome[]> {
    const limit = Math.min(this.options.outcomeLimit ?? Infinity, this.positions.length);
    const staged = new Map((await this.repository.outcomes(this.manager, limit)).map((outcome) => [outcome.ord, outcome]));
    return this.positions.slice(0, limit).map(
      (position, ord) =>
        staged.get(ord) ?? {
          ord,
          code: position.code,
          id: null,
          effect: null,
          status: null,
          line: position.line,
          subject: position.subject,
        },
    );
  }

  private async flush(): Promise<void> {
    await this.repository.stage(this.manager, this.pending);
    this.pending = [];
  }

  /** The write's own values, before any database read: every problem is reported, the row staged if its code is usable. */
  private check(ord: number, write: ConceptWriteRequest): StagedWrite | null {
    const report = (reason: ErrorReason, field: string, message: string, values?: Record<string, unknown>) =>
      this.problems.add(ord, reason, field, message, values);
    const named = write.intent === WriteIntent.CREATE || write.intent === WriteIntent.UPSERT;
    const domain = write.domain?.trim().toUpperCase() || null;
    if (named && !domain) report(ErrorReason.REQUIRED, 'domain', 'The domain is required');
    // the code's domain prefix is checked once the domain is known to exist (decideWrite)
    const code = named ? checkConceptCode(write.code, null, 'code', report) : conceptCode(write.code);
    const patch = normalizePatch(write.patch ?? {}, report);
    const newCode = write.newCode === undefined || write.newCode === null ? null : conceptCode(write.newCode);
    if (write.newCode && !newCode)
      report(ErrorReason.INVALID_FORMAT, 'newCode', `"${write.newCode}" is not a concept code`, { value: write.newCode });
    const replacedBy = write.replacedBy ? conceptCode(write.replacedBy) : null;
    if (write.replacedBy && !replacedBy) {
      report(ErrorReason.INVALID_FORMAT, 'replacedBy', `"${write.replacedBy}" is not a concept code`, { value: write.replacedBy });
    }
    if (write.status !== undefined && write.status !== null && !STATUSES.has(write.status)) {
      report(ErrorReason.INVALID_VALUE, 'status', `"${String(write.status)}" is not a status (${[...STATUSES].join(', ')})`, {
        value: write.status,
      });
    }
    if (!code) {
      if (!named) report(ErrorReason.NOT_FOUND, 'code', `No concept "${write.code}"`, { concept: write.code });
      return null;
    }
    return {
      ord,
      line: write.line ?? null,
      subject: write.subject ?? null,
      intent: write.intent,
      code,
      newCode,
      domain,
      version: write.version ?? null,
      patch,
      action: write.action ?? null,
      status: write.status && STATUSES.has(write.status) ? write.status : null,
      replacedBy,
      replacedByGiven: write.replacedBy !== undefined,
    };
  }
}
