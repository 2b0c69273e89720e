import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { RequestContext } from '@lexique/core';
import type { Gql } from '@lexique/core';
import { DataSource } from 'typeorm';
import { fieldDiff } from '../history/field-diff';
import { RevisionRepository } from '../review/revision.repository';
import { ConceptSnapshot } from './concept-snapshot';
import { ConceptWriterRepository } from './concept-writer.repository';

/** Pending revisions of a page of concepts in one statement, with what they change. */
@Injectable()
export class ConceptRevisionLoaders {
  private readonly perRequest = new WeakMap<RequestContext, DataLoader<string, Gql.ConceptRevision | null>>();

  constructor(
    private readonly revisions: RevisionRepository,
    private readonly writer: ConceptWriterRepository,
    private readonly dataSource: DataSource,
  ) {}

  for(ctx: RequestContext): DataLoader<string, Gql.ConceptRevision | null> {
    let loader = this.perRequest.get(ctx);
    if (!loader) {
      loader = new DataLoader(async (ids) => {
        const pending = await this.revisions.pendingFor<ConceptSnapshot>('CONCEPT', ids);
        const published = new Map(
          (
            await this.writer.snapshots(
              this.dataSource.manager,
              pending.map((r) => r.entityId),
            )
          ).map((s) => [s.id, s.snapshot]),
        );
        const byConcept = new Map(
          pending.map((r) => [
            r.entityId,
            { ...r, changes: fieldDiff(published.get(r.entityId) ?? null, r.proposed) } satisfies Gql.ConceptRevision,
          ]),
        );
        return ids.map((id) => byConcept.get(id) ?? null);
      });
      this.perRequest.set(ctx, loader);
    }
    return loader;
  }
}
