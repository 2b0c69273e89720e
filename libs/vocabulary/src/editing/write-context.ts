import { badInput } from '@lexique/core';

export const REASON_MAX = 1000;

/** The optional reason every mutation may carry into the change log. */
export function normalizeReason(reason: string | null | undefined, field = 'reason'): string | null {
  const trimmed = reason?.trim();
  if (!trimmed) return null;
  if (trimmed.length > REASON_MAX) throw badInput(field, `"${field}" must be at most ${REASON_MAX} characters`);
  return trimmed;
}

export function requireReason(reason: string | null | undefined, field = 'reason'): string {
  const normalized = normalizeReason(reason, field);
  if (!normalized) throw badInput(field, `"${field}" is required: say why`);
  return normalized;
}
