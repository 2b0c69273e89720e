import { DomainError, ErrorReason, LocalizedText, RefusalValues } from '@lexique/core';
import { LIMITS, LocalizedInput, localizedTextInput } from '@lexique/vocabulary';
import { SystemStatus } from '../systems/system-status';
import { calendarDate, hasNul } from './mapping-patch';

/** CREATE (refused if the code exists), UPDATE (the version read), IMPORT (as a file states it: created or changed). */
export enum SystemIntent {
  CREATE = 'CREATE',
  UPDATE = 'UPDATE',
  IMPORT = 'IMPORT',
}

/** The fields of a system a write may give: a field left out keeps its value. */
export interface SystemFieldsInput {
  name?: string | null;
  kind?: string | null;
  /** INSEE code of the owning commune (5 characters) or SIREN of the Métropole (9 digits). */
  owner?: string | null;
  ownerName?: string | null;
  description?: LocalizedInput | null;
  status?: string | null;
  /** Dates as YYYY-MM-DD; checked here whatever the caller's types say. */
  activeSince?: unknown;
  retiringSince?: unknown;
  retiredOn?: unknown;
}

export interface SystemWrite {
  intent: SystemIntent;
  code: string;
  version?: number | null;
  fields: SystemFieldsInput;
  line?: number | null;
}

/** A system as the change log records it, whichever door wrote it. */
export interface SystemSnapshot {
  code: string;
  name: string;
  kind: string;
  owner: string;
  ownerName: string;
  description: LocalizedText;
  status: SystemStatus;
  activeSince: string | null;
  retiringSince: string | null;
  retiredOn: string | null;
}

// The rules of the database's checks, refused earlier with the field named.
const SYSTEM_CODE = /^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$/;
const KIND = /^[A-Z][A-Z0-9_]{0,19}$/;
const OWNER = /^([0-9][0-9AB][0-9]{3}|[0-9]{9})$/;
const STATUSES = new Set<string>(Object.values(SystemStatus));

type Report = (reason: ErrorReason, field: string, message: string, values?: RefusalValues) => void;

/** A system code as given, or null with its problem reported. */
export function checkSystemCode(raw: string | null | undefined, report: Report): string | null {
  const code = (raw ?? '').trim().toUpperCase();
  if (!code) report(ErrorReason.REQUIRED, 'code', 'The code is required');
  else if (!SYSTEM_CODE.test(code) || code.length > 40) {
    report(
      ErrorReason.INVALID_FORMAT,
      'code',
      `"${code}" is not a system code: capitals and digits in dash-separated parts, at most 40 characters (e.g. SIRH-BDX)`,
      { value: code },
    );
  } else return code;
  return null;
}

/** Checks the fields given over the current ones (`base`, null for a new system); every problem is reported. */
export function mergeSystemFields(base: SystemSnapshot | null, input: SystemFieldsInput, report: Report): Omit<SystemSnapshot, 'code'> {
  const given = <K extends keyof SystemFieldsInput>(key: K) => input[key] !== undefined;
  const text = (key: 'name' | 'ownerName', max: number): string => {
    if (!given(key)) return base?.[key] ?? missing(key);
    const value = typeof input[key] === 'string' ? input[key].trim().replace(/\s+/g, ' ') : '';
    if (!value) report(ErrorReason.REQUIRED, key, `"${key}" must not be empty`);
    else if (hasNul(value)) report(ErrorReason.INVALID_VALUE, key, `"${key}" contains a NUL character`);
    else if (value.length > max)
      report(ErrorReason.TOO_LONG, key, `"${key}" must be at most ${max} characters`, { max, length: value.length });
    return value;
  };
  const pattern = (key: 'kind' | 'owner', regex: RegExp, what: string): string => {
    if (!given(key)) return base?.[key] ?? missing(key);
    const value = typeof input[key] === 'string' ? input[key].trim().toUpperCase() : '';
    if (!value) report(ErrorReason.REQUIRED, key, `"${key}" is required`);
    else if (!regex.test(value)) report(ErrorReason.INVALID_FORMAT, key, `"${key}" must be ${what}`, { value });
    return value;
  };
  const date = (key: 'activeSince' | 'retiringSince' | 'retiredOn'): string | null => {
    if (!given(key)) return base?.[key] ?? null;
    const value = calendarDate(input[key] === '' ? null : input[key]);
    if (value === undefined) report(ErrorReason.INVALID_FORMAT, key, `"${String(input[key])}" is not a date of the calendar as YYYY-MM-DD`);
    return value ?? null;
  };
  const missing = (key: string): string => {
    report(ErrorReason.REQUIRED, key, `"${key}" is required`);
    return '';
  };
  let description = base?.description ?? {};
  if (given('description')) {
    try {
      description = localizedTextInput(input.description, 'description', LIMITS.text);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      report(error.reason, error.field ?? 'description', error.message, error.details);
    }
  }
  let status = base?.status ?? SystemStatus.ACTIVE;
  if (given('status') && input.status !== null) {
    const value = String(input.status).trim().toUpperCase();
    if (STATUSES.has(value)) status = value as SystemStatus;
    else report(ErrorReason.INVALID_VALUE, 'status', `"${value}" is not a status (${[...STATUSES].join(', ')})`, { value });
  }
  return {
    name: text('name', 200),
    kind: pattern('kind', KIND, 'a business area in capitals, e.g. RH, FIN, GED'),
    owner: pattern('owner', OWNER, 'an INSEE commune code (5 characters) or a SIREN (9 digits)'),
    ownerName: text('ownerName', 200),
    description,
    status,
    activeSince: date('activeSince'),
    retiringSince: date('retiringSince'),
    retiredOn: date('retiredOn'),
  };
}
