import { ErrorReason } from '@lexique/core';

/**
 * graphql-js refuses a variable it cannot coerce (a Date that is no calendar
 * date, a required field left out, a field the input type has not) before
 * any resolver runs, with the place only in its message:
 * `Variable "$input" got invalid value "0000-06-01" at "input.validFrom"; …`.
 * Read back as the field and reason every other refusal carries, so that a
 * form can put the message next to its field.
 */
const VARIABLE_REFUSAL = /^Variable "\$([^"]+)" got invalid value .*?(?: at "([^"]+)")?; (.*)$/s;

export function coercionRefusal(message: string): { field: string; reason: ErrorReason } | null {
  const match = VARIABLE_REFUSAL.exec(message);
  if (!match) return null;
  const [, variable, path, why] = match;
  const at = path ?? variable;
  // a field left out, or one the input type has not, is named in the rest of the message
  const missing = /^Field "([^"]+)" of required type "[^"]+" was not provided\.$/.exec(why);
  if (missing) return { field: `${at}.${missing[1]}`, reason: ErrorReason.REQUIRED };
  const unknown = /^Field "([^"]+)" is not defined by type "[^"]+"/.exec(why);
  if (unknown) return { field: `${at}.${unknown[1]}`, reason: ErrorReason.INVALID_VALUE };
  return { field: at, reason: ErrorReason.INVALID_FORMAT };
}
