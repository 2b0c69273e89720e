import { ConceptEntity } from '@lexique/vocabulary';
import { MappingRelation } from '../mappings/mapping-relation';
import { MappingEntity } from '../mappings/mapping.entity';

/** What a local code means: the answer of translate, one item of translateBatch. */
export interface Translation {
  system: string;
  code: string;
  found: boolean;
  localLabel: string | null;
  relation: MappingRelation | null;
  concept: ConceptEntity | null;
  deprecated: boolean;
  current: ConceptEntity | null;
  mapping: MappingEntity | null;
}

export const MAX_BATCH_CODES = 10_000;
