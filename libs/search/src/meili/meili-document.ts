/**
 * One Meilisearch document per concept, built from the PostgreSQL
 * `search_document` row (the same projection the PostgreSQL engine
 * searches), so both engines search the same texts.
 */
export interface MeiliConceptDocument {
  id: string;
  code: string;
  domain: string;
  status: string;
  prefLabel: string;
  /** Preferred labels in other languages (English). */
  otherPrefLabels: string[];
  acronyms: string[];
  altLabels: string[];
  /** Misspellings: searchable, never displayed. */
  hiddenLabels: string[];
  legacyLabels: string[];
  /** Local codes of legacy systems, as typed by agents. */
  legacyCodes: string[];
  /** The same as "SYSTEM code", for display. */
  legacyReferences: string[];
  systems: string[];
  definition: string;
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

export function toMeiliDocument(row: SearchDocumentRow): MeiliConceptDocument {
  return {
    id: row.concept_id,
    code: row.code,
    domain: row.domain_code,
    status: row.status,
    prefLabel: row.pref_label,
    otherPrefLabels: row.labels_en,
    acronyms: row.acronyms,
    altLabels: row.alt_labels,
    hiddenLabels: row.hidden_labels,
    legacyLabels: row.legacy_labels,
    // "SYSTEM code": the local code is what follows the system code
    legacyCodes: row.legacy_codes.map((reference) => reference.slice(reference.indexOf(' ') + 1)),
    legacyReferences: row.legacy_codes,
    systems: row.systems,
    definition: row.definition,
  };
}
