import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { badInput, canSeeUnpublished, conflict, DomainError, ErrorCode, forbidden, RequestContext } from '@lexique/core';
import { ConceptStatus, normalizeReason } from '@lexique/vocabulary';
import { MappingStatus } from '../mappings/mapping-relation';
import { mappingFromRow, MappingRow } from '../mappings/mapping-row';
import { MappingEntity } from '../mappings/mapping.entity';
import { MappingFieldsInput, periodsOverlap, validateMapping, ValidMapping } from './mapping-input';
import { MappingSnapshot, sameContent } from './mapping-snapshot';
import { assertMayWriteMapping, changeKey, keyOf, MappingWriteGate, refusingOverlap, staleMapping } from './mapping-write-gate';
import {
  ConceptTarget,
  MappingColumns,
  MappingDomain,
  MappingWriterRepository,
  snapshotOf,
  StoredMapping,
} from './mapping-writer.repository';

export const MAX_MAPPING_BATCH = 10_000;

export interface MappingItem {
  input: MappingFieldsInput;
  /** Absent to create; the version read to update. */
  version?: number | null;
}

export interface MappingItemError {
  index: number;
  code: ErrorCode;
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

type Plan =
  | { kind: 'create'; index: number; valid: ValidMapping; domain: MappingDomain; columns: MappingColumns }
  | { kind: 'update'; index: number; target: StoredMapping; domain: MappingDomain; columns: MappingColumns }
  | { kind: 'propose'; index: number; target: StoredMapping; base: MappingSnapshot; proposed: MappingSnapshot }
  | { kind: 'unchanged'; index: number; target: StoredMapping };

/** Where a batch's items are checked against: what the database holds for them, read once under the locks. */
interface Known {
  systems: Map<string, MappingDomain>;
  concepts: Map<string, ConceptTarget>;
  existing: Map<string, StoredMapping[]>;
}

/**
 * Creating and editing mappings, one or ten thousand at a time, with the same
 * rules and the same few statements: every item is checked first; any refusal
 * and nothing is written (all or nothing, like imports); otherwise inserts,
 * updates, proposals and change rows go in one statement each, in one
 * transaction. Drafts, entries in review and published mappings of domains
 * without review change in place; an edit of a published mapping where review
 * is required becomes its pending revision, which translation does not see.
 */
@Injectable()
export class MappingUpsertService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: MappingWriterRepository,
    private readonly gate: MappingWriteGate,
  ) {}

  /** One mapping; a refusal is thrown with its field path under `input`. */
  upsert(
    ctx: RequestContext,
    input: MappingFieldsInput,
    version: number | null | undefined,
    reasonText?: string | null,
  ): Promise<MappingEntity> {
    return this.dataSource.transaction(async (manager) => {
      const reason = normalizeReason(reasonText);
      const { errors, entities } = await this.write(manager, ctx, [{ input, version }], reason, 'input.');
      if (errors.length > 0) {
        const [error] = errors;
        throw new DomainError(
          error.code,
          error.message,
          error.field ?? undefined,
          error.currentVersion === null ? undefined : { currentVersion: error.currentVersion },
        );
      }
      return entities[0];
    });
  }

  /** Up to MAX_MAPPING_BATCH mappings, all or nothing, with an error per refused item. */
  upsertMany(ctx: RequestContext, items: readonly MappingItem[], reasonText?: string | null): Promise<MappingBatchResult> {
    if (items.length > MAX_MAPPING_BATCH) {
      throw badInput('inputs', `At most ${MAX_MAPPING_BATCH} mappings per call (got ${items.length}): split the batch`);
    }
    return this.dataSource.transaction(async (manager) => {
      const reason = normalizeReason(reasonText);
      const { errors, plans } = await this.write(manager, ctx, items, reason, (index) => `inputs[${index}].mapping.`);
      // Grants are not data to fix item by item: a caller writing outside their domains is refused as a whole.
      const denied = errors.find((e) => e.code === ErrorCode.FORBIDDEN);
      if (denied) throw forbidden(`inputs[${denied.index}]: ${denied.message}`);
      const count = (kind: Plan['kind']) => (errors.length > 0 ? 0 : plans.filter((p) => p.kind === kind).length);
      return {
        applied: errors.length === 0,
        created: count('create'),
        updated: count('update'),
        proposed: count('propose'),
        unchanged: count('unchanged'),
        errors,
      };
    });
  }

  private async write(
    manager: EntityManager,
    ctx: RequestContext,
    items: readonly MappingItem[],
    reason: string | null,
    prefix: string | ((index: number) => string),
  ): Promise<{ errors: MappingItemError[]; plans: Plan[]; entities: MappingEntity[] }> {
    const pathOf = (index: number, field: string | undefined) =>
      field === undefined ? null : (typeof prefix === 'string' ? prefix : prefix(index)) + field;
    const errors: MappingItemError[] = [];
    const refuse = (index: number, error: unknown) => {
      if (!(error instanceof DomainError)) throw error;
      const currentVersion = error.details?.currentVersion;
      errors.push({
        index,
        code: error.code,
        field: pathOf(index, error.field),
        message: error.message,
        currentVersion: typeof currentVersion === 'number' ? currentVersion : null,
      });
    };

    const valid: { index: number; mapping: ValidMapping; version: number | null }[] = [];
    const seen = new Set<string>();
    items.forEach(({ input, version }, index) => {
      try {
        const mapping = validateMapping(input);
        const key = changeKey(mapping);
        if (seen.has(key)) throw badInput('localCode', `${key} appears more than once in this call`);
        seen.add(key);
        valid.push({ index, mapping, version: version ?? null });
      } catch (error) {
        refuse(index, error);
      }
    });

    const codes = valid.map(({ mapping }) => ({ system: mapping.system, key: mapping.key }));
    await this.writer.lockCodes(manager, codes);
    const known = await this.load(
      manager,
      valid.map((v) => v.mapping),
    );
    const plans: Plan[] = [];
    for (const item of valid) {
      try {
        plans.push(this.plan(ctx, known, item.index, item.mapping, item.version));
      } catch (error) {
        refuse(item.index, error);
      }
    }
    errors.sort((a, b) => a.index - b.index);
    if (errors.length > 0) return { errors, plans: [], entities: [] };
    const overlapField = typeof prefix === 'string' ? `${prefix}validFrom` : 'inputs';
    const entities = await refusingOverlap(overlapField, () => this.apply(manager, ctx, plans, reason));
    return { errors, plans, entities };
  }

  private async load(manager: EntityManager, mappings: readonly ValidMapping[]): Promise<Known> {
    const systems = await this.writer.systems(manager, [...new Set(mappings.map((m) => m.system))]);
    const concepts = await this.writer.concepts(manager, [
      ...new Set(mappings.flatMap((m) => (m.content.concept ? [m.content.concept] : []))),
    ]);
    const existing = new Map<string, StoredMapping[]>();
    for (const stored of await this.writer.existing(
      manager,
      mappings.map((m) => ({ system: m.system, key: m.key })),
    )) {
      const key = keyOf(stored);
      existing.set(key, [...(existing.get(key) ?? []), stored]);
    }
    return { systems, concepts, existing };
  }

  private plan(ctx: RequestContext, known: Known, index: number, valid: ValidMapping, version: number | null): Plan {
    const system = known.systems.get(valid.system);
    if (!system) throw badInput('system', `Unknown information system "${valid.system}"`);
    const concept = valid.content.concept ? this.concept(ctx, known, valid.content.concept) : null;
    const domain: MappingDomain = concept ?? system;
    assertMayWriteMapping(ctx.principal, domain.domain);
    const key = changeKey(valid);
    const periods = known.existing.get(key) ?? [];

    if (version === null) {
      const taken = periods.find((m) => periodsOverlap(m.snapshot, valid.content));
      if (taken) throw staleMapping(key, null, taken.entity.version, 'localCode');
      const status = domain.requiresReview ? MappingStatus.DRAFT : MappingStatus.PUBLISHED;
      return { kind: 'create', index, valid, domain, columns: this.columns(ctx, concept, valid, status) };
    }

    const target = this.target(key, periods, valid.id, version);
    assertMayWriteMapping(ctx.principal, target.domain);
    const other = periods.find((m) => m !== target && periodsOverlap(m.snapshot, valid.content));
    if (other) {
      throw badInput(
        valid.content.validFrom ? 'validFrom' : 'validTo',
        `${key} is also mapped from ${other.snapshot.validFrom ?? 'the beginning'} to ${other.snapshot.validTo ?? 'no end'}: periods of one local code must not overlap`,
      );
    }
    if (target.entity.status === MappingStatus.PUBLISHED && (target.requiresReview || domain.requiresReview)) {
      // Successive edits build on the pending proposal, not on what readers see.
      const base = target.pending?.proposed ?? target.snapshot;
      if (sameContent(base, valid.content)) return { kind: 'unchanged', index, target };
      const proposed: MappingSnapshot = { ...target.snapshot, ...valid.content, author: ctx.principal.id, reviewer: null };
      return { kind: 'propose', index, target, base, proposed };
    }
    if (sameContent(target.snapshot, valid.content)) return { kind: 'unchanged', index, target };
    return { kind: 'update', index, target, domain, columns: this.columns(ctx, concept, valid, target.entity.status) };
  }

  private concept(ctx: RequestContext, known: Known, code: string): ConceptTarget {
    const concept = known.concepts.get(code);
    if (!concept || (concept.status !== ConceptStatus.PUBLISHED && !canSeeUnpublished(ctx.principal, concept.domain!))) {
      throw badInput('concept', `Unknown concept "${code}"`);
    }
    if (concept.status !== ConceptStatus.PUBLISHED) {
      throw badInput('concept', `A mapping must point to a published concept (${code} is ${concept.status})`);
    }
    return concept;
  }

  private target(key: string, periods: StoredMapping[], id: string | null, version: number): StoredMapping {
    const found = id ? periods.filter((m) => m.entity.id === id) : periods;
    if (found.length === 0) {
      if (id) throw badInput('id', `${key} has no mapping with id ${id}`);
      throw staleMapping(key, version, null, 'localCode');
    }
    if (found.length > 1) throw badInput('id', `${key} has several validity periods: name the mapping to update by its id`);
    if (found[0].entity.version !== version) throw staleMapping(key, version, found[0].entity.version);
    return found[0];
  }

  private columns(ctx: RequestContext, concept: ConceptTarget | null, valid: ValidMapping, status: MappingStatus): MappingColumns {
    return { conceptId: concept?.id ?? null, content: valid.content, status, author: ctx.principal.id, reviewer: null };
  }

  private async apply(manager: EntityManager, ctx: RequestContext, plans: Plan[], reason: string | null): Promise<MappingEntity[]> {
    const creates = plans.flatMap((p) => (p.kind === 'create' ? [p] : []));
    const updates = plans.flatMap((p) => (p.kind === 'update' ? [p] : []));
    const proposals = plans.flatMap((p) => (p.kind === 'propose' ? [p] : []));

    const inserted = byKey(
      await this.writer.insert(
        manager,
        creates.map((p) => ({ system: p.valid.system, localCode: p.valid.localCode, ...p.columns })),
      ),
    );
    const updated = byId(
      await this.writer.update(
        manager,
        updates.map((p) => ({ id: p.target.entity.id, version: p.target.entity.version, ...p.columns })),
      ),
    );
    const bumped = byId(
      await this.writer.bumpVersions(
        manager,
        proposals.map((p) => ({ id: p.target.entity.id, version: p.target.entity.version })),
      ),
    );
    // The codes are locked and the versions were checked under the lock: a shortfall means a writer that bypassed the locks.
    if (updated.size !== updates.length || bumped.size !== proposals.length) {
      throw conflict('Some of these mappings changed while they were being written: reload them and try again');
    }
    await this.writer.propose(
      manager,
      proposals.map((p) => ({ id: p.target.entity.id, proposed: p.proposed })),
      ctx.principal.id,
      reason,
    );

    const entities: MappingEntity[] = [];
    const changes: Parameters<MappingWriteGate['record']>[2] = [];
    for (const plan of plans) {
      switch (plan.kind) {
        case 'create': {
          const row = inserted.get(changeKey(plan.valid))!;
          entities.push(mappingFromRow(row));
          changes.push({
            id: row.id,
            domain: plan.domain.domain,
            action: 'CREATE',
            before: null,
            after: snapshotOf(row, plan.valid.content.concept),
          });
          break;
        }
        case 'update': {
          const row = updated.get(plan.target.entity.id)!;
          entities.push(mappingFromRow(row));
          const after = snapshotOf(row, plan.columns.content.concept);
          changes.push({ id: row.id, domain: plan.domain.domain, action: 'UPDATE', before: plan.target.snapshot, after });
          break;
        }
        case 'propose': {
          const row = bumped.get(plan.target.entity.id)!;
          entities.push(mappingFromRow(row));
          changes.push({ id: row.id, domain: plan.target.domain, action: 'PROPOSE_REVISION', before: plan.base, after: plan.proposed });
          break;
        }
        case 'unchanged':
          entities.push(plan.target.entity);
          break;
      }
    }
    await this.gate.record(manager, ctx, changes, reason);
    return entities;
  }
}

function byKey(rows: MappingRow[]): Map<string, MappingRow> {
  return new Map(rows.map((row) => [changeKey({ system: row.system_code, localCode: row.local_code }), row]));
}

function byId(rows: MappingRow[]): Map<string, MappingRow> {
  return new Map(rows.map((row) => [row.id, row]));
}
