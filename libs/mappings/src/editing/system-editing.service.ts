import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, refusal, RequestContext } from '@lexique/core';
import { normalizeReason } from '@lexique/vocabulary';
import { InformationSystemEntity } from '../systems/information-system.entity';
import { SystemFieldsInput, SystemIntent, SystemWrite } from '../writing/system-write';
import { SystemWriter } from '../writing/system-writer';

/** Fields of `updateSystem` that are arguments, not under `input`. */
const ARGUMENTS = new Set(['code', 'version']);

/**
 * Admin writes of information systems through the API, by the one writer of
 * systems: creation, edits and lifecycle, with the optimistic lock and a
 * change row in the same transaction. A field left out keeps its value.
 */
@Injectable()
export class SystemEditingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: SystemWriter,
  ) {}

  create(ctx: RequestContext, input: SystemFieldsInput & { code: string }, reasonText?: string | null): Promise<InformationSystemEntity> {
    const { code, ...fields } = input;
    return this.one(
      ctx,
      { intent: SystemIntent.CREATE, code, fields: { status: 'ACTIVE', ...fields } },
      reasonText,
      (field) => `input.${field}`,
    );
  }

  /** Fields given replace the current ones; a new `status` must follow the lifecycle. */
  update(
    ctx: RequestContext,
    code: string,
    version: number,
    input: SystemFieldsInput,
    reasonText?: string | null,
  ): Promise<InformationSystemEntity> {
    return this.one(ctx, { intent: SystemIntent.UPDATE, code, version, fields: input }, reasonText, (field) =>
      ARGUMENTS.has(field) ? field : `input.${field}`,
    );
  }

  private one(ctx: RequestContext, write: SystemWrite, reasonText: string | null | undefined, place: (field: string) => string) {
    return this.dataSource.transaction(async (manager) => {
      const result = await this.writer.write(manager, ctx, [write], { reason: normalizeReason(reasonText), refuseUnchanged: true });
      if (!result.applied) {
        const problems = result.problems.map((p) => ({
          reason: p.reason,
          field: p.field === null ? null : place(p.field),
          message: p.message,
        }));
        const [first] = result.problems;
        const error = refusal(first.reason, first.message, problems[0].field ?? undefined, first.values);
        throw problems.length > 1
          ? new DomainError(error.code, error.message, error.field, { ...error.details, problems }, error.reason)
          : error;
      }
      return load(manager, result.outcomes[0].code);
    });
  }
}

async function load(manager: EntityManager, code: string): Promise<InformationSystemEntity> {
  return (await manager.getRepository(InformationSystemEntity).findOneBy({ code }))!;
}
