import { ErrorReason, RefusalValues } from '@lexique/core';
import { MappingRelation } from '../mappings/mapping-relation';

/** The fields of a mapping a write may give, as a caller sends them (checked here whatever the caller's types say). */
export interface MappingPatchInput {
  localLabel?: string | null;
  relation?: string | null;
  concept?: string | null;
  validFrom?: unknown;
  validTo?: unknown;
  note?: string | null;
  justification?: string | null;
  confidence?: number | null;
}

/** The same fields, checked and normalised; a key is present only when the write gives the field. */
export interface MappingPatch {
  localLabel?: string | null;
  relation?: MappingRelation;
  concept?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
  note?: string | null;
  justification?: string;
  confidence?: number | null;
}

/**
 * SSSOM mapping justifications (semapv vocabulary) a mapping may carry; the
 * last one says a mapping came from a file someone else produced.
 */
export const MAPPING_JUSTIFICATIONS = [
  'semapv:ManualMappingCuration',
  'semapv:LexicalMatching',
  'semapv:LexicalSimilarityThresholdMatching',
  'semapv:SemanticSimilarityThresholdMatching',
  'semapv:LogicalReasoning',
  'semapv:CompositeMatching',
  'semapv:StructuralMatching',
  'semapv:InstanceBasedMatching',
  'semapv:BackgroundKnowledgeBasedMatching',
  'semapv:MappingChaining',
  'semapv:MappingReview',
  'semapv:UnspecifiedMatching',
  'semapv:MappingImport',
] as const;

export const DEFAULT_JUSTIFICATION = 'semapv:ManualMappingCuration';

/** The limits of the database's checks, refused earlier with the field named. */
export const MAPPING_LIMITS = { localCode: 100, localLabel: 500, note: 2000 } as const;

const RELATIONS = new Set<string>(Object.values(MappingRelation));
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

type Report = (reason: ErrorReason, field: string, message: string, values?: RefusalValues) => void;

/** A system code as written: trimmed, upper-cased. */
export function mappingSystemCode(value: string | null | undefined): string {
  return (value ?? '').trim().toUpperCase();
}

/**
 * A date a mapping may hold: YYYY-MM-DD naming a real day of years 1 to 9999
 * (2024-02-30 is none, and PostgreSQL has no year 0), or null.
 */
export function calendarDate(value: unknown): string | null | undefined {
  if (value === null) return null;
  if (typeof value !== 'string') return undefined;
  const match = DATE.exec(value.trim());
  if (!match) return undefined;
  const [year, month, day] = match.slice(1).map(Number);
  if (year < 1) return undefined;
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? value.trim() : undefined;
}

/** Checks the fields a write gives; every problem is reported, and a field with one is left out of the patch. */
export function normalizeMappingPatch(input: MappingPatchInput, report: Report): MappingPatch {
  const patch: MappingPatch = {};
  const has = (key: keyof MappingPatchInput) => Object.prototype.hasOwnProperty.call(input, key) && input[key] !== undefined;
  const text = (key: 'localLabel' | 'note', max: number) => {
    if (!has(key)) return;
    const value = input[key];
    if (value !== null && typeof value !== 'string') return report(ErrorReason.INVALID_VALUE, key, `"${key}" must be text`);
    const trimmed = value?.trim() || null;
    if (trimmed && hasNul(trimmed)) return report(ErrorReason.INVALID_VALUE, key, `"${key}" contains a NUL character`);
    if (trimmed && trimmed.length > max)
      return report(ErrorReason.TOO_LONG, key, `"${key}" must be at most ${max} characters`, { max, length: trimmed.length });
    patch[key] = trimmed;
  };
  text('localLabel', MAPPING_LIMITS.localLabel);
  text('note', MAPPING_LIMITS.note);

  if (has('relation')) {
    const relation = typeof input.relation === 'string' ? input.relation.trim().toUpperCase() : '';
    if (!relation) report(ErrorReason.REQUIRED, 'relation', 'The relation is required');
    else if (!RELATIONS.has(relation))
      report(ErrorReason.INVALID_VALUE, 'relation', `"${relation}" is not a relation (${[...RELATIONS].join(', ')})`, { value: relation });
    else patch.relation = relation as MappingRelation;
  }
  if (has('concept')) {
    const concept = typeof input.concept === 'string' ? input.concept.trim().toUpperCase() : null;
    if (concept && hasNul(concept)) report(ErrorReason.INVALID_VALUE, 'concept', '"concept" contains a NUL character');
    else patch.concept = concept || null;
  }
  for (const key of ['validFrom', 'validTo'] as const) {
    if (!has(key)) continue;
    const date = calendarDate(input[key] === '' ? null : input[key]);
    if (date === undefined) {
      report(ErrorReason.INVALID_FORMAT, key, `"${String(input[key])}" is not a date of the calendar as YYYY-MM-DD`, {
        value: String(input[key]),
      });
    } else patch[key] = date;
  }
  if (has('justification')) {
    const justification = typeof input.justification === 'string' ? input.justification.trim() : '';
    if (!justification) patch.justification = DEFAULT_JUSTIFICATION;
    else if (!(MAPPING_JUSTIFICATIONS as readonly string[]).includes(justification)) {
      report(
        ErrorReason.INVALID_VALUE,
        'justification',
        `Unknown justification "${justification}" (known: ${MAPPING_JUSTIFICATIONS.join(', ')})`,
        { value: justification },
      );
    } else patch.justification = justification;
  }
  if (has('confidence')) {
    const confidence = input.confidence;
    if (confidence === null) patch.confidence = null;
    else if (typeof confidence !== 'number' || !Number.isFinite(confidence) || confidence < 0 || confidence > 1)
      report(ErrorReason.INVALID_VALUE, 'confidence', '"confidence" must be a number from 0 to 1', { value: String(confidence) });
    else patch.confidence = Math.round(confidence * 1000) / 1000;
  }
  return patch;
}

/** PostgreSQL text cannot hold U+0000. */
export function hasNul(value: string): boolean {
  return value.includes('\u0000');
}
