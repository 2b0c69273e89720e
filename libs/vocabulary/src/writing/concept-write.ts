import { ConceptAction } from '../concepts/concept-status.machine';
import { ConceptStatus } from '../concepts/concept-status';
import { ConceptPatch } from './concept-patch';

/**
 * What a write asks of one concept:
 * - CREATE a new one (refused if the code exists);
 * - UPDATE the content of an existing one (in place for drafts and entries
 *   in review, as its pending revision once published);
 * - TRANSITION it through the review workflow (submit, approve…);
 * - UPSERT it as a file states it: created or changed, with the status the
 *   file gives where the importer may give it.
 */
export enum WriteIntent {
  CREATE = 'CREATE',
  UPDATE = 'UPDATE',
  TRANSITION = 'TRANSITION',
  UPSERT = 'UPSERT',
}

export interface ConceptWrite {
  intent: WriteIntent;
  /** The concept's code (upper-cased); for CREATE and UPSERT, the code it gets. */
  code: string;
  /** Its domain: required to create, checked against the concept's on UPSERT. */
  domain?: string | null;
  /** The version the writer read; a different current version is refused (null: no check, files without versions). */
  version?: number | null;
  patch?: ConceptPatch;
  /** UPDATE of a draft never published: its new code. */
  newCode?: string | null;
  /** TRANSITION: what to do. */
  action?: ConceptAction;
  /** UPSERT: the status the file gives (null or absent: as it is, DRAFT for a new concept). */
  status?: ConceptStatus | null;
  /** DEPRECATE, or UPSERT of a deprecated concept: its successor (undefined keeps it). */
  replacedBy?: string | null;
  /** Where the request came from, for problems: a line of a file or the subject of RDF triples. */
  line?: number | null;
  subject?: string | null;
}

/**
 * What the write does to one concept, which is also the action its change
 * row records. UNCHANGED writes nothing.
 */
export enum WriteEffect {
  CREATE = 'CREATE',
  UPDATE = 'UPDATE',
  PROPOSE_REVISION = 'PROPOSE_REVISION',
  APPROVE_REVISION = 'APPROVE_REVISION',
  REJECT_REVISION = 'REJECT_REVISION',
  SUBMIT = 'SUBMIT',
  APPROVE = 'APPROVE',
  REJECT = 'REJECT',
  DEPRECATE = 'DEPRECATE',
  RESTORE = 'RESTORE',
  UNCHANGED = 'UNCHANGED',
}

/** Effects that change what the concept's row says (content or status), and so are checked against every rule. */
export const ROW_WRITES: readonly WriteEffect[] = [
  WriteEffect.CREATE,
  WriteEffect.UPDATE,
  WriteEffect.APPROVE_REVISION,
  WriteEffect.SUBMIT,
  WriteEffect.APPROVE,
  WriteEffect.REJECT,
  WriteEffect.DEPRECATE,
  WriteEffect.RESTORE,
];

/** Effects whose content is checked against the dictionary (the row's, or a proposal's). */
export const CHECKED_WRITES: readonly WriteEffect[] = [...ROW_WRITES, WriteEffect.PROPOSE_REVISION];

/** What the dictionary holds for a concept a write names, read under the locks. */
export interface ResolvedWrite {
  ord: number;
  intent: WriteIntent;
  code: string;
  /** The domain named by the write. */
  domain: string | null;
  exists: boolean;
  /** The concept's domain, or the named one for a new concept. */
  effectiveDomain: string | null;
  domainExists: boolean;
  requiresReview: boolean;
  status: ConceptStatus | null;
  version: number | null;
  currentVersion: number | null;
  lastEditor: string | null;
  firstPublished: boolean;
  pendingAuthor: string | null;
  action: ConceptAction | null;
  requestedStatus: ConceptStatus | null;
  newCode: string | null;
  newCodeTaken: boolean;
  /** The content the patch gives differs from the concept's (or its pending revision's). */
  contentChanges: boolean;
  replacedByGiven: boolean;
}

/** What the write does to one concept, decided by the rules of status and access. */
export interface WriteDecision {
  ord: number;
  effect: WriteEffect;
  status: ConceptStatus;
}

/** One concept's outcome, for the door to answer with. */
export interface WriteOutcome {
  ord: number;
  code: string;
  id: string | null;
  effect: WriteEffect | null;
  /** The concept's status after the write (null for a refused new one). */
  status: ConceptStatus | null;
  line: number | null;
  subject: string | null;
}

/** How many concepts the write creates, changes, leaves alone or proposes changes to. */
export interface WriteCounts {
  created: number;
  updated: number;
  unchanged: number;
  proposed: number;
}
