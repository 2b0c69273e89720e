import { Gql } from '@lexique/core';
import { answersAny, excerpt, highlight, HighlightTerms } from './highlight';

/** What a hit's highlight is drawn from; both engines give it. */
export interface HitTexts {
  code: string;
  pref_label: string;
  labels_en: string[];
  alt_labels: string[];
  acronyms: string[];
  legacy_labels: string[];
  legacy_codes: string[];
  definition: string;
}

function firstAnswering(texts: string[], terms: HighlightTerms): string | undefined {
  return texts.find((text) => answersAny(text, terms)) ?? texts[0];
}

/** The highlighted text of what matched; hidden labels are never shown, so they have none. */
export function highlightOf(hit: HitTexts, matchedOn: Gql.MatchField, terms: HighlightTerms): string | null {
  const texts: Record<Gql.MatchField, string[]> = {
    [Gql.MatchField.PREF_LABEL]: [hit.pref_label, ...hit.labels_en],
    [Gql.MatchField.CODE]: [hit.code],
    [Gql.MatchField.ACRONYM]: hit.acronyms,
    [Gql.MatchField.ALT_LABEL]: hit.alt_labels,
    [Gql.MatchField.HIDDEN_LABEL]: [],
    [Gql.MatchField.LEGACY_LABEL]: hit.legacy_labels,
    [Gql.MatchField.LEGACY_CODE]: hit.legacy_codes,
    [Gql.MatchField.DEFINITION]: hit.definition ? [excerpt(hit.definition, terms)] : [],
  };
  const text = firstAnswering(texts[matchedOn], terms);
  return text === undefined ? null : highlight(text, terms);
}
