import { LocalizedText, LocalizedTexts } from '@lexique/core';

/**
 * What every format reads into and writes from: one shape per entity, by
 * code, independent of the database. A field left `undefined` by a reader was
 * not in the file (a CSV column left out): existing values are kept.
 */
export interface DomainRecord {
  code: string;
  label: LocalizedText;
  description: LocalizedText;
}

export interface ConceptRecord {
  code: string;
  domain: string;
  status: string;
  prefLabel: LocalizedText;
  altLabels: LocalizedTexts;
  acronyms: string[];
  hiddenLabels: string[];
  definition: LocalizedText;
  scopeNote: LocalizedText;
  source: string | null;
  broader: string[];
  /** Only SKOS states it; an import turns it into broader of the narrower concept. */
  narrower: string[];
  related: string[];
  replacedBy: string | null;
  /** The version the entry had when exported: an import refuses the row if it has changed since (CSV only). */
  version?: number | null;
}

export interface MappingRecord {
  system: string;
  localCode: string;
  localLabel: string | null;
  relation: string;
  concept: string | null;
  /** Preferred French label of the concept: written for readers of the file, ignored on import. */
  conceptLabel?: string | null;
  /** Successor of the concept when it is deprecated: written for readers of SSSOM files, ignored on import. */
  conceptReplacedBy?: string | null;
  note: string | null;
  validFrom: string | null;
  validTo: string | null;
  justification: string;
  confidence: number | null;
}

export interface SystemRecord {
  code: string;
  name: string;
  kind: string;
  owner: string;
  ownerName: string;
  status: string;
}

/** Where a record came from, for the report: a line of a text file or the subject of RDF triples. */
export interface SourcePosition {
  line?: number;
  subject?: string;
}
