import { Inject, Injectable } from '@nestjs/common';
import { LEXIQUE_CONFIG, LexiqueConfig } from '@lexique/core';
import { ChangeLogReader } from '@lexique/database';
import { MEILI_GATEWAY, MeiliGateway } from './meili-gateway';
import { rebuildIndex, RebuildReport } from './meili-reindexer';
import { SearchCheckpointRepository } from './search-checkpoint.repository';
import { SearchDocumentSource } from './search-document.source';

/** `lexique reindex`: rebuilds the Meilisearch index from PostgreSQL and swaps it in. */
@Injectable()
export class MeiliReindexService {
  constructor(
    @Inject(LEXIQUE_CONFIG) private readonly config: LexiqueConfig,
    @Inject(MEILI_GATEWAY) private readonly gateway: MeiliGateway | null,
    private readonly reader: ChangeLogReader,
    private readonly checkpoints: SearchCheckpointRepository,
    private readonly documents: SearchDocumentSource,
  ) {}

  rebuild(): Promise<RebuildReport> {
    if (!this.gateway) throw new Error('MEILI_HOST is not set: the PostgreSQL engine has no index to rebuild');
    return rebuildIndex(this.gateway, this.config.meiliIndex, {
      head: async () => {
        const head = await this.reader.head();
        return head ? { txid: head.txid, seq: head.seq } : null;
      },
      documents: () => this.documents.allDocuments(),
      resetCheckpoint: (index, position) => this.checkpoints.reset(index, position),
    });
  }
}
