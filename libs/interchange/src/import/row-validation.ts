import { isLanguage, LANGUAGES, LocalizedText, LocalizedTexts } from '@lexique/core';
import { CONCEPT_CODE, LIMITS as CONCEPT_LIMITS } from '@lexique/vocabulary';
import { ConceptRecord, MappingRecord, SystemRecord } from '../records';

/**
 * The checks of one imported row that need no database. The limits and the
 * code pattern of concepts are the API editing's own (`@lexique/vocabulary`);
 * unlike the editing validators, which stop at the first error, these collect
 * every problem of a row for the import report.
 */
export const LIMITS = { ...CONCEPT_LIMITS, localCode: 100, localLabel: 500, note: 2000 } as const;
const STATUSES = ['DRAFT', 'IN_REVIEW', 'PUBLISHED', 'DEPRECATED'];
const RELATIONS = ['EXACT', 'CLOSE', 'BROAD', 'NARROW', 'RELATED', 'UNMAPPED'];
const SYSTEM_STATUSES = ['ACTIVE', 'RETIRING', 'RETIRED'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface FieldProblem {
  field: string;
  message: string;
}

type Concept = Partial<ConceptRecord> & { code: string };

/** Normalises a concept in place (trimmed, codes upper-cased, duplicates dropped) and returns what is wrong with it. */
export function validateConcept(concept: Concept): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });
  concept.code = (concept.code ?? '').trim().toUpperCase();
  concept.domain = concept.domain?.trim().toUpperCase();
  if (!CONCEPT_CODE.test(concept.code))
    add('code', `"${concept.code}" is not a concept code: the domain code, a dash, then 1 to 12 letters or digits (FIN-0042)`);
  else if (concept.domain && !concept.code.startsWith(`${concept.domain}-`))
    add('code', `The code must start with the code of its domain, "${concept.domain}-"`);
  if (!concept.domain) add('domain', 'The domain is required');
  if (concept.status !== undefined) {
    concept.status = concept.status.trim().toUpperCase();
    if (concept.status === '') concept.status = undefined;
    else if (!STATUSES.includes(concept.status)) add('status', `"${concept.status}" is not a status (${STATUSES.join(', ')})`);
  }
  if (concept.prefLabel !== undefined) {
    concept.prefLabel = localizedText(concept.prefLabel, 'prefLabel', LIMITS.label, add);
    if (!concept.prefLabel.fr) add('prefLabel@fr', 'Every concept has a French preferred label');
  }
  if (concept.altLabels !== undefined) concept.altLabels = localizedLists(concept.altLabels, 'altLabels', add);
  if (concept.definition !== undefined) concept.definition = localizedText(concept.definition, 'definition', LIMITS.text, add);
  if (concept.scopeNote !== undefined) concept.scopeNote = localizedText(concept.scopeNote, 'scopeNote', LIMITS.text, add);
  if (concept.acronyms !== undefined) concept.acronyms = texts(concept.acronyms, 'acronyms', LIMITS.acronym, add);
  if (concept.hiddenLabels !== undefined) concept.hiddenLabels = texts(concept.hiddenLabels, 'hiddenLabels', LIMITS.label, add);
  if (concept.source) concept.source = text(concept.source, 'source', LIMITS.source, add);
  for (const field of ['broader', 'narrower', 'related'] as const) {
    if (concept[field] !== undefined) concept[field] = codes(concept[field], field, concept.code, add);
  }
  if (concept.replacedBy) {
    concept.replacedBy = concept.replacedBy.trim().toUpperCase();
    if (!CONCEPT_CODE.test(concept.replacedBy)) add('replacedBy', `"${concept.replacedBy}" is not a concept code`);
    if (concept.replacedBy === concept.code) add('replacedBy', 'A concept cannot replace itself');
  }
  const pref = new Set(Object.values(concept.prefLabel ?? {}));
  for (const [lang, values] of Object.entries(concept.altLabels ?? {})) {
    for (const value of values ?? [])
      if (concept.prefLabel?.[lang as 'fr'] === value) add(`altLabels@${lang}`, `"${value}" is already the preferred label`);
  }
  for (const value of concept.hiddenLabels ?? []) if (pref.has(value)) add('hiddenLabels', `"${value}" is already a preferred label`);
  return problems;
}

