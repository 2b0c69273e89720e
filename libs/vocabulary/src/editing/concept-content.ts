import { badInput, isLanguage, LANGUAGES, LocalizedText, LocalizedTexts } from '@lexique/core';

/** The editable content of a concept, as stored in revisions and change rows. Relations are by code. */
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

/** What a client sends: every field optional; on update a given field replaces the current value, null clears it. */
export type ConceptContentInput = {
  [K in keyof ConceptContent]?: K extends 'prefLabel' | 'definition' | 'scopeNote' | 'altLabels'
    ? LocalizedInput | null
    : ConceptContent[K] | null;
};

/** Texts keyed by language tag, as sent: `{ fr: "…", en: null }`. Any key is accepted here and checked. */
export type LocalizedInput = object;

export const LIMITS = { label: 200, text: 4000, source: 500, acronym: 20, items: 50 } as const;

/** Codes are `DOMAIN-XXXX`: the domain's code, a dash, 1 to 12 capitals or digits (as the database checks). */
export const CONCEPT_CODE = /^[A-Z][A-Z0-9]{1,9}-[A-Z0-9]{1,12}$/;

export function validateConceptCode(raw: string, domain: string, field = 'input.code'): string {
  const code = raw.trim().toUpperCase();
  if (!CONCEPT_CODE.test(code)) {
    throw badInput(field, `"${field}" must look like ${domain}-0042: the domain code, a dash, then 1 to 12 letters or digits`);
  }
  if (!code.startsWith(`${domain}-`)) throw badInput(field, `"${field}" must start with the code of its domain, "${domain}-"`);
  return code;
}

/** Merges an input into the current content (undefined keeps, null clears). */
export function mergeContent(current: ConceptContent, input: ConceptContentInput): ConceptContentInput {
  const merged: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(input)) if (value !== undefined) merged[key] = value;
  return merged;
}

/**
 * Checks and normalises content: labels trimmed, non-empty and within limits,
 * French preferred label present, languages known, lists deduplicated, codes
 * upper-cased. Errors name the input field, e.g. `input.prefLabel.fr`.
 */
export function validateContent(input: ConceptContentInput, path = 'input'): ConceptContent {
  const prefLabel = localizedText(input.prefLabel, `${path}.prefLabel`, LIMITS.label);
  if (!prefLabel.fr)
    throw badInput(`${path}.prefLabel.fr`, `"${path}.prefLabel.fr" is required: every concept has a French preferred label`);
  return {
    prefLabel,
    altLabels: localizedLists(input.altLabels, `${path}.altLabels`),
    hiddenLabels: texts(input.hiddenLabels, `${path}.hiddenLabels`, LIMITS.label),
    acronyms: texts(input.acronyms, `${path}.acronyms`, LIMITS.acronym),
    definition: localizedText(input.definition, `${path}.definition`, LIMITS.text),
    scopeNote: localizedText(input.scopeNote, `${path}.scopeNote`, LIMITS.text),
    source: input.source === null || input.source === undefined ? null : text(input.source, `${path}.source`, LIMITS.source),
    broader: codes(input.broader, `${path}.broader`),
    related: codes(input.related, `${path}.related`),
  };
}

function text(value: unknown, field: string, max: number): string {
  const trimmed = typeof value === 'string' ? value.trim().replace(/\s+/g, ' ') : '';
  if (!trimmed) throw badInput(field, `"${field}" must not be empty`);
  if (trimmed.length > max) throw badInput(field, `"${field}" must be at most ${max} characters (got ${trimmed.length})`);
  return trimmed;
}

function texts(values: readonly string[] | null | undefined, field: string, max: number): string[] {
  const list = values ?? [];
  if (list.length > LIMITS.items) throw badInput(field, `"${field}" holds at most ${LIMITS.items} entries`);
  return [...new Set(list.map((value, i) => text(value, `${field}[${i}]`, max)))];
}

function languagesOf(value: object, field: string): void {
  for (const lang of Object.keys(value)) {
    if (!isLanguage(lang))
      throw badInput(`${field}.${lang}`, `"${field}" has an unknown language "${lang}" (known: ${LANGUAGES.join(', ')})`);
  }
}

export function localizedText(value: LocalizedInput | null | undefined, field: string, max: number): LocalizedText {
  if (!value) return {};
  languagesOf(value, field);
  const result: LocalizedText = {};
  for (const lang of LANGUAGES) {
    const entry = (value as Record<string, unknown>)[lang];
    if (entry !== null && entry !== undefined) result[lang] = text(entry, `${field}.${lang}`, max);
  }
  return result;
}

function localizedLists(value: LocalizedInput | null | undefined, field: string): LocalizedTexts {
  if (!value) return {};
  languagesOf(value, field);
  const result: LocalizedTexts = {};
  for (const lang of LANGUAGES) {
    const entries = (value as Record<string, unknown>)[lang];
    if (entries !== null && entries !== undefined && !Array.isArray(entries))
      throw badInput(`${field}.${lang}`, `"${field}.${lang}" must be a list`);
    const list = texts(entries as string[] | null | undefined, `${field}.${lang}`, LIMITS.label);
    if (list.length) result[lang] = list;
  }
  return result;
}

function codes(values: readonly string[] | null | undefined, field: string): string[] {
  const list = values ?? [];
  if (list.length > LIMITS.items) throw badInput(field, `"${field}" holds at most ${LIMITS.items} entries`);
  return [
    ...new Set(
      list.map((value, i) => {
        const code = typeof value === 'string' ? value.trim().toUpperCase() : '';
        if (!CONCEPT_CODE.test(code)) throw badInput(`${field}[${i}]`, `"${field}[${i}]" is not a concept code`);
        return code;
      }),
    ),
  ];
}
