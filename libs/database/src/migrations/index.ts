import { Vocabulary1764300000000 } from './1764300000000-vocabulary';
import { Mappings1764300100000 } from './1764300100000-mappings';
import { Search1764300300000 } from './1764300300000-search';

/** Every migration, in order. Listed explicitly so that bundles and tests find them without globbing. */
export const MIGRATIONS = [Vocabulary1764300000000, Mappings1764300100000, Search1764300300000];
