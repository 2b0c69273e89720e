import * as http from 'node:http';
import * as https from 'node:https';
import type { EnqueuedTaskPromise, Meilisearch, MultiSearchQuery, SearchResponse, Settings } from 'meilisearch';
import { MeiliConceptDocument } from './meili-document';
import { MeiliGateway } from './meili-gateway';

const TASK_TIMEOUT_MS = 300_000;
/** A request that has not answered by then is a failure (the indexer retries, searches go to PostgreSQL). */
const REQUEST_TIMEOUT_MS = 30_000;
/** Searches are answered in milliseconds; one that takes longer than this is taken as Meilisearch being unavailable. */
const SEARCH_TIMEOUT_MS = 2000;
const HEALTH_TIMEOUT_MS = 1000;

export class MeiliTaskError extends Error {}

/** A search Meilisearch refused or could not answer. */
export class MeiliSearchError extends Error {}

/**
 * Searches over kept-alive sockets. The official client's transport (Node's
 * `fetch`) took 7 to 38 ms for a search Meilisearch answers in 2 to 8 ms over
 * `node:http` (same request, same loopback server, one at a time): on the
 * path every agent's keystroke takes, that was most of the cost.
 */
class SearchTransport {
  private readonly agent: http.Agent;
  private readonly url: URL;

  constructor(
    host: string,
    private readonly apiKey: string | undefined,
  ) {
    this.url = new URL(host);
    this.agent = new (this.url.protocol === 'https:' ? https : http).Agent({ keepAlive: true, noDelay: true });
  }

  post<T>(path: string, body: unknown): Promise<T> {
    const payload = Buffer.from(JSON.stringify(body));
    const client = this.url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const request = client.request(
        new URL(this.url.pathname.replace(/\/$/, '') + path, this.url),
        {
          agent: this.agent,
          method: 'POST',
          // the whole exchange, not only idle time: a search waits no longer than this for Meilisearch
          signal: AbortSignal.timeout(SEARCH_TIMEOUT_MS),
          headers: {
            'content-type': 'application/json',
            'content-length': payload.length,
            ...(this.apiKey ? { authorization: `Bearer ${this.apiKey}` } : {}),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          // a server that dies mid-answer closes the stream without an end: said as an error, never left waiting
          response.on('close', () => {
            if (!response.complete) reject(new MeiliSearchError('Meilisearch closed the connection before its answer was complete'));
          });
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            if (response.statusCode !== 200) {
              reject(new MeiliSearchError(`Meilisearch answered ${response.statusCode}: ${text.slice(0, 300)}`));
              return;
            }
            try {
              resolve(JSON.parse(text) as T);
            } catch (error) {
              reject(error instanceof Error ? error : new Error(String(error)));
            }
          });
        },
      );
      request.on('error', (error) =>
        reject(
          error.name === 'AbortError' || error.name === 'TimeoutError'
            ? new MeiliSearchError(`Meilisearch did not answer within ${SEARCH_TIMEOUT_MS} ms`)
            : error,
        ),
      );
      request.end(payload);
    });
  }
}

/** The gateway over the official `meilisearch` client (searches through SearchTransport). */
export class MeilisearchGateway implements MeiliGateway {
  constructor(
    private readonly client: Meilisearch,
    private readonly searches: SearchTransport,
  ) {}

  static async connect(host: string, apiKey?: string): Promise<MeilisearchGateway> {
    // The client is an ES module; Node ≥ 20.19 loads it with require().
    const { Meilisearch: Client } = await import('meilisearch');
    return new MeilisearchGateway(new Client({ host, apiKey, timeout: REQUEST_TIMEOUT_MS }), new SearchTransport(host, apiKey));
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

  async indexExists(uid: string): Promise<boolean> {
    try {
      await this.client.getRawIndex(uid);
      return true;
    } catch (error) {
      if ((error as { cause?: { code?: string } }).cause?.code === 'index_not_found') return false;
      throw error;
    }
  }

  settingsOf(uid: string): Promise<Settings> {
    return this.client.index(uid).getSettings();
  }

  applySettings(uid: string, settings: Settings): Promise<void> {
    return this.settle(this.client.index(uid).updateSettings(settings));
  }

  upsert(uid: string, documents: MeiliConceptDocument[]): Promise<void> {
    return this.settle(this.client.index<MeiliConceptDocument>(uid).addDocuments(documents, { primaryKey: 'id' }));
  }

  async fill(uid: string, pages: AsyncIterable<MeiliConceptDocument[]>): Promise<number> {
    const index = this.client.index<MeiliConceptDocument>(uid);
    const tasks: EnqueuedTaskPromise[] = [];
    let documents = 0;
    try {
      for await (const page of pages) {
        tasks.push(index.addDocuments(page, { primaryKey: 'id' }));
        documents += page.length;
      }
    } catch (error) {
      // Adding documents creates a missing index: a page still on its way when the caller drops
      // the half-built index would bring it back. Once every page sent is enqueued, a drop comes after them.
      await Promise.allSettled(tasks);
      throw error;
    }
    for (const task of tasks) await this.settle(task);
    return documents;
  }

  remove(uid: string, ids: string[]): Promise<void> {
    return this.settle(this.client.index(uid).deleteDocuments(ids));
  }

  async replace(live: string, fresh: string): Promise<void> {
    // with `rename`, Meilisearch renames the first index of the pair to the second
    const swap = (await this.indexExists(live)) ? { indexes: [live, fresh], rename: false } : { indexes: [fresh, live], rename: true };
    await this.settle(this.client.swapIndexes([swap as { indexes: [string, string]; rename: boolean }]));
  }

  dropIndex(uid: string): Promise<void> {
    return this.settle(this.client.deleteIndex(uid));
  }

  async search(queries: MultiSearchQuery[]): Promise<SearchResponse<MeiliConceptDocument>[]> {
    const { results } = await this.searches.post<{ results: SearchResponse<MeiliConceptDocument>[] }>('/multi-search', { queries });
    return results;
  }

  async healthy(): Promise<boolean> {
    try {
      const health = await Promise.race([
        this.client.health(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), HEALTH_TIMEOUT_MS).unref()),
      ]);
      return health.status === 'available';
    } catch {
      return false;
    }
  }
}
