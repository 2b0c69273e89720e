import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessPolicy } from '@lexique/access';
import { ErrorReason, LocalizedText, RequestContext, refusal } from '@lexique/core';
import { ChangeLogRepository } from '@lexique/database';
import { DomainEntity } from '../domains/domain.entity';
import { LIMITS, LocalizedInput, localizedTextInput } from '../writing/concept-patch';
import { WriteProblem } from '../writing/write-problem';
import { normalizeReason } from './write-context';

export interface DomainInput {
  label?: LocalizedInput | null;
  description?: LocalizedInput | null;
  requiresReview?: boolean | null;
}

/** A domain as a file states it: every text given replaces the current one. */
export interface DomainStatement {
  code: string;
  label: LocalizedText;
  description: LocalizedText;
  /** Kept as it is when the file does not say (SKOS has no word for it). */
  requiresReview?: boolean;
}

interface DomainSnapshot {
  code: string;
  label: LocalizedText;
  description: LocalizedText;
  requiresReview: boolean;
}

export interface DomainImportResult {
  created: number;
  updated: number;
  unchanged: number;
  problems: WriteProblem[];
}

const DOMAIN_CODE = /^[A-Z][A-Z0-9]{1,9}$/;

/**
 * The one writer of domains (admins): createDomain, updateDomain and the
 * schemes of SKOS files, with one optimistic lock and one change row each.
 * Texts by language keep the languages an edit leaves out, as concepts do.
 */
