import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { RequestContext } from '@lexique/core';
import type { Gql } from '@lexique/core';
import { ConceptSnapshot } from '../concepts/concept-snapshot';
import { ConceptRepository } from '../concepts/concept.repository';
import { fieldDiff } from '../history/field-diff';
import { RevisionRepository } from './revision.repository';

/** Pending revisions of a page of concepts in one statement, with what they change. */
@Injectable()
export class ConceptRevisionLoaders {
  private readonly perRequest = new WeakMap<RequestContext, DataLoader<string, Gql.ConceptRevision | null>>();

  constructor(
    private readonly revisions: RevisionRepository,
    private readonly concepts: ConceptRepository,
  ) {}

  for(ctx: RequestContext): DataLoader<string, Gql.ConceptRevision | null> {
    let loader = this.perRequest.get(ctx);
    if (!loader) {
      loader = new DataLoader(async (ids) => {
        const pending = await this.revisions.pendingFor<ConceptSnapshot>('CONCEPT', ids);
        const published = await this.concepts.snapshots(pending.map((r) => r.entityId));
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
