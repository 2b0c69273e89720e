import type { EnqueuedTaskPromise, Meilisearch, SearchParams, SearchResponse, Settings } from 'meilisearch';
import { MeiliConceptDocument } from './meili-document';
import { MeiliGateway } from './meili-gateway';

const TASK_TIMEOUT_MS = 120_000;

export class MeiliTaskError extends Error {}

/** The gateway over the official `meilisearch` client. */
export class MeilisearchGateway implements MeiliGateway {
  constructor(private readonly client: Meilisearch) {}

  static async connect(host: string, apiKey?: string): Promise<MeilisearchGateway> {
    // The client is an ES module; Node ≥ 20.19 loads it with require().
    const { Meilisearch: Client } = await import('meilisearch');
    return new MeilisearchGateway(new Client({ host, apiKey }));
  }

  private async settle(task: EnqueuedTaskPromise): Promise<void> {
    const done = await task.waitTask({ timeout: TASK_TIMEOUT_MS });
    if (done.status !== 'succeeded') {
      throw new MeiliTaskError(`Meilisearch task ${done.uid} ${done.status}: ${done.error?.message ?? 'no reason given'}`);
    }
  }

  async ensureIndex(uid: string): Promise<void> {
    const task = await this.client.createIndex(uid, { primaryKey: 'id' }).waitTask({ timeout: TASK_TIMEOUT_MS });
    if (task.status !== 'succeeded' && task.error?.code !== 'index_already_exists') {
      throw new MeiliTaskError(`Meilisearch could not create index ${uid}: ${task.error?.message ?? task.status}`);
    }
  }

  applySettings(uid: string, settings: Settings): Promise<void> {
    return this.settle(this.client.index(uid).updateSettings(settings));
  }

  upsert(uid: string, documents: MeiliConceptDocument[]): Promise<void> {
    return this.settle(this.client.index<MeiliConceptDocument>(uid).addDocuments(documents, { primaryKey: 'id' }));
  }

  remove(uid: string, ids: string[]): Promise<void> {
    return this.settle(this.client.index(uid).deleteDocuments(ids));
  }

  swap(live: string, fresh: string): Promise<void> {
    return this.settle(this.client.swapIndexes([{ indexes: [live, fresh], rename: false }]));
  }

  dropIndex(uid: string): Promise<void> {
    return this.settle(this.client.deleteIndex(uid));
  }

  search(uid: string, text: string, params: SearchParams): Promise<SearchResponse<MeiliConceptDocument>> {
    return this.client.index<MeiliConceptDocument>(uid).search(text, params);
  }
}
