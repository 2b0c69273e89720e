import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AccessPolicy } from '@lexique/access';
import { DomainError, ErrorReason, RefusalValues, RequestContext } from '@lexique/core';
import { WriteProblems } from '@lexique/vocabulary';
import { systemLifecycleMachine } from '../editing/system-lifecycle.machine';
import { SystemStatus } from '../systems/system-status';
import { PlacedMappingProblem } from './mapping-writer';
import { checkSystemCode, mergeSystemFields, SystemIntent, SystemSnapshot, SystemWrite } from './system-write';
import { SystemWriteRepository } from './system-write.repository';

export type SystemEffect = 'CREATE' | 'UPDATE' | 'UNCHANGED';

export interface SystemOutcome {
  ord: number;
  code: string;
  effect: SystemEffect | null;
  status: SystemStatus | null;
  line: number | null;
}

export interface SystemWriteResult {
  applied: boolean;
  problems: PlacedMappingProblem[];
  outcomes: SystemOutcome[];
  counts: { created: number; updated: number; unchanged: number };
}

const NO_REVIEW = { requiresReview: false };

/** A code another system holds: found when read, or committed by a concurrent write before this one's insert. */
const codeTaken = (code: string) => [ErrorReason.CODE_TAKEN, 'code', `The system ${code} already exists`, { system: code }] as const;

/**
 * The one way information systems are created and changed (admins): by
 * `createSystem`/`updateSystem` and by the systems CSV, with the same checks,
 * the same lock (the system's row, as mapping writers take it) and the same
 * change rows. Runs in the caller's transaction; the caller rolls it back
 * when the result is refused or was a dry run.
 */
@Injectable()
export class SystemWriter {
  constructor(private readonly repository: SystemWriteRepository) {}

  async write(
    manager: EntityManager,
    ctx: RequestContext,
    writes: readonly SystemWrite[],
    options: { reason: string | null; refuseUnchanged?: boolean },
  ): Promise<SystemWriteResult> {
    const problems = new WriteProblems();
    const policy = AccessPolicy.of(ctx.principal);
    const codes = writes.map((write, ord) =>
      checkSystemCode(write.code, (reason, field, message, values) => problems.add(ord, reason, field, message, values)),
    );
    const current = await this.repository.lockAndRead(manager, [...new Set(codes.filter((code): code is string => code !== null))]);
    const first = new Map<string, number>();
    const plans: ({ effect: SystemEffect; before: SystemSnapshot | null; after: SystemSnapshot; version: number } | null)[] = [];
    writes.forEach((write, ord) => {
      const report = (reason: ErrorReason, field: string | null, message: string, values?: RefusalValues) =>
        problems.add(ord, reason, field, message, values);
      plans.push(null);
      if (!policy.mayAdminister) return report(ErrorReason.ADMIN_ONLY, null, 'Only admins manage information systems');
      const code = codes[ord];
      if (code === null) return;
      if (first.has(code)) {
        const earlier = writes[first.get(code)!].line;
        return report(
          ErrorReason.DUPLICATE_IN_REQUEST,
          'code',
          `${code} is already named earlier in this write${earlier ? ` (line ${earlier})` : ''}`,
          {
            system: code,
          },
        );
      }
      first.set(code, ord);
      const stored = current.get(code) ?? null;
      if (write.intent === SystemIntent.CREATE && stored) return report(...codeTaken(code));
      if (write.intent === SystemIntent.UPDATE && !stored)
        return report(ErrorReason.NOT_FOUND, 'code', `No system "${code}"`, { system: code });
      if (stored && write.version !== null && write.version !== undefined && write.version !== stored.version) {
        return report(
          ErrorReason.STALE_VERSION,
          'version',
          `System ${code} has changed since you read it (you named version ${write.version}, it is at version ${stored.version})`,
          { currentVersion: stored.version },
        );
      }
      const before = stored?.snapshot ?? null;
      const fields = mergeSystemFields(before, write.fields, report);
      const after: SystemSnapshot = { code, ...fields };
      if (before && after.status !== before.status) {
        try {
          systemLifecycleMachine.next(before.status, after.status, NO_REVIEW);
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          return report(error.reason, 'status', error.message, error.details);
        }
        // the lifecycle's dates follow a change of status unless given
        const today = new Date().toISOString().slice(0, 10);
        if (after.status === SystemStatus.RETIRING && write.fields.retiringSince === undefined) after.retiringSince = today;
        if (after.status === SystemStatus.RETIRED && write.fields.retiredOn === undefined) after.retiredOn = today;
      }
      const effect: SystemEffect = !before ? 'CREATE' : sameSystem(before, after) ? 'UNCHANGED' : 'UPDATE';
      if (effect === 'UNCHANGED' && options.refuseUnchanged && !problems.isRefused(ord))
        return report(ErrorReason.UNCHANGED, null, `This edit changes nothing in ${code}`, { system: code });
      plans[ord] = { effect, before, after, version: stored?.version ?? 0 };
    });

    if (problems.count === 0) {
      const changes: { action: string; before: SystemSnapshot | null; after: SystemSnapshot }[] = [];
      for (const [ord, plan] of plans.entries()) {
        if (!plan || plan.effect === 'UNCHANGED') continue;
        if (plan.effect === 'CREATE') {
          // a code no row held when read has no row to lock: a concurrent write may create it first, and takes it
          if (!(await this.repository.insert(manager, plan.after))) {
            problems.add(ord, ...codeTaken(plan.after.code));
            break;
          }
        }
        // the row was read under its lock: a miss means a writer that bypassed it
        else if (!(await this.repository.update(manager, plan.after, plan.version)))
          throw new Error(`System ${plan.after.code} changed while it was being written`);
        changes.push({ action: plan.effect, before: plan.before, after: plan.after });
      }
      if (problems.count === 0) await this.repository.record(manager, ctx.principal.id, changes, options.reason);
    }
    const applied = problems.count === 0;
    const count = (effect: SystemEffect) => plans.filter((plan) => plan?.effect === effect).length;
    return {
      applied,
      problems: problems.sorted().map((problem) => ({ ...problem, line: writes[problem.ord].line ?? null })),
      outcomes: writes.map((write, ord) => ({
        ord,
        code: codes[ord] ?? String(write.code ?? ''),
        effect: plans[ord]?.effect ?? null,
        status: plans[ord]?.after.status ?? null,
        line: write.line ?? null,
      })),
      counts: { created: count('CREATE'), updated: count('UPDATE'), unchanged: count('UNCHANGED') },
    };
  }
}

/** Whether two snapshots say the same (whatever the order of their keys: one comes from PostgreSQL's jsonb). */
function sameSystem(a: SystemSnapshot, b: SystemSnapshot): boolean {
  const keys = Object.keys(b) as (keyof SystemSnapshot)[];
  return keys.every((key) => JSON.stringify(sorted(a[key])) === JSON.stringify(sorted(b[key])));
}

function sorted(value: unknown): unknown {
  return value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).sort(([x], [y]) => x.localeCompare(y))) : value;
}
