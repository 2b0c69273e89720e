import { ConceptContent } from '../writing/concept-patch';
import { ConceptStatus } from './concept-status';

/**
 * A concept as the change log and revisions record it: its content with
 * relations by code, so that history reads without joins and diffs line up
 * whichever path wrote the row.
 */
export interface ConceptSnapshot extends ConceptContent {
  code: string;
  domain: string;
  status: ConceptStatus;
  replacedBy: string | null;
}

/** The snapshot of concept `c` in SQL, relations sorted by code. */
export const CONCEPT_SNAPSHOT_SQL = `jsonb_build_object(
  'code', c.code, 'domain', c.domain_code, 'status', c.status, 'prefLabel', c.pref_label, 'altLabels', c.alt_labels,
  'hiddenLabels', to_jsonb(c.hidden_labels), 'acronyms', to_jsonb(c.acronyms), 'definition', c.definition,
  'scopeNote', c.scope_note, 'source', c.source,
  'broader', COALESCE((SELECT jsonb_agg(b.code ORDER BY b.code) FROM concept_broader l JOIN concept b ON b.id = l.broader_id WHERE l.concept_id = c.id), '[]'),
  'related', COALESCE((SELECT jsonb_agg(r.code ORDER BY r.code) FROM concept_related l JOIN concept r ON r.id = l.related_id WHERE l.concept_id = c.id), '[]'),
  'replacedBy', (SELECT s.code FROM concept s WHERE s.id = c.replaced_by_id))`;
