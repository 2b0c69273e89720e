import { Injectable } from '@nestjs/common';
import { notFound, RequestContext } from '@lexique/core';
import type { Gql } from '@lexique/core';
import { ChangeEntityType, ChangeLogReader } from '@lexique/database';
import { ConceptService } from '../concepts/concept.service';
import { visibleChange } from './change-visibility';
import { toChangeView } from './change-view';

/** Keys that are codes (upper case); mapping keys hold local codes, which are exact strings. */
const CODE_KEYED = new Set<ChangeEntityType>(['CONCEPT', 'DOMAIN', 'SYSTEM']);

/** History of one entry: every change row of it, oldest first, as the caller may see it. */
@Injectable()
export class HistoryService {
  constructor(
    private readonly reader: ChangeLogReader,
    private readonly concepts: ConceptService,
  ) {}

  async history(ctx: RequestContext, entity: ChangeEntityType, rawKey: string): Promise<Gql.Change[]> {
    const key = CODE_KEYED.has(entity) ? rawKey.trim().toUpperCase() : rawKey;
    if (entity === 'CONCEPT') {
      // A concept the caller may not see has no history for them either.
      const concept = await this.concepts.find(ctx, { code: key });
      if (!concept) throw notFound(`No concept "${rawKey}"`, 'key');
      return this.ofConcept(ctx, concept.id);
    }
    return this.visible(ctx, await this.reader.forEntity(entity, key));
  }

  async ofConcept(ctx: RequestContext, conceptId: string): Promise<Gql.Change[]> {
    return this.visible(ctx, await this.reader.forEntityId('CONCEPT', conceptId));
  }

  private visible(ctx: RequestContext, rows: Awaited<ReturnType<ChangeLogReader['forEntity']>>): Gql.Change[] {
    return rows.flatMap((row) => {
      const visible = visibleChange(ctx.principal, row);
      return visible ? [toChangeView(visible)] : [];
    });
  }
}
