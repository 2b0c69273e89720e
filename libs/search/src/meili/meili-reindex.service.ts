import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Settings } from 'meilisearch';
import { LEXIQUE_CONFIG, LexiqueConfig } from '@lexique/core';
import { ChangeLogReader, ChangePosition } from '@lexique/database';
import { MEILI_GATEWAY, MeiliGateway } from './meili-gateway';
import { CatchUpReport, MeiliIndexer } from './meili-indexer';
import { rebuildIndex, RebuildReport } from './meili-reindexer';
import { MEILI_SETTINGS } from './meili-settings';
import { SearchCheckpointRepository } from './search-checkpoint.repository';
import { SearchDocumentSource } from './search-document.source';
import { SearchIndexLock } from './search-index-lock';

/** Where a rebuild of an empty change log stands: before every change. */
const START: ChangePosition = { txid: '0', seq: '0' };

/** Settings that only change how documents are ranked or filtered: applied in place. Other differences need a rebuild. */
const IN_PLACE: (keyof Settings)[] = ['rankingRules', 'typoTolerance', 'filterableAttributes', 'sortableAttributes', 'displayedAttributes'];

/** How long a forced round (a rebuild, a catch-up) waits for the running one: building a large dictionary's index takes minutes. */
const FORCED_ROUND_WAIT_MS = 10 * 60_000;

export type IndexRound = { rebuilt: RebuildReport } | { caughtUp: CatchUpReport };

/**
 * Keeps the Meilisearch index, one process at a time (SearchIndexLock), so
 * that several API replicas on one PostgreSQL index once: a round rebuilds
 * the index from PostgreSQL when it has never been built, is missing
 * (Meilisearch lost its data) or holds documents of another version
 * (other searchable attributes), and otherwise follows the change log from
 * the checkpoint. `lexique reindex` rebuilds whatever the index holds.
 */
@Injectable()
export class MeiliReindexService {
  private readonly logger = new Logger('SearchIndexer');
  private readonly indexer?: MeiliIndexer;
  /** The index's settings were checked since this process started or last failed (Meilisearch may have restarted). */
  private settingsChecked = false;

  constructor(
    @Inject(LEXIQUE_CONFIG) private readonly config: LexiqueConfig,
    @Inject(MEILI_GATEWAY) private readonly gateway: MeiliGateway | null,
    private readonly reader: ChangeLogReader,
    private readonly checkpoints: SearchCheckpointRepository,
    private readonly documents: SearchDocumentSource,
    private readonly lock: SearchIndexLock,
  ) {
    const feed = { readAfter: (after: ChangePosition | null, limit: number) => reader.readAfter(after, limit) };
    if (gateway) this.indexer = new MeiliIndexer(config.meiliIndex, feed, checkpoints, documents, gateway);
  }

  /** A rebuild now, waiting for any round of another process to end. */
  async rebuild(): Promise<RebuildReport> {
    if (!this.gateway) throw new Error('MEILI_HOST is not set: the PostgreSQL engine has no index to rebuild');
    return (await this.lock.holding(this.config.meiliIndex, FORCED_ROUND_WAIT_MS, () => this.rebuildHoldingLock()))!;
  }

  /** A round: waiting for a running round (of this process or another) to end, or skipped (null) while one runs. */
  async round(wait: boolean): Promise<IndexRound | null> {
    if (!this.gateway) return null;
    try {
      return await this.lock.holding(this.config.meiliIndex, wait ? FORCED_ROUND_WAIT_MS : 0, () => this.roundHoldingLock());
    } catch (error) {
      this.settingsChecked = false;
      throw error;
    }
  }

  private async roundHoldingLock(): Promise<IndexRound> {
    const index = this.config.meiliIndex;
    const gateway = this.gateway!;
    if ((await this.checkpoints.load(index)) === null || !(await gateway.indexExists(index))) {
      return { rebuilt: await this.rebuildHoldingLock() };
    }
    if (!this.settingsChecked) {
      const settings = await gateway.settingsOf(index);
      if (!same(settings.searchableAttributes, MEILI_SETTINGS.searchableAttributes, 'searchableAttributes')) {
        this.logger.log(`index ${index} holds documents of another version: rebuilding it`);
        return { rebuilt: await this.rebuildHoldingLock() };
      }
      if (IN_PLACE.some((key) => !same(settings[key], MEILI_SETTINGS[key], key))) {
        this.logger.log(`index ${index} has other settings than this version's: applying them`);
        await gateway.applySettings(index, MEILI_SETTINGS);
      }
      this.settingsChecked = true;
    }
    return { caughtUp: await this.indexer!.catchUp() };
  }

  private async rebuildHoldingLock(): Promise<RebuildReport> {
    const report = await rebuildIndex(this.gateway!, this.config.meiliIndex, {
      head: async () => {
        const head = await this.reader.head();
        return head ? { txid: head.txid, seq: head.seq } : START;
      },
      documents: () => this.documents.allDocuments(),
      resetCheckpoint: (index, position) => this.checkpoints.reset(index, position),
    });
    this.settingsChecked = true;
    return report;
  }
}

/** Lists whose order means something; Meilisearch returns the others sorted. */
const ORDERED = new Set(['rankingRules', 'searchableAttributes']);

/** Settings compared as Meilisearch returns them (it fills in defaults: only the keys we set count). */
function same(current: unknown, wanted: unknown, key = ''): boolean {
  if (Array.isArray(wanted) && Array.isArray(current) && !ORDERED.has(key)) {
    const sorted = (list: unknown[]) => JSON.stringify(list.map(String).sort());
    return sorted(current as unknown[]) === sorted(wanted as unknown[]);
  }
  if (wanted && typeof wanted === 'object' && !Array.isArray(wanted) && current && typeof current === 'object') {
    return Object.entries(wanted).every(([name, value]) => same((current as Record<string, unknown>)[name], value, name));
  }
  return JSON.stringify(current) === JSON.stringify(wanted);
}
