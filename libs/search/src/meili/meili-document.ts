import { foldedWords, isStopWord, searchKey, singular } from '../query/query-text';

/**
 * One Meilisearch document per concept, built from the PostgreSQL
 * `search_document` row (the projection the PostgreSQL engine searches), so
 * both engines search the same texts.
 *
 * What is searched: the labels' words folded, each label both in the
 * singular and in the plural ("marche public", "marches publics"), so that
 * singular and plural are one word whichever an agent types (Meilisearch does
 * not stem); codes, acronyms and local codes folded; definitions folded.
 * `keys` holds each label and code as a key (singular, see searchKey), for
 * the filter that finds a query equal to one of them. What is shown
 * (highlighted) is the texts as written, never the hidden labels.
 */
export interface MeiliConceptDocument {
  id: string;
  code: string;
  domain: string;
  status: string;
  systems: string[];
  /** Every label and code as a key: a query whose key is one of them equals that label or code. */
  keys: string[];
  /** 0 when published, 1 otherwise: published first among equals. */
  statusRank: number;
  /** Words of the preferred label: a shorter label first among equals. */
  prefWords: number;
  search: {
    pref: string[];
    code: string;
    acronyms: string[];
    alt: string[];
    /** Preferred labels in other languages (English). */
    other: string[];
    hidden: string[];
    legacy: string[];
    legacyCodes: string[];
    definition: string;
  };
  shown: {
    prefLabel: string;
    otherPrefLabels: string[];
    altLabels: string[];
    acronyms: string[];
    legacyLabels: string[];
    /** "SYSTEM local-code". */
    legacyReferences: string[];
    definition: string;
  };
}

/** The columns of `search_document` the builder reads. */
export interface SearchDocumentRow {
  concept_id: string;
  code: string;
  domain_code: string;
  status: string;
  pref_label: string;
  labels_en: string[];
  acronyms: string[];
  alt_labels: string[];
  hidden_labels: string[];
  legacy_labels: string[];
  legacy_codes: string[];
  systems: string[];
  definition: string;
}

const distinct = (texts: string[]) => [...new Set(texts.filter((text) => text !== ''))];
const folded = (text: string) => foldedWords(text).join(' ');
const plural = (word: string) => (word.length >= 3 && /[a-z]$/.test(word) && !/[sxz]$/.test(word) && !isStopWord(word) ? `${word}s` : word);

/** Each label in the singular and in the plural. */
function inflected(labels: string[]): string[] {
  return distinct(
    labels.flatMap((label) => {
      const words = foldedWords(label).map(singular);
      return [words.join(' '), words.map(plural).join(' ')];
    }),
  );
}

export function toMeiliDocument(row: SearchDocumentRow): MeiliConceptDocument {
  // "SYSTEM code": the local code is what follows the system code
  const localCodes = row.legacy_codes.map((reference) => reference.slice(reference.indexOf(' ') + 1));
  const labels = [row.pref_label, ...row.labels_en, ...row.alt_labels, ...row.hidden_labels, ...row.legacy_labels];
  return {
    id: row.concept_id,
    code: row.code,
    domain: row.domain_code,
    status: row.status,
    systems: row.systems,
    keys: distinct([...labels, row.code, ...row.acronyms, ...localCodes].map(searchKey)),
    statusRank: row.status === 'PUBLISHED' ? 0 : 1,
    prefWords: foldedWords(row.pref_label).length,
    search: {
      pref: inflected([row.pref_label]),
      code: folded(row.code),
      acronyms: distinct(row.acronyms.map(folded)),
      alt: inflected(row.alt_labels),
      other: inflected(row.labels_en),
      hidden: inflected(row.hidden_labels),
      legacy: inflected(row.legacy_labels),
      legacyCodes: distinct(localCodes.map(folded)),
      definition: folded(row.definition),
    },
    shown: {
      prefLabel: row.pref_label,
      otherPrefLabels: row.labels_en,
      altLabels: row.alt_labels,
      acronyms: row.acronyms,
      legacyLabels: row.legacy_labels,
      legacyReferences: row.legacy_codes,
      definition: row.definition,
    },
  };
}
