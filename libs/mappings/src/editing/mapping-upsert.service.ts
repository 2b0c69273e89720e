import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { badInput, ErrorCode, ErrorReason, REASON_CODES, refusal, RequestContext } from '@lexique/core';
import { normalizeReason } from '@lexique/vocabulary';
import { MappingEntity } from '../mappings/mapping.entity';
import { MappingPatchInput } from '../writing/mapping-patch';
import { MappingIntent, MappingWrite } from '../writing/mapping-write';
import { MappingWriter } from '../writing/mapping-writer';
import { writtenMappings } from './written-mappings';

export const MAX_MAPPING_BATCH = 10_000;

/** What a caller sends for one mapping: which one, and the fields it gives (a field left out keeps its value). */
export interface MappingFieldsInput extends MappingPatchInput {
  id?: string | null;
  system: string;
  localCode: string;
}

export interface MappingItem {
  input: MappingFieldsInput;
  /** Absent to create; the version read to update. */
  version?: number | null;
}

export interface MappingItemError {
  index: number;
  code: ErrorCode;
  reason: ErrorReason;
  field: string | null;
  message: string;
  currentVersion: number | null;
}

export interface MappingBatchResult {
  applied: boolean;
  created: number;
  updated: number;
  proposed: number;
  unchanged: number;
  errors: MappingItemError[];
}

/** Refusals about who may write: not data to fix item by item, so a bulk call is refused as a whole. */
const WHO_MAY = new Set<ErrorReason>([ErrorReason.NOT_STEWARD, ErrorReason.ADMIN_ONLY]);

/** Fields of a mapping write that are arguments of the mutation, not of its input. */
const ARGUMENTS = new Set(['version']);

/**
 * Creating and editing mappings through the API, one or ten thousand at a
 * time, by the one writer: every item is checked; any refusal and nothing is
 * written. Drafts, entries in review and published mappings of domains
 * without review change in place; an edit of a published mapping where
 * review is required becomes its pending revision, which translation does
 * not see. A field the input leaves out keeps its value.
 */
@Injectable()
export class MappingUpsertService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: MappingWriter,
  ) {}

  /** One mapping; a refusal is thrown with its field path under `input`; an edit that changes nothing is UNCHANGED. */
  upsert(
    ctx: RequestContext,
    input: MappingFieldsInput,
    version: number | null | undefined,
    reasonText?: string | null,
  ): Promise<MappingEntity> {
    return this.dataSource.transaction(async (manager) => {
      const reason = normalizeReason(reasonText);
      const result = await this.writer.write(manager, ctx, [toWrite({ input, version })], { reason, refuseUnchanged: true });
      const [mapping] = await writtenMappings(manager, result, (field) => (ARGUMENTS.has(field) ? field : `input.${field}`));
      return mapping;
    });
  }

  /** Up to MAX_MAPPING_BATCH mappings, all or nothing, with an error per refused item. */
  upsertMany(ctx: RequestContext, items: readonly MappingItem[], reasonText?: string | null): Promise<MappingBatchResult> {
    if (items.length > MAX_MAPPING_BATCH) {
      throw refusal(
        ErrorReason.TOO_MANY,
        `At most ${MAX_MAPPING_BATCH} mappings per call (got ${items.length}): split the batch`,
        'inputs',
        {
          max: MAX_MAPPING_BATCH,
        },
      );
    }
    if (items.length === 0) throw badInput('inputs', '"inputs" must hold at least one mapping');
    return this.dataSource.transaction(async (manager) => {
      const reason = normalizeReason(reasonText);
      const result = await this.writer.write(manager, ctx, items.map(toWrite), { reason });
      const denied = result.problems.find((p) => WHO_MAY.has(p.reason));
      if (denied) throw refusal(denied.reason, `inputs[${denied.ord}]: ${denied.message}`, `inputs[${denied.ord}]`, denied.values);
      const placed = (ord: number, field: string | null) =>
        field === null ? null : ARGUMENTS.has(field) ? `inputs[${ord}].${field}` : `inputs[${ord}].mapping.${field}`;
      const counts = result.applied ? result.counts : { created: 0, updated: 0, proposed: 0, unchanged: 0 };
      return {
        applied: result.applied,
        ...counts,
        errors: result.problems.map((p) => ({
          index: p.ord,
          code: REASON_CODES[p.reason],
          reason: p.reason,
          field: placed(p.ord, p.field),
          message: p.message,
          currentVersion: typeof p.values?.currentVersion === 'number' ? p.values.currentVersion : null,
        })),
      };
    });
  }
}

function toWrite({ input, version }: MappingItem): MappingWrite {
  const { id, system, localCode, ...patch } = input;
  return {
    intent: version === null || version === undefined ? MappingIntent.CREATE : MappingIntent.UPDATE,
    system,
    localCode,
    id,
    version,
    patch,
  };
}
