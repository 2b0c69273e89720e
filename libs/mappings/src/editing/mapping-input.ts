import { badInput } from '@lexique/core';
import { localCodeKey } from '../mappings/local-code';
import { MappingRelation } from '../mappings/mapping-relation';
import { normalizeSystemCode } from '../systems/system.service';

/** What a caller sends for one mapping (dates checked here whatever the caller's types say). */
export interface MappingFieldsInput {
  id?: string | null;
  system: string;
  localCode: string;
  localLabel?: string | null;
  relation: MappingRelation;
  concept?: string | null;
  validFrom?: unknown;
  validTo?: unknown;
  note?: string | null;
  justification?: string | null;
  confidence?: number | null;
}

/** The fields of a mapping that an edit may change (a revision proposes these). */
export interface MappingContent {
  localLabel: string | null;
  relation: MappingRelation;
  concept: string | null;
  validFrom: string | null;
  validTo: string | null;
  note: string | null;
  justification: string;
  confidence: number | null;
}

export interface ValidMapping {
  id: string | null;
  system: string;
  /** As the system writes it; `key` is what lookups compare. */
  localCode: string;
  key: string;
  content: MappingContent;
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

// The same limits as the database checks, refused earlier with a field path.
const LOCAL_CODE_MAX = 100;
const LOCAL_LABEL_MAX = 500;
const NOTE_MAX = 2000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Checks what can be checked without the database. Field paths are relative
 * to the mapping (`concept`); callers prefix them (`input.`, `inputs[3].mapping.`).
 */
export function validateMapping(input: MappingFieldsInput): ValidMapping {
  const system = normalizeSystemCode(input.system ?? '');
  if (!system) throw badInput('system', '"system" must not be empty');
  const localCode = input.localCode ?? '';
  const key = localCodeKey(localCode);
  if (!key) throw badInput('localCode', '"localCode" must not be empty');
  if (localCode.length > LOCAL_CODE_MAX) throw badInput('localCode', `"localCode" must be at most ${LOCAL_CODE_MAX} characters`);
  const relation = input.relation;
  if (!Object.values(MappingRelation).includes(relation)) throw badInput('relation', `Unknown relation "${String(relation)}"`);
  const concept = input.concept?.trim().toUpperCase() || null;
  if (relation === MappingRelation.UNMAPPED && concept) {
    throw badInput('concept', '"concept" must be empty when the relation is UNMAPPED (the code has no canonical equivalent)');
  }
  if (relation !== MappingRelation.UNMAPPED && !concept) {
    throw badInput('concept', `"concept" is required with the relation ${relation} (use UNMAPPED for a code without equivalent)`);
  }
  const validFrom = date(input.validFrom, 'validFrom');
  const validTo = date(input.validTo, 'validTo');
  if (validFrom && validTo && validFrom >= validTo) throw badInput('validTo', '"validTo" (exclusive) must come after "validFrom"');
  const justification = input.justification?.trim() || DEFAULT_JUSTIFICATION;
  if (!(MAPPING_JUSTIFICATIONS as readonly string[]).includes(justification)) {
    throw badInput('justification', `Unknown justification "${justification}" (known: ${MAPPING_JUSTIFICATIONS.join(', ')})`);
  }
  const confidence = input.confidence ?? null;
  if (confidence !== null && !(Number.isFinite(confidence) && confidence >= 0 && confidence <= 1)) {
    throw badInput('confidence', '"confidence" must be between 0 and 1');
  }
  return {
    id: input.id ?? null,
    system,
    localCode,
    key,
    content: {
      localLabel: text(input.localLabel, 'localLabel', LOCAL_LABEL_MAX),
      relation,
      concept,
      validFrom,
      validTo,
      note: text(input.note, 'note', NOTE_MAX),
      justification,
      confidence: confidence === null ? null : Math.round(confidence * 1000) / 1000,
    },
  };
}

/** Whether two validity periods ([from, to), open where null) share a day. */
export function periodsOverlap(a: { validFrom: string | null; validTo: string | null }, b: typeof a): boolean {
  return (
    (a.validFrom === null || b.validTo === null || a.validFrom < b.validTo) &&
    (b.validFrom === null || a.validTo === null || b.validFrom < a.validTo)
  );
}

function text(value: string | null | undefined, field: string, max: number): string | null {
  const trimmed = value?.trim() ?? '';
  if (!trimmed) return null;
  if (trimmed.length > max) throw badInput(field, `"${field}" must be at most ${max} characters`);
  return trimmed;
}

function date(value: unknown, field: string): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string' || !DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
    throw badInput(field, `"${field}" must be a date as YYYY-MM-DD`);
  return value;
}
