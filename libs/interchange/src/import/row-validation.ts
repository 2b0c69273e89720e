import { CONCEPT_CODE, LIMITS as CONCEPT_LIMITS } from '@lexique/vocabulary';
import { MappingRecord, SystemRecord } from '../records';

/**
 * The checks of one imported row that need no database. The limits and the
 * code pattern of concepts are the API editing's own (`@lexique/vocabulary`);
 * unlike the editing validators, which stop at the first error, these collect
 * every problem of a row for the import report.
 */
export const LIMITS = { ...CONCEPT_LIMITS, localCode: 100, localLabel: 500, note: 2000 } as const;
const RELATIONS = ['EXACT', 'CLOSE', 'BROAD', 'NARROW', 'RELATED', 'UNMAPPED'];
const SYSTEM_STATUSES = ['ACTIVE', 'RETIRING', 'RETIRED'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface FieldProblem {
  field: string;
  message: string;
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
