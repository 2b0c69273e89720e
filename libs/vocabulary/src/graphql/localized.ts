import { assertLanguage, LocalizedText, LocalizedTexts } from '@lexique/core';

/** The text in the requested language, or null; an unsupported tag is a BAD_USER_INPUT on `lang`. */
export function inLanguage(text: LocalizedText, lang: string | undefined): string | null {
  return text[assertLanguage(lang)] ?? null;
}

export function allInLanguage(texts: LocalizedTexts, lang: string | undefined): string[] {
  return texts[assertLanguage(lang)] ?? [];
}