export function validateMapping(mapping: Partial<MappingRecord>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });
  mapping.system = mapping.system?.trim().toUpperCase();
  if (!mapping.system) add('system', 'The system is required');
  if (mapping.localCode === undefined || mapping.localCode.trim() === '') add('localCode', 'The local code is required');
  else if (mapping.localCode.length > LIMITS.localCode) add('localCode', `At most ${LIMITS.localCode} characters`);
  mapping.relation = mapping.relation?.trim().toUpperCase();
  if (!mapping.relation || !RELATIONS.includes(mapping.relation))
    add('relation', `"${mapping.relation ?? ''}" is not a relation (${RELATIONS.join(', ')})`);
  if (mapping.concept !== undefined && mapping.concept !== null) {
    mapping.concept = mapping.concept.trim().toUpperCase();
    if (!CONCEPT_CODE.test(mapping.concept)) add('concept', `"${mapping.concept}" is not a concept code`);
  }
  if (mapping.relation === 'UNMAPPED' && mapping.concept) add('concept', 'An UNMAPPED code has no concept');
  if (mapping.relation && mapping.relation !== 'UNMAPPED' && !mapping.concept)
    add('concept', `A ${mapping.relation} mapping names a concept`);
  if (mapping.localLabel && mapping.localLabel.length > LIMITS.localLabel) add('localLabel', `At most ${LIMITS.localLabel} characters`);
  if (mapping.note && mapping.note.length > LIMITS.note) add('note', `At most ${LIMITS.note} characters`);
  for (const field of ['validFrom', 'validTo'] as const) {
    const value = mapping[field];
    if (value && (!DATE.test(value) || Number.isNaN(Date.parse(value)))) add(field, `"${value}" is not a date (YYYY-MM-DD)`);
  }
  if (mapping.validFrom && mapping.validTo && mapping.validFrom >= mapping.validTo)
    add('validTo', 'The end of validity must come after its start');
  if (mapping.confidence !== undefined && mapping.confidence !== null && !(mapping.confidence >= 0 && mapping.confidence <= 1)) {
    add('confidence', 'The confidence is a number between 0 and 1');
  }
  if (mapping.justification !== undefined && !/^[A-Za-z][\w.-]*:\S+$/.test(mapping.justification)) {
    add('justification', `"${mapping.justification}" is not a SEMAPV CURIE (semapv:ManualMappingCuration)`);
  }
  return problems;
}

export function validateSystem(system: Partial<SystemRecord>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });
  system.code = system.code?.trim().toUpperCase();
  system.status = system.status?.trim().toUpperCase();
  if (!system.code || !/^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$/.test(system.code) || system.code.length > 40)
    add('code', `"${system.code ?? ''}" is not a system code (SI-MER-FIN)`);
  if (!system.name?.trim()) add('name', 'The name is required');
  if (!system.kind || !/^[A-Z][A-Z0-9_]{0,19}$/.test(system.kind)) add('kind', `"${system.kind ?? ''}" is not a kind (RH, FIN, ACH…)`);
  if (!system.owner || !/^([0-9][0-9AB][0-9]{3}|[0-9]{9})$/.test(system.owner))
    add('owner', 'The owner is an INSEE code (5 characters) or a SIREN (9 digits)');
  if (!system.ownerName?.trim()) add('ownerName', 'The owner name is required');
  if (!system.status || !SYSTEM_STATUSES.includes(system.status))
    add('status', `"${system.status ?? ''}" is not a status (${SYSTEM_STATUSES.join(', ')})`);
  return problems;
}

type Add = (field: string, message: string) => void;

function text(value: string, field: string, max: number, add: Add): string {
  const trimmed = value.trim().replace(/\s+/g, ' ');
  if (trimmed.length > max) add(field, `At most ${max} characters (got ${trimmed.length})`);
  return trimmed;
}

function texts(values: string[], field: string, max: number, add: Add): string[] {
  if (values.length > LIMITS.items) add(field, `At most ${LIMITS.items} values`);
  return [...new Set(values.map((v) => text(v, field, max, add)).filter((v) => v !== ''))];
}

function localizedText(value: LocalizedText, field: string, max: number, add: Add): LocalizedText {
  const result: LocalizedText = {};
  for (const [lang, entry] of Object.entries(value)) {
    if (!isLanguage(lang)) add(`${field}@${lang}`, `Unknown language "${lang}" (known: ${LANGUAGES.join(', ')})`);
    else if (entry?.trim()) result[lang] = text(entry, `${field}@${lang}`, max, add);
  }
  return result;
}

function localizedLists(value: LocalizedTexts, field: string, add: Add): LocalizedTexts {
  const result: LocalizedTexts = {};
  for (const [lang, entries] of Object.entries(value)) {
    if (!isLanguage(lang)) add(`${field}@${lang}`, `Unknown language "${lang}" (known: ${LANGUAGES.join(', ')})`);
    else {
      const list = texts(entries ?? [], `${field}@${lang}`, LIMITS.label, add);
      if (list.length) result[lang] = list;
    }
  }
  return result;
}

function codes(values: string[], field: string, own: string, add: Add): string[] {
  const list = [...new Set(values.map((v) => v.trim().toUpperCase()))];
  for (const code of list) {
    if (!CONCEPT_CODE.test(code)) add(field, `"${code}" is not a concept code`);
    else if (code === own) add(field, `A concept cannot be ${field} to itself`);
  }
  if (list.length > LIMITS.items) add(field, `At most ${LIMITS.items} values`);
  return list;
}
