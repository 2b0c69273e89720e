import { MappingStatus } from '../mappings/mapping-relation';
import { MappingAction } from '../editing/mapping-status.machine';
import { MappingPatchInput } from './mapping-patch';

/**
 * What a write asks of one mapping:
 * - CREATE a new one (`upsertMapping` without a version): refused if the code
 *   is already mapped from the same date;
 * - UPDATE an existing one (in place for drafts and mappings in review, as its
 *   pending revision once published where the domain requires review);
 * - TRANSITION it through review (submit, approve, reject);
 * - DELETE it;
 * - IMPORT it as a file states it: created or changed, published where the
 *   importer may publish.
 */
export enum MappingIntent {
  CREATE = 'CREATE',
  UPDATE = 'UPDATE',
  TRANSITION = 'TRANSITION',
  DELETE = 'DELETE',
  IMPORT = 'IMPORT',
}

export interface MappingWrite {
  intent: MappingIntent;
  system: string;
  /** As the system writes it; compared trimmed. */
  localCode: string;
  /** Which period of the code (`Mapping.id`) when it has several. */
  id?: string | null;
  /** The version the writer read; another current version is refused (null: no check, files without versions). */
  version?: number | null;
  /** The fields given: a field left out keeps its value, a null clears it. */
  patch?: MappingPatchInput;
  /** TRANSITION: what to do. */
  action?: MappingAction;
  /** Where the request came from, for problems: a line of a file. */
  line?: number | null;
}

/** What the write does to one mapping, which is also the action its change row records. UNCHANGED writes nothing. */
export enum MappingEffect {
  CREATE = 'CREATE',
  UPDATE = 'UPDATE',
  PROPOSE_REVISION = 'PROPOSE_REVISION',
  APPROVE_REVISION = 'APPROVE_REVISION',
  REJECT_REVISION = 'REJECT_REVISION',
  SUBMIT = 'SUBMIT',
  APPROVE = 'APPROVE',
  REJECT = 'REJECT',
  DELETE = 'DELETE',
  UNCHANGED = 'UNCHANGED',
}

/** Effects after which the mapping's row says what the write's content says. */
export const CONTENT_WRITES: readonly MappingEffect[] = [MappingEffect.CREATE, MappingEffect.UPDATE, MappingEffect.APPROVE_REVISION];

/** Effects whose period and concept are checked against the dictionary (a proposal's too, and what approval publishes). */
export const CHECKED_WRITES: readonly MappingEffect[] = [...CONTENT_WRITES, MappingEffect.PROPOSE_REVISION, MappingEffect.APPROVE];

/** Effects that change the mapping's row in place (content, status or reviewer). */
export const ROW_WRITES: readonly MappingEffect[] = [
  MappingEffect.UPDATE,
  MappingEffect.APPROVE_REVISION,
  MappingEffect.SUBMIT,
  MappingEffect.APPROVE,
  MappingEffect.REJECT,
];

/**
 * What decides a write's effect, as read under the locks. Many rows of an
 * import share one kind: the writer decides each kind once (an import of a
 * million mappings has a few dozen kinds) and applies the decision to its rows.
 */
export interface MappingKind {
  intent: MappingIntent;
  action: MappingAction | null;
  exists: boolean;
  status: MappingStatus | null;
  /** The mapping's domain now (its concept's, or its system kind's for UNMAPPED), or the new mapping's. */
  domain: string | null;
  /** Its domain once written. */
  afterDomain: string | null;
  /** Either domain requires a second person's approval. */
  requiresReview: boolean;
  /** The writer is the mapping's last editor, or the author of its pending revision. */
  editedByMe: boolean;
  hasPending: boolean;
  pendingByMe: boolean;
  /** The version named is the current one (or none was named). */
  versionMatches: boolean;
  /** The content given differs from the mapping's (or its pending revision's). */
  changes: boolean;
}

/**
 * What a write does to the rows of one kind, or its refusal. A refusal's
 * message may hold `{key}`, replaced by each mapping's SYSTEM/code.
 */
export type MappingDecision =
  | { effect: MappingEffect; status: MappingStatus }
  | { refusal: { reason: string; field: string | null; message: string; values: Record<string, unknown> } };

/** One mapping's outcome, for the door to answer with. */
export interface MappingOutcome {
  ord: number;
  /** SYSTEM/trimmed local code. */
  key: string;
  id: string | null;
  effect: MappingEffect | null;
  status: MappingStatus | null;
  line: number | null;
}

export interface MappingCounts {
  created: number;
  updated: number;
  unchanged: number;
  proposed: number;
}
