import type { SearchResponse, Settings } from 'meilisearch';
import type { MeiliConceptDocument, MeiliGateway } from '@lexique/search';

/**
 * An in-memory Meilisearch for the indexer's tests: indexes are maps of
 * documents, and writes can be made to fail to play an outage. It stands for
 * Meilisearch only; PostgreSQL is always the real one.
 */
export class FakeMeilisearch implements MeiliGateway {
  readonly indexes = new Map<string, Map<string, MeiliConceptDocument>>();
  readonly settings = new Map<string, Settings>();
  readonly calls: string[] = [];
  private failures = 0;

  /** The next `count` writes fail, as when the server is down. */
  failNext(count: number) {
    this.failures = count;
  }

  private write(call: string) {
    this.calls.push(call);
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('connect ECONNREFUSED 127.0.0.1:7700');
    }
  }

  private index(uid: string) {
    const index = this.indexes.get(uid);
    if (!index) throw new Error(`index ${uid} not found`);
    return index;
  }

  ensureIndex(uid: string): Promise<void> {
    this.write(`ensureIndex ${uid}`);
    if (!this.indexes.has(uid)) this.indexes.set(uid, new Map());
    return Promise.resolve();
  }

  applySettings(uid: string, settings: Settings): Promise<void> {
    this.write(`applySettings ${uid}`);
    this.index(uid);
    this.settings.set(uid, settings);
    return Promise.resolve();
  }

  upsert(uid: string, documents: MeiliConceptDocument[]): Promise<void> {
    this.write(`upsert ${uid} ${documents.length}`);
    const index = this.index(uid);
    for (const document of documents) index.set(document.id, document);
    return Promise.resolve();
  }

  remove(uid: string, ids: string[]): Promise<void> {
    this.write(`remove ${uid} ${ids.length}`);
    const index = this.index(uid);
    for (const id of ids) index.delete(id);
    return Promise.resolve();
  }

  swap(live: string, fresh: string): Promise<void> {
    this.write(`swap ${live} ${fresh}`);
    const a = this.index(live);
    const b = this.index(fresh);
    this.indexes.set(live, b);
    this.indexes.set(fresh, a);
    return Promise.resolve();
  }

  dropIndex(uid: string): Promise<void> {
    this.write(`dropIndex ${uid}`);
    this.indexes.delete(uid);
    return Promise.resolve();
  }

  search(): Promise<SearchResponse<MeiliConceptDocument>> {
    return Promise.reject(new Error('the fake does not search; the contract suite runs against a real Meilisearch'));
  }

  documents(uid: string): MeiliConceptDocument[] {
    return [...this.index(uid).values()];
  }
}
