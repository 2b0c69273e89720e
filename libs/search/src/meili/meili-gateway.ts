import type { SearchParams, SearchResponse, Settings } from 'meilisearch';
import { MeiliConceptDocument } from './meili-document';

/**
 * What Lexique asks of Meilisearch. Each write resolves once Meilisearch has
 * applied it (or rejects when its task failed), so a caller that saw it
 * resolve may move its checkpoint on.
 */
export interface MeiliGateway {
  ensureIndex(uid: string): Promise<void>;
  applySettings(uid: string, settings: Settings): Promise<void>;
  upsert(uid: string, documents: MeiliConceptDocument[]): Promise<void>;
  remove(uid: string, ids: string[]): Promise<void>;
  /** Swaps the contents of two indexes atomically: searches see one or the other, never a mix. */
  swap(live: string, fresh: string): Promise<void>;
  dropIndex(uid: string): Promise<void>;
  search(uid: string, text: string, params: SearchParams): Promise<SearchResponse<MeiliConceptDocument>>;
}

export const MEILI_GATEWAY = Symbol('MEILI_GATEWAY');
