import { ConceptStatus } from '../concepts/concept-status';
import { ConceptContent } from './concept-content';

/**
 * A concept as the change log and revisions record it: its content with
 * relations by code, so that history reads without joins and diffs line up
 * with the rows the demo loader wrote.
 */
export interface ConceptSnapshot extends ConceptContent {
  code: string;
  domain: string;
  status: ConceptStatus;
  replacedBy: string | null;
}

export function contentOf(snapshot: ConceptSnapshot): ConceptContent {
  const { prefLabel, altLabels, hiddenLabels, acronyms, definition, scopeNote, source, broader, related } = snapshot;
  return { prefLabel, altLabels, hiddenLabels, acronyms, definition, scopeNote, source, broader, related };
}
