import { ErrorReason, isLanguage, Language, LANGUAGES, LocalizedText, LocalizedTexts, refusal } from '@lexique/core';

/**
 * What a write changes in a concept's content. A key left out keeps the
 * field; in texts by language, a language left out keeps its value and a
 * null clears it; a list replaces the whole list. This is the one shape every
 * door hands the writer: a mutation's input, a row of a file, a revision.
 */
export interface ConceptPatch {
  prefLabel?: Partial<Record<Language, string | null>>;
  altLabels?: Partial<Record<Language, string[] | null>>;
  hiddenLabels?: string[];
  acronyms?: string[];
  definition?: Partial<Record<Language, string | null>>;
  scopeNote?: Partial<Record<Language, string | null>>;
  source?: string | null;
  broader?: string[];
  /** Only files state it: the concepts of the same write this one is broader than. */
  narrower?: string[];
  related?: string[];
}

/** A concept's content as snapshots and revisions hold it; relations by code. */
export interface ConceptContent {
  prefLabel: LocalizedText;
  altLabels: LocalizedTexts;
  hiddenLabels: string[];
  acronyms: string[];
  definition: LocalizedText;
  scopeNote: LocalizedText;
  source: string | null;
  broader: string[];
  related: string[];
}

/** What a client sends: texts by language as `{ fr: "…", en: null }` (any key, checked here), lists, or null to clear. */
export type ConceptPatchInput = { [K in keyof ConceptPatch]?: unknown };

export const LIMITS = { label: 200, text: 4000, source: 500, acronym: 20, items: 50 } as const;

/** Codes are `DOMAIN-XXXX`: the domain's code, a dash, 1 to 12 capitals or digits (as the database checks). */
export const CONCEPT_CODE = /^[A-Z][A-Z0-9]{1,9}-[A-Z0-9]{1,12}$/;

export const LOCALIZED_TEXTS = ['prefLabel', 'definition', 'scopeNote'] as const;
const TEXT_LIMITS: Record<(typeof LOCALIZED_TEXTS)[number], number> = {
  prefLabel: LIMITS.label,
  definition: LIMITS.text,
  scopeNote: LIMITS.text,
};
const CODE_LISTS = ['broader', 'narrower', 'related'] as const;

export type FieldProblemSink = (reason: ErrorReason, field: string, message: string, values?: Record<string, unknown>) => void;

/** Upper-cases and trims a code; null when it is not a concept code. */
export function conceptCode(raw: unknown): string | null {
  const code = typeof raw === 'string' ? raw.trim().toUpperCase() : '';
  return CONCEPT_CODE.test(code) ? code : null;
}

/** Checks a code against its domain; reports under `field`. */
export function checkConceptCode(raw: unknown, domain: string | null, field: string, report: FieldProblemSink): string | null {
  const code = conceptCode(raw);
  if (!code) {
    report(
      ErrorReason.INVALID_FORMAT,
      field,
      `"${typeof raw === 'string' ? raw : ''}" is not a concept code: the domain code, a dash, then 1 to 12 letters or digits (${domain ?? 'FIN'}-0042)`,
      { value: raw ?? null },
    );
    return null;
  }
  if (domain && !code.startsWith(`${domain}-`)) {
    report(ErrorReason.CODE_OUTSIDE_DOMAIN, field, `${code} must start with the code of its domain, "${domain}-"`, {
      concept: code,
      domain,
    });
    return null;
  }
  return code;
}

/**
 * Checks and normalises what a write says about a concept's content: texts
 * trimmed with their spaces collapsed, within limits, languages known, lists
 * without duplicates, codes upper-cased and sorted. Every problem is reported
 * (files want them all); values that cannot be used are left out of the patch.
 */
export function normalizePatch(input: ConceptPatchInput, report: FieldProblemSink): ConceptPatch {
  const patch: ConceptPatch = {};
  for (const key of LOCALIZED_TEXTS) {
    if (input[key] !== undefined) patch[key] = localizedText(input[key], key, TEXT_LIMITS[key], report);
  }
  if (input.altLabels !== undefined) patch.altLabels = localizedLists(input.altLabels, 'altLabels', report);
  if (input.hiddenLabels !== undefined) patch.hiddenLabels = texts(input.hiddenLabels, 'hiddenLabels', LIMITS.label, report);
  if (input.acronyms !== undefined) patch.acronyms = texts(input.acronyms, 'acronyms', LIMITS.acronym, report);
  if (input.source !== undefined) patch.source = input.source === null ? null : text(input.source, 'source', LIMITS.source, report);
  for (const key of CODE_LISTS) if (input[key] !== undefined) patch[key] = codes(input[key], key, report);
  return patch;
}

/** Texts by language as sent: `{ fr: "…", en: null }`. Any key is accepted here and checked. */
export type LocalizedInput = object;

/**
 * A whole text by language checked alone (domain and system descriptions):
 * trimmed, languages known, within `max`; the first problem is thrown,
 * its field under `field`.
 */
