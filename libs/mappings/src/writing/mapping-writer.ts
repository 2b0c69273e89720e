import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AccessPolicy } from '@lexique/access';
import { ErrorReason, RefusalValues, RequestContext } from '@lexique/core';
import { BULK_WRITE_ROWS, WriteProblem, WriteProblems } from '@lexique/vocabulary';
import { localCodeKey } from '../mappings/local-code';
import { MappingStatus } from '../mappings/mapping-relation';
import { MappingRow } from '../mappings/mapping-row';
import { MappingAction } from '../editing/mapping-status.machine';
import { decideMapping } from './mapping-decision';
import { hasNul, MAPPING_LIMITS, mappingSystemCode, normalizeMappingPatch } from './mapping-patch';
import { MappingCounts, MappingDecision, MappingEffect, MappingIntent, MappingKind, MappingOutcome, MappingWrite } from './mapping-write';
import { MappingWriteRepository, STAGE_BATCH, StagedMapping } from './mapping-write.repository';

export interface MappingWriteOptions {
  /** Recorded with every change row. */
  reason: string | null;
  /** A mutation's edit that changes nothing is refused (UNCHANGED); a file's row is reported unchanged. */
  refuseUnchanged?: boolean;
  /** How many outcomes to return, in write order (null: all). */
  outcomeLimit?: number | null;
}

/** A problem of the write with the line its mapping came from. */
export interface PlacedMappingProblem extends WriteProblem {
  line: number | null;
}

