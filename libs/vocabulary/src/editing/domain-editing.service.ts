import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { badInput, conflict, LocalizedText, notFound, RequestContext } from '@lexique/core';
import { ChangeLogRepository } from '@lexique/database';
import { DomainEntity } from '../domains/domain.entity';
import { LIMITS, LocalizedInput, localizedTextInput } from '../writing/concept-patch';
import { normalizeReason } from './write-context';

export interface DomainInput {
  label?: LocalizedInput | null;
  description?: LocalizedInput | null;
  requiresReview?: boolean | null;
}

interface DomainSnapshot {
  code: string;
  label: LocalizedText;
  description: LocalizedText;
  requiresReview: boolean;
}

const DOMAIN_CODE = /^[A-Z][A-Z0-9]{1,9}$/;

/** Admin writes of domains, with the same optimistic lock and change log as concepts. */
@Injectable()
export class DomainEditingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly changeLog: ChangeLogRepository,
  ) {}

  create(ctx: RequestContext, input: DomainInput & { code: string }, reasonText?: string | null): Promise<DomainEntity> {
    return this.dataSource.transaction(async (manager) => {
      const reason = normalizeReason(reasonText);
      const code = input.code.trim().toUpperCase();
      if (!DOMAIN_CODE.test(code)) throw badInput('input.code', '"input.code" must be 2 to 10 capitals or digits, starting with a letter');
      const { label, description } = texts(input);
      const [inserted]: { code: string }[] = await manager.query(
        `INSERT INTO domain (code, label, description, requires_review) VALUES ($1, $2, $3, $4) ON CONFLICT (code) DO NOTHING RETURNING code`,
        [code, JSON.stringify(label), JSON.stringify(description), input.requiresReview ?? true],
      );
      if (!inserted) throw badInput('input.code', `The domain ${code} already exists`);
      const domain = (await manager.getRepository(DomainEntity).findOneBy({ code }))!;
      await this.record(manager, ctx, 'CREATE', null, domain, reason);
      return domain;
    });
  }

  update(ctx: RequestContext, code: string, version: number, input: DomainInput, reasonText?: string | null): Promise<DomainEntity> {
    return this.dataSource.transaction(async (manager) => {
      const reason = normalizeReason(reasonText);
      const domains = manager.getRepository(DomainEntity);
      const current = await domains.findOneBy({ code: code.trim().toUpperCase() });
      if (!current) throw notFound(`No domain "${code}"`, 'code');
      const { label, description } = texts({
        label: input.label === undefined ? current.label : input.label,
        description: input.description === undefined ? current.description : input.description,
      });
      const requiresReview = input.requiresReview ?? current.requiresReview;
      const [rows]: [unknown[], number] = await manager.query(
        `UPDATE domain SET label = $3, description = $4, requires_review = $5, version = version + 1, updated_at = now()
         WHERE code = $1 AND version = $2 RETURNING code`,
        [current.code, version, JSON.stringify(label), JSON.stringify(description), requiresReview],
      );
      if (rows.length === 0) {
        const now = await domains.findOneBy({ code: current.code });
        throw conflict(
          `Domain ${current.code} has changed since you read it (you named version ${version}, it is at version ${now?.version})`,
          {
            currentVersion: now?.version ?? null,
          },
        );
      }
      const updated = (await domains.findOneBy({ code: current.code }))!;
      await this.record(manager, ctx, 'UPDATE', current, updated, reason);
      return updated;
    });
  }

  private record(
    manager: EntityManager,
    ctx: RequestContext,
    action: string,
    before: DomainEntity | null,
    after: DomainEntity,
    reason: string | null,
  ) {
    return this.changeLog.record(manager, {
      principal: ctx.principal.id,
      entityType: 'DOMAIN',
      entityId: after.code,
      entityKey: after.code,
      domain: after.code,
      action,
      before: before && snapshot(before),
      after: snapshot(after),
      reason,
    });
  }
}

function snapshot(domain: DomainEntity): DomainSnapshot {
  return { code: domain.code, label: domain.label, description: domain.description, requiresReview: domain.requiresReview };
}

/** Domain texts follow the rules of concept texts: French label required, known languages, trimmed, bounded. */
function texts(input: DomainInput): { label: LocalizedText; description: LocalizedText } {
  const label = localizedTextInput(input.label, 'input.label', LIMITS.label);
  if (!label.fr) throw badInput('input.label.fr', '"input.label.fr" is required: every domain has a French label');
  return { label, description: localizedTextInput(input.description, 'input.description', LIMITS.text) };
}