export function localizedTextInput(value: LocalizedInput | null | undefined, field: string, max: number): LocalizedText {
  if (value === null || value === undefined) return {};
  const text = localizedText(value, field, max, (reason, at, message, values) => {
    throw refusal(reason, message, at, values);
  });
  return Object.fromEntries(Object.entries(text).filter(([, entry]) => entry !== null));
}

/** Whether a patch changes nothing at all (no key). */
export function isEmptyPatch(patch: ConceptPatch): boolean {
  return Object.keys(patch).length === 0;
}

/** A whole content as a patch that replaces every field (a revision being applied, a file's full statement of a concept). */
export function replacingPatch(content: Partial<ConceptContent>): ConceptPatch {
  const patch: ConceptPatch = {};
  for (const key of LOCALIZED_TEXTS) if (content[key] !== undefined) patch[key] = everyLanguage(content[key]);
  if (content.altLabels !== undefined) patch.altLabels = everyLanguage(content.altLabels);
  for (const key of ['hiddenLabels', 'acronyms', 'broader', 'related', 'source'] as const) {
    if (content[key] !== undefined) (patch as Record<string, unknown>)[key] = content[key];
  }
  return patch;
}

/** Texts by language with every language named: those absent become null, so that applying them replaces the field. */
export function everyLanguage<T>(value: Partial<Record<Language, T>> | null | undefined): Partial<Record<Language, T | null>> {
  return Object.fromEntries(LANGUAGES.map((lang) => [lang, value?.[lang] ?? null]));
}

function text(value: unknown, field: string, max: number, report: FieldProblemSink): string | null {
  const trimmed = typeof value === 'string' ? value.trim().replace(/\s+/g, ' ') : '';
  if (typeof value !== 'string') {
    report(ErrorReason.INVALID_VALUE, field, `"${field}" must be text`);
    return null;
  }
  if (!trimmed) {
    report(ErrorReason.REQUIRED, field, `"${field}" must not be empty`);
    return null;
  }
  if (trimmed.length > max) {
    report(ErrorReason.TOO_LONG, field, `"${field}" must be at most ${max} characters (got ${trimmed.length})`, {
      max,
      length: trimmed.length,
    });
  }
  return trimmed;
}

function list(value: unknown, field: string, report: FieldProblemSink): unknown[] {
  if (value === null) return [];
  if (!Array.isArray(value)) {
    report(ErrorReason.INVALID_VALUE, field, `"${field}" must be a list`);
    return [];
  }
  if (value.length > LIMITS.items)
    report(ErrorReason.TOO_MANY, field, `"${field}" holds at most ${LIMITS.items} entries`, { max: LIMITS.items });
  return value;
}

function texts(value: unknown, field: string, max: number, report: FieldProblemSink): string[] {
  const values = list(value, field, report).map((entry, i) => text(entry, `${field}[${i}]`, max, report));
  return [...new Set(values.filter((entry): entry is string => entry !== null))];
}

function codes(value: unknown, field: string, report: FieldProblemSink): string[] {
  const values = list(value, field, report).map((entry, i) => {
    const code = conceptCode(entry);
    if (!code)
      report(ErrorReason.INVALID_FORMAT, `${field}[${i}]`, `"${String(entry)}" in "${field}" is not a concept code`, { value: entry });
    return code;
  });
  return [...new Set(values.filter((code): code is string => code !== null))].sort();
}

function languagesOf(value: unknown, field: string, report: FieldProblemSink): Record<string, unknown> {
  if (value === null) return Object.fromEntries(LANGUAGES.map((lang) => [lang, null]));
  if (typeof value !== 'object' || Array.isArray(value)) {
    report(ErrorReason.INVALID_VALUE, field, `"${field}" must give texts by language, e.g. { fr: "…" }`);
    return {};
  }
  const entries = value as Record<string, unknown>;
  for (const lang of Object.keys(entries)) {
    if (!isLanguage(lang))
      report(
        ErrorReason.UNKNOWN_LANGUAGE,
        `${field}.${lang}`,
        `"${field}" has an unknown language "${lang}" (known: ${LANGUAGES.join(', ')})`,
        {
          language: lang,
        },
      );
  }
  return entries;
}

function localizedText(value: unknown, field: string, max: number, report: FieldProblemSink): Partial<Record<Language, string | null>> {
  const entries = languagesOf(value, field, report);
  const result: Partial<Record<Language, string | null>> = {};
  for (const lang of LANGUAGES) {
    if (!(lang in entries)) continue;
    const entry = entries[lang];
    result[lang] =
      entry === null || entry === undefined || (typeof entry === 'string' && entry.trim() === '')
        ? null
        : text(entry, `${field}.${lang}`, max, report);
  }
  return result;
}

function localizedLists(value: unknown, field: string, report: FieldProblemSink): Partial<Record<Language, string[] | null>> {
  const entries = languagesOf(value, field, report);
  const result: Partial<Record<Language, string[] | null>> = {};
  for (const lang of LANGUAGES) {
    if (!(lang in entries)) continue;
    const values = texts(entries[lang], `${field}.${lang}`, LIMITS.label, report);
    // an empty list and null both clear the language: one way to say it keeps snapshots comparable
    result[lang] = values.length ? values : null;
  }
  return result;
}
