import { badInput } from '../errors/domain-error';

/**
 * Languages the dictionary holds labels in. French is required on every
 * concept; English is optional. A tag outside this list is a client mistake,
 * not an empty answer, so it is refused rather than silently returning null.
 */
export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'fr';

export function isLanguage(tag: unknown): tag is Language {
  return typeof tag === 'string' && (LANGUAGES as readonly string[]).includes(tag);
}

export function assertLanguage(tag: string | null | undefined, argument = 'lang'): Language {
  const value = tag ?? DEFAULT_LANGUAGE;
  if (!isLanguage(value)) {
    throw badInput(argument, `"${argument}" must be one of ${LANGUAGES.join(', ')} (got "${String(value)}")`);
  }
  return value;
}

/** Text in several languages: `{ fr: "Budget primitif", en: "Primary budget" }`. */
export type LocalizedText = Partial<Record<Language, string>>;
/** Several texts per language, e.g. alternative labels. */
export type LocalizedTexts = Partial<Record<Language, string[]>>;
