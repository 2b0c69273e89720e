import { ErrorReason } from '@lexique/core';
import { ConceptRecord, DomainRecord, MappingRecord, SourcePosition, SystemRecord } from '../records';

/** What a reader could not read: where, which field, why (FILE_UNREADABLE unless a reader says better). */
export interface ParseProblem extends SourcePosition {
  field: string;
  message: string;
  reason?: ErrorReason;
}

/** What a reader yields, in file order: records with their position, and the problems it met while parsing. */
export type ParsedItem =
  | { kind: 'domain'; at: SourcePosition; record: DomainRecord }
  | { kind: 'concept'; at: SourcePosition; record: Partial<ConceptRecord> & { code: string } }
  | { kind: 'mapping'; at: SourcePosition; record: Partial<MappingRecord> }
  | { kind: 'system'; at: SourcePosition; record: Partial<SystemRecord> }
  | { kind: 'problem'; problem: ParseProblem };

export interface ReaderOptions {
  /** Domain of rows that name none (CSV without a domain column). */
  domain?: string;
  /** System of rows that name none (mappings CSV without a system column). */
  system?: string;
}

export type FileReader = (text: AsyncIterable<string>, options: ReaderOptions) => AsyncIterable<ParsedItem>;
