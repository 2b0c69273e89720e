import { badInput, LocalizedText } from '@lexique/core';
import { LIMITS, LocalizedInput, localizedTextInput } from '@lexique/vocabulary';
import { SystemStatus } from '../systems/system-status';

export interface SystemFieldsInput {
  name?: string | null;
  kind?: string | null;
  /** INSEE code of the owning commune (5 characters) or SIREN of the Métropole (9 digits). */
  owner?: string | null;
  ownerName?: string | null;
  description?: LocalizedInput | null;
  status?: SystemStatus | null;
  /** Dates as YYYY-MM-DD; checked here whatever the caller's types say. */
  activeSince?: unknown;
  retiringSince?: unknown;
  retiredOn?: unknown;
}

export interface SystemFields {
  name: string;
  kind: string;
  owner: string;
  ownerName: string;
  description: LocalizedText;
  activeSince: string | null;
  retiringSince: string | null;
  retiredOn: string | null;
}

// The same rules as the database checks, refused earlier with a field path.
const SYSTEM_CODE = /^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$/;
const KIND = /^[A-Z][A-Z0-9_]{0,19}$/;
const OWNER = /^([0-9][0-9AB][0-9]{3}|[0-9]{9})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function validateSystemCode(raw: string, field = 'input.code'): string {
  const code = raw.trim().toUpperCase();
  if (!SYSTEM_CODE.test(code) || code.length > 40) {
    throw badInput(field, `"${field}" must be capitals and digits in dash-separated parts, at most 40 characters (e.g. SIRH-BDX)`);
  }
  return code;
}

export function validateSystemFields(input: SystemFieldsInput): SystemFields {
  return {
    name: text(input.name, 'input.name', 200),
    kind: pattern(input.kind?.trim().toUpperCase(), 'input.kind', KIND, 'a business area in capitals, e.g. RH, FIN, GED'),
    owner: pattern(input.owner?.trim().toUpperCase(), 'input.owner', OWNER, 'an INSEE commune code (5 characters) or a SIREN (9 digits)'),
    ownerName: text(input.ownerName, 'input.ownerName', 200),
    description: localizedTextInput(input.description, 'input.description', LIMITS.text),
    activeSince: date(input.activeSince, 'input.activeSince'),
    retiringSince: date(input.retiringSince, 'input.retiringSince'),
    retiredOn: date(input.retiredOn, 'input.retiredOn'),
  };
}

function text(value: string | null | undefined, field: string, max: number): string {
  const trimmed = value?.trim().replace(/\s+/g, ' ') ?? '';
  if (!trimmed) throw badInput(field, `"${field}" must not be empty`);
  if (trimmed.length > max) throw badInput(field, `"${field}" must be at most ${max} characters`);
  return trimmed;
}

function pattern(value: string | undefined, field: string, regex: RegExp, what: string): string {
  if (!value || !regex.test(value)) throw badInput(field, `"${field}" must be ${what}`);
  return value;
}

function date(value: unknown, field: string): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string' || !DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
    throw badInput(field, `"${field}" must be a date as YYYY-MM-DD`);
  return value;
}
