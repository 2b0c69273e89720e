import { MappingStatus } from '../mappings/mapping-relation';
import { MappingContent } from './mapping-input';

/**
 * A mapping as the change log and revisions record it: the names the demo
 * loader used, the concept by code, and its status so that the change feed
 * hides drafts from readers as it does for concepts.
 */
export interface MappingSnapshot extends MappingContent {
  system: string;
  localCode: string;
  status: MappingStatus;
  author: string | null;
  reviewer: string | null;
}

export function contentOf(snapshot: MappingContent): MappingContent {
  const { localLabel, relation, concept, validFrom, validTo, note, justification, confidence } = snapshot;
  return { localLabel, relation, concept, validFrom, validTo, note, justification, confidence };
}

export function sameContent(a: MappingContent, b: MappingContent): boolean {
  return JSON.stringify(contentOf(a)) === JSON.stringify(contentOf(b));
}
