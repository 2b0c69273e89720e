import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { LocalizedText, RequestContext } from '@lexique/core';
import { assertVocabularyWritten } from '@lexique/vocabulary';
import { MappingIntent } from '../writing/mapping-write';
import { MappingWriter } from '../writing/mapping-writer';
import { SystemIntent } from '../writing/system-write';
import { SystemWriter } from '../writing/system-writer';

/** The shape of systems and mappings in `demo/vocabulary.json`. */
export interface SystemDocument {
  code: string;
  name: string;
  kind: string;
  owner: string;
  ownerName: string;
  status: string;
  description?: LocalizedText;
}

export interface MappingDocument {
  system: string;
  localCode: string;
  localLabel?: string | null;
  concept: string | null;
  relation: string;
  note?: string;
  validFrom?: string;
  validTo?: string;
}

/**
 * Loads the information systems and mappings of a vocabulary whose concepts
 * are loaded (the demo data, `lexique seed`) through the writers of systems
 * and mappings, as an admin's import of the systems CSV and of a mappings
 * file would: the same checks as any other write (a mapping points to a
 * published concept), one change row per system and mapping. Data that
 * breaks a rule is refused whole, naming what is wrong.
 */
@Injectable()
export class MappingsSeeder {
  constructor(
    private readonly systemWriter: SystemWriter,
    private readonly mappingWriter: MappingWriter,
  ) {}

  async seed(manager: EntityManager, ctx: RequestContext, systems: SystemDocument[], mappings: MappingDocument[], reason: string) {
    const registry = await this.systemWriter.write(
      manager,
      ctx,
      systems.map(({ code, ...fields }) => ({ intent: SystemIntent.IMPORT, code, fields })),
      { reason },
    );
    assertVocabularyWritten('systems', registry.problems, (ord) => systems[ord].code);
    const result = await this.mappingWriter.write(
      manager,
      ctx,
      mappings.map(({ system, localCode, ...patch }) => ({ intent: MappingIntent.IMPORT, system, localCode, patch })),
      { reason },
    );
    assertVocabularyWritten('mappings', result.problems, (ord) => `${mappings[ord].system}/${mappings[ord].localCode}`);
    return {
      systems: registry.counts.created + registry.counts.updated,
      mappings: result.counts.created + result.counts.updated,
    };
  }
}
