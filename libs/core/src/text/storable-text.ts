import { badInput } from '../errors/domain-error';

/**
 * NUL, which no PostgreSQL text or jsonb value may hold, and a UTF-16
 * surrogate without its pair, which is no character at all: the driver
 * would turn it into U+FFFD silently, and jsonb refuses its escape.
 */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

/** Refuses text PostgreSQL cannot store, naming the argument or input field it came in. */
export function assertStorableText(field: string, text: string): void {
  if (!isStorableText(text)) throw badInput(field, unstorableMessage(field));
}

export function unstorableMessage(field: string): string {
  return `"${field}" holds a NUL character or an unpaired UTF-16 surrogate, which is not text`;
}
