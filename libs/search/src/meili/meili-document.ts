import { searchKey } from '../query/query-text';

/**
 * One Meilisearch document per concept, built from the PostgreSQL
 * `search_document` row (the projection the PostgreSQL engine searches), so
 * both engines search the same texts.
 *
 * What is searched is the texts as keys (folded words, singular: see
 * searchKey), so that singular and plural are one word, as the query sent is
 * keyed the same way; `whole` holds each label and code alone, so that
 * Meilisearch's exactness rule sees a query equal to one of them. What is
 * shown (highlighted) is the texts as written, never the hidden labels.
 */
export interface MeiliConceptDocument {
  id: string;
  code: string;
  domain: string;
  status: string;
  systems: string[];
  /** 0 when published, 1 otherwise: published first among equals. */
  statusRank: number;
  /** Words of the preferred label: a shorter label first among equals. */
  prefWords: number;
  search: {
    pref: string;
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
  /** Each label alone (`l0`, `l1`…) and each code alone (`c0`…). */
  whole: { labels: Record<string, string>; codes: Record<string, string> };
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

const keys = (texts: string[]) => [...new Set(texts.map(searchKey).filter((key) => key !== ''))];
const numbered = (prefix: string, texts: string[]) => Object.fromEntries(keys(texts).map((key, i) => [`${prefix}${i}`, key]));

export function toMeiliDocument(row: SearchDocumentRow): MeiliConceptDocument {
  // "SYSTEM code": the local code is what follows the system code
  const localCodes = row.legacy_codes.map((reference) => reference.slice(reference.indexOf(' ') + 1));
  return {
    id: row.concept_id,
    code: row.code,
    domain: row.domain_code,
    status: row.status,
    systems: row.systems,
    statusRank: row.status === 'PUBLISHED' ? 0 : 1,
    prefWords: searchKey(row.pref_label).split(' ').length,
    search: {
      pref: searchKey(row.pref_label),
      code: searchKey(row.code),
      acronyms: keys(row.acronyms),
      alt: keys(row.alt_labels),
      other: keys(row.labels_en),
      hidden: keys(row.hidden_labels),
      legacy: keys(row.legacy_labels),
      legacyCodes: keys(localCodes),
      definition: searchKey(row.definition),
    },
    whole: {
      labels: numbered('l', [row.pref_label, ...row.alt_labels, ...row.labels_en, ...row.hidden_labels, ...row.legacy_labels]),
      codes: numbered('c', [row.code, ...row.acronyms, ...localCodes]),
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