@Injectable()
export class DomainEditingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly changeLog: ChangeLogRepository,
  ) {}

  create(ctx: RequestContext, input: DomainInput & { code: string }, reasonText?: string | null): Promise<DomainEntity> {
    return this.dataSource.transaction(async (manager) => {
      const reason = normalizeReason(reasonText);
      AccessPolicy.of(ctx.principal).assertMayAdminister('manage domains');
      const code = input.code.trim().toUpperCase();
      if (!DOMAIN_CODE.test(code)) {
        throw refusal(ErrorReason.INVALID_FORMAT, '"input.code" must be 2 to 10 capitals or digits, starting with a letter', 'input.code');
      }
      const label = required(localizedTextInput(input.label, 'input.label', LIMITS.label));
      const description = localizedTextInput(input.description, 'input.description', LIMITS.text);
      const snapshot = { code, label, description, requiresReview: input.requiresReview ?? true };
      if (!(await this.write(manager, ctx, snapshot, null, reason))) {
        throw refusal(ErrorReason.CODE_TAKEN, `The domain ${code} already exists`, 'input.code', { domain: code });
      }
      return (await manager.getRepository(DomainEntity).findOneBy({ code }))!;
    });
  }

  update(ctx: RequestContext, code: string, version: number, input: DomainInput, reasonText?: string | null): Promise<DomainEntity> {
    return this.dataSource.transaction(async (manager) => {
      const reason = normalizeReason(reasonText);
      AccessPolicy.of(ctx.principal).assertMayAdminister('manage domains');
      const current = await manager.getRepository(DomainEntity).findOneBy({ code: code.trim().toUpperCase() });
      if (!current) throw refusal(ErrorReason.NOT_FOUND, `No domain "${code}"`, 'code', { domain: code });
      const merge = (base: LocalizedText, change: LocalizedInput | null | undefined, field: string, max: number): LocalizedText => {
        if (change === undefined) return base;
        if (change === null) return {};
        const given = localizedTextInput(change, field, max);
        const merged: Record<string, string | null> = { ...base, ...given };
        for (const [lang, value] of Object.entries(change as Record<string, unknown>)) if (value === null) merged[lang] = null;
        return Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== null));
      };
      const snapshot: DomainSnapshot = {
        code: current.code,
        label: required(merge(current.label, input.label, 'input.label', LIMITS.label)),
        description: merge(current.description, input.description, 'input.description', LIMITS.text),
        requiresReview: input.requiresReview ?? current.requiresReview,
      };
      if (same(snapshotOf(current), snapshot)) {
        throw refusal(ErrorReason.UNCHANGED, `This edit changes nothing in domain ${current.code}`, undefined, { domain: current.code });
      }
      await this.write(manager, ctx, snapshot, { version, current }, reason);
      return (await manager.getRepository(DomainEntity).findOneBy({ code: current.code }))!;
    });
  }

  /** The schemes of a file, in the import's transaction: created or changed by admins, unchanged ones left alone. */
  async importDomains(
    manager: EntityManager,
    ctx: RequestContext,
    statements: readonly { ord: number; domain: DomainStatement }[],
    reason: string | null,
  ): Promise<DomainImportResult> {
    const result: DomainImportResult = { created: 0, updated: 0, unchanged: 0, problems: [] };
    const policy = AccessPolicy.of(ctx.principal);
    for (const { ord, domain } of statements) {
      const current = await manager.getRepository(DomainEntity).findOneBy({ code: domain.code });
      const snapshot: DomainSnapshot = { ...domain, requiresReview: domain.requiresReview ?? current?.requiresReview ?? true };
      if (current && same(snapshotOf(current), snapshot)) {
        result.unchanged++;
        continue;
      }
      if (!DOMAIN_CODE.test(domain.code) || !domain.label.fr) {
        const field = domain.label.fr ? 'code' : 'prefLabel.fr';
        result.problems.push({
          ord,
          field,
          reason: ErrorReason.INVALID_VALUE,
          message: `Domain ${domain.code} needs a code and a French label`,
        });
        continue;
      }
      if (!policy.mayAdminister) {
        const message = `Creating or changing domain ${domain.code} is for admins`;
        result.problems.push({
          ord,
          field: 'skos:ConceptScheme',
          reason: ErrorReason.ADMIN_ONLY,
          message,
          values: { domain: domain.code },
        });
        continue;
      }
      await this.write(manager, ctx, snapshot, current ? { version: current.version, current } : null, reason);
      if (current) result.updated++;
      else result.created++;
    }
    return result;
  }

  /**
   * Creates the domain (false when the code is taken), or updates it only if
   * it is still at the version named: the optimistic lock and the change row,
   * once for every door.
   */
  private async write(
    manager: EntityManager,
    ctx: RequestContext,
    after: DomainSnapshot,
    existing: { version: number; current: DomainEntity } | null,
    reason: string | null,
  ): Promise<boolean> {
    const values = [after.code, JSON.stringify(after.label), JSON.stringify(after.description), after.requiresReview];
    if (!existing) {
      const [inserted]: unknown[] = await manager.query(
        `INSERT INTO domain (code, label, description, requires_review) VALUES ($1, $2, $3, $4) ON CONFLICT (code) DO NOTHING RETURNING code`,
        values,
      );
      if (!inserted) return false;
    } else {
      const [rows]: [unknown[], number] = await manager.query(
        `UPDATE domain SET label = $2, description = $3, requires_review = $4, version = version + 1, updated_at = now()
         WHERE code = $1 AND version = $5 RETURNING code`,
        [...values, existing.version],
      );
      if (rows.length === 0) {
        const now = await manager.getRepository(DomainEntity).findOneBy({ code: after.code });
        throw refusal(
          ErrorReason.STALE_VERSION,
          `Domain ${after.code} has changed since you read it (you named version ${existing.version}, it is at version ${now?.version})`,
          'version',
          { currentVersion: now?.version ?? null },
        );
      }
    }
    await this.changeLog.record(manager, {
      principal: ctx.principal.id,
      entityType: 'DOMAIN',
      entityId: after.code,
      entityKey: after.code,
      domain: after.code,
      action: existing ? 'UPDATE' : 'CREATE',
      before: existing ? snapshotOf(existing.current) : null,
      after,
      reason,
    });
    return true;
  }
}

function snapshotOf(domain: DomainEntity): DomainSnapshot {
  return { code: domain.code, label: domain.label, description: domain.description, requiresReview: domain.requiresReview };
}

function same(a: DomainSnapshot, b: DomainSnapshot): boolean {
  const sorted = (text: LocalizedText) => JSON.stringify(Object.entries(text).sort());
  return (
    a.code === b.code &&
    a.requiresReview === b.requiresReview &&
    sorted(a.label) === sorted(b.label) &&
    sorted(a.description) === sorted(b.description)
  );
}

function required(label: LocalizedText): LocalizedText {
  if (!label.fr) throw refusal(ErrorReason.REQUIRED, '"input.label.fr" is required: every domain has a French label', 'input.label.fr');
  return label;
}
