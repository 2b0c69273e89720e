import type { MultiSearchQuery, SearchResponse, Settings } from 'meilisearch';
import { MeiliConceptDocument } from './meili-document';

/**
 * What Lexique asks of Meilisearch. Each write resolves once Meilisearch has
 * applied it (or rejects when its task failed), so a caller that saw it
 * resolve may move its checkpoint on.
 */
export interface MeiliGateway {
  ensureIndex(uid: string): Promise<void>;
  indexExists(uid: string): Promise<boolean>;
  settingsOf(uid: string): Promise<Settings>;
  applySettings(uid: string, settings: Settings): Promise<void>;
  upsert(uid: string, documents: MeiliConceptDocument[]): Promise<void>;
  /** Sends every page without waiting between them (Meilisearch batches them), then waits for all; resolves to the count. */
  fill(uid: string, pages: AsyncIterable<MeiliConceptDocument[]>): Promise<number>;
  remove(uid: string, ids: string[]): Promise<void>;
  /**
   * Puts `fresh` in place of `live` atomically: searches see one or the
   * other, never a mix. When `live` does not exist, `fresh` is renamed to it.
   */
  replace(live: string, fresh: string): Promise<void>;
  dropIndex(uid: string): Promise<void>;
  /** Several searches in one request; the answers in the same order. */
  search(queries: MultiSearchQuery[]): Promise<SearchResponse<MeiliConceptDocument>[]>;
  /** Whether the server answers, within a short time. */
  healthy(): Promise<boolean>;
}

export const MEILI_GATEWAY = Symbol('MEILI_GATEWAY');
