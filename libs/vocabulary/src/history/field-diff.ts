export interface FieldChange {
  /** Dotted path, e.g. `prefLabel.fr` or `broader`. */
  field: string;
  before: unknown;
  after: unknown;
}

/**
 * The fields that differ between two snapshots. Objects are compared field by
 * field (`prefLabel.fr`), lists and scalars as a whole. Absent, null, empty
 * lists and empty objects all mean "no value", so rows written by different
 * code paths (the demo loader, the API) do not show phantom changes.
 */
export function fieldDiff(before: unknown, after: unknown, prefix = ''): FieldChange[] {
  if (isRecord(before) || isRecord(after)) {
    const left = isRecord(before) ? before : {};
    const right = isRecord(after) ? after : {};
    const keys = [...new Set([...Object.keys(left), ...Object.keys(right)])].sort();
    return keys.flatMap((key) => fieldDiff(left[key], right[key], prefix ? `${prefix}.${key}` : key));
  }
  const a = orNull(before);
  const b = orNull(after);
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [{ field: prefix, before: a, after: b }];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length > 0;
}

function orNull(value: unknown): unknown {
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return null;
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0) return null;
  return value;
}
