import { Vocabulary1764300000000 } from './1764300000000-vocabulary';
import { Mappings1764300100000 } from './1764300100000-mappings';
import { ApiKeys1764300400000 } from './1764300400000-api-keys';

/** Every migration, in order. Listed explicitly so that bundles and tests find them without globbing. */
export const MIGRATIONS = [Vocabulary1764300000000, Mappings1764300100000, ApiKeys1764300400000];
