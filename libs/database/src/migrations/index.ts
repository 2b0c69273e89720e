import { Vocabulary1764300000000 } from './1764300000000-vocabulary';

/** Every migration, in order. Listed explicitly so that bundles and tests find them without globbing. */
export const MIGRATIONS = [Vocabulary1764300000000];