export interface MappingWriteResult {
  applied: boolean;
  problems: PlacedMappingProblem[];
  outcomes: MappingOutcome[];
  /** What the write does, or would do without its problems. */
  counts: MappingCounts;
  sentToReview: number;
  /** Mappings deleted, as they were. */
  deleted: MappingRow[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_VERSION = 2 ** 31 - 1;
const ACTIONS = new Set<string>(Object.values(MappingAction));

/**
 * The one way mappings are created, changed, reviewed and deleted (DESIGN
 * principle 6): a mutation hands it one mapping, a bulk mutation ten
 * thousand, an import a million rows, and each gets the same checks, the
 * same locks in the same order and the same change rows. Runs in the
 * caller's transaction; the caller rolls it back when the result is refused
 * or was a dry run.
 */
@Injectable()
export class MappingWriter {
  constructor(private readonly repository: MappingWriteRepository) {}

  async begin(manager: EntityManager, ctx: RequestContext, options: MappingWriteOptions): Promise<MappingWriteSession> {
    await this.repository.create(manager);
    return new MappingWriteSession(this.repository, manager, ctx, options);
  }

  /** One call for writes already in hand. */
  async write(manager: EntityManager, ctx: RequestContext, writes: readonly MappingWrite[], options: MappingWriteOptions) {
    const session = await this.begin(manager, ctx, options);
    await session.add(writes);
    return session.finish();
  }
}

export class MappingWriteSession {
  private readonly problems = new WriteProblems();
  /** The line of each write, by ord (0: none); small integers keep a million of them cheap. */
  private readonly lines: number[] = [];
  /** The key of each write whose outcome is returned (the first `outcomeLimit`). */
  private readonly listedKeys: string[] = [];
  private readonly listed: number;
  private pending: StagedMapping[] = [];
  /** The COPY of the previous batch, running while the next one is checked. */
  private copying: Promise<void> = Promise.resolve();
  private readonly policy: AccessPolicy;

  constructor(
    private readonly repository: MappingWriteRepository,
    private readonly manager: EntityManager,
    private readonly ctx: RequestContext,
    private readonly options: MappingWriteOptions,
  ) {
    this.policy = AccessPolicy.of(ctx.principal);
    this.listed = options.outcomeLimit ?? Infinity;
  }

  /** Checks each write's own values and stages it; streams of any length go through in batches. */
  async add(writes: Iterable<MappingWrite>): Promise<void> {
    for (const write of writes) {
      const ord = this.lines.length;
      const staged = this.check(ord, write);
      this.lines.push(write.line ?? 0);
      if (ord < this.listed) this.listedKeys.push(staged ? `${staged.system}/${staged.codeKey}` : String(write.localCode ?? ''));
      if (staged) this.pending.push(staged);
      if (this.pending.length >= STAGE_BATCH) await this.flush();
    }
  }

  /** Locks, resolves, decides, checks and, when nothing is wrong, applies the whole write. */
  async finish(): Promise<MappingWriteResult> {
    await this.flush();
    await this.copying;
    const { manager, repository, problems, policy } = this;
    if (this.lines.length >= BULK_WRITE_ROWS) await repository.allowBulkMemory(manager);
    const me = this.ctx.principal.id;
    await repository.lockSystems(manager, await repository.systemsNamed(manager));
    await repository.lockDomains(manager, await repository.domainsToLock(manager));
    const readable = policy.unpublishedDomains;
    await repository.resolve(manager, me, readable === 'all' ? null : [...readable]);
    problems.addAll(await repository.requestProblems(manager));

    const decisions = (await repository.kinds(manager)).map((kind) => ({ kind, decision: this.decide(kind) }));
    await repository.recordDecisions(manager, decisions);
    problems.addAll(await repository.decisionProblems(manager));
    problems.addAll(await repository.integrityProblems(manager));

    const applied = problems.count === 0;
    let deleted: MappingRow[] = [];
    if (applied) {
      const written = await repository.apply(manager, me, this.options.reason);
      // the versions were read under the locks: a shortfall means a writer that bypassed them
      if (written.written !== written.expected)
        throw new Error(
          `Mappings changed while they were being written (${written.written} of ${written.expected} rows at the version read)`,
        );
      deleted = written.deleted;
      if (written.written >= BULK_WRITE_ROWS) await repository.refreshStatistics(manager);
    }
    const { sentToReview, ...counts } = await repository.counts(manager);
    return {
      applied,
      problems: problems.sorted().map((problem) => ({ ...problem, line: this.lines[problem.ord] || null })),
      outcomes: await this.outcomes(),
      counts,
      sentToReview,
      deleted,
    };
  }

  /** A kind's decision; an edit that changes nothing is refused where the caller asked for a change. */
  private decide(text: string): MappingDecision {
    const decision = decideMapping(parseKind(text), this.policy, this.ctx.principal.id);
    if (this.options.refuseUnchanged && 'effect' in decision && decision.effect === MappingEffect.UNCHANGED) {
      return { refusal: { reason: ErrorReason.UNCHANGED, field: null, message: 'This edit changes nothing in {key}', values: {} } };
    }
    return decision;
  }

  /** Every mapping of the write in order, those refused before staging (no system or code) included. */
  private async outcomes(): Promise<MappingOutcome[]> {
    const limit = this.listedKeys.length;
    const staged = new Map((await this.repository.outcomes(this.manager, limit)).map((outcome) => [outcome.ord, outcome]));
    return this.listedKeys.map(
      (key, ord) => staged.get(ord) ?? { ord, key, id: null, effect: null, status: null, line: this.lines[ord] || null },
    );
  }

  /**
   * Sends the pending rows to the staging table. The connection takes one
   * COPY at a time, but checking the next rows needs no database: Node reads
   * and checks while PostgreSQL stores the previous batch.
   */
  private async flush(): Promise<void> {
    await this.copying;
    const rows = this.pending;
    this.pending = [];
    const copying = this.repository.stage(this.manager, rows);
    // awaited by the next flush or by finish, which see its failure; handled now so that it is never reported unhandled meanwhile
    copying.catch(() => undefined);
    this.copying = copying;
  }

  /** The write's own values, before any database read: every problem is reported, the row staged if its system and code are usable. */
  private check(ord: number, write: MappingWrite): StagedMapping | null {
    const report = (reason: ErrorReason, field: string, message: string, values?: RefusalValues) =>
      this.problems.add(ord, reason, field, message, values);
    const system = mappingSystemCode(write.system);
    if (!system) report(ErrorReason.REQUIRED, 'system', 'The system is required');
    else if (hasNul(system)) report(ErrorReason.INVALID_VALUE, 'system', '"system" contains a NUL character');
    const localCode = typeof write.localCode === 'string' ? write.localCode : '';
    const codeKey = localCodeKey(localCode);
    if (!codeKey) report(ErrorReason.REQUIRED, 'localCode', 'The local code is required');
    else if (hasNul(localCode)) report(ErrorReason.INVALID_VALUE, 'localCode', '"localCode" contains a NUL character');
    else if (localCode.length > MAPPING_LIMITS.localCode) {
      report(ErrorReason.TOO_LONG, 'localCode', `"localCode" must be at most ${MAPPING_LIMITS.localCode} characters`, {
        max: MAPPING_LIMITS.localCode,
        length: localCode.length,
      });
    }
    const content = write.intent === MappingIntent.CREATE || write.intent === MappingIntent.UPDATE || write.intent === MappingIntent.IMPORT;
    const refusedFields = new Set<string>();
    const patch = content
      ? normalizeMappingPatch(write.patch ?? {}, (reason, field, message, values) => {
          refusedFields.add(field);
          report(reason, field, message, values);
        })
      : {};
    // a value refused here is staged as given and empty, so that no other rule reports it missing again
    for (const field of refusedFields) (patch as Record<string, unknown>)[field] = null;
    const id = write.id?.trim() || null;
    if (id && !UUID.test(id)) report(ErrorReason.NOT_FOUND, 'id', `No mapping with id "${id}"`, { id });
    const version = write.version ?? null;
    if (version !== null && !(Number.isInteger(version) && version >= 1 && version <= MAX_VERSION))
      report(ErrorReason.INVALID_VALUE, 'version', `"${String(version)}" is not a version`, { value: String(version) });
    if (write.intent === MappingIntent.TRANSITION && !ACTIONS.has(write.action ?? ''))
      report(ErrorReason.INVALID_VALUE, 'action', `"${String(write.action)}" is not a review action`);
    if (!system || !codeKey || hasNul(system) || hasNul(localCode) || (id && !UUID.test(id))) return null;
    // a file names a mapping by the start of its validity when it gives one; an API call by id when the code has several
    const match =
      write.intent === MappingIntent.CREATE || (write.intent === MappingIntent.IMPORT && patch.validFrom !== undefined)
        ? 'period'
        : id
          ? 'id'
          : 'only';
    return {
      ord,
      line: write.line ?? null,
      intent: write.intent,
      system,
      localCode,
      codeKey,
      id,
      match,
      version: version !== null && Number.isInteger(version) && version >= 1 && version <= MAX_VERSION ? version : null,
      patch,
      action: write.intent === MappingIntent.TRANSITION ? (write.action ?? null) : null,
    };
  }
}

/** A kind as resolve writes it: its fields joined by `|` in MappingKind's order, booleans as PostgreSQL prints them (t, f). */
function parseKind(text: string): MappingKind {
  const [
    intent,
    action,
    exists,
    status,
    domain,
    afterDomain,
    requiresReview,
    editedByMe,
    hasPending,
    pendingByMe,
    versionMatches,
    changes,
  ] = text.split('|');
  return {
    intent: intent as MappingIntent,
    action: (action || null) as MappingAction | null,
    exists: exists === 't',
    status: (status || null) as MappingStatus | null,
    domain: domain || null,
    afterDomain: afterDomain || null,
    requiresReview: requiresReview === 't',
    editedByMe: editedByMe === 't',
    hasPending: hasPending === 't',
    pendingByMe: pendingByMe === 't',
    versionMatches: versionMatches === 't',
    changes: changes === 't',
  };
}
