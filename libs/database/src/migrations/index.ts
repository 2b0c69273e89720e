import { Vocabulary1764300000000 } from './1764300000000-vocabulary';
import { Mappings1764300100000 } from './1764300100000-mappings';
import { Search1764300300000 } from './1764300300000-search';
import { ApiKeys1764300400000 } from './1764300400000-api-keys';
import { Stewardship1764300500000 } from './1764300500000-stewardship';
import { SearchScale1764300800000 } from './1764300800000-search-scale';
import { TranslationLookup1764300950000 } from './1764300950000-translation-lookup';
import { MappingIndexes1764300960000 } from './1764300960000-mapping-indexes';
import { OneWriter1764310000000 } from './1764310000000-one-writer';
import { Workspace1764320000000 } from './1764320000000-workspace';
import { MappingPeriods1764330000000 } from './1764330000000-mapping-periods';
import { SearchRanking1764340000000 } from './1764340000000-search-ranking';
import { SearchFollowsWrites1764350000000 } from './1764350000000-search-follows-writes';
import { MappingBulkWrites1764360000000 } from './1764360000000-mapping-bulk-writes';
import { MappingWriteCosts1764370000000 } from './1764370000000-mapping-write-costs';
import { ChangePositionKey1764380000000 } from './1764380000000-change-position-key';

/** Every migration, in order. Listed explicitly so that bundles and tests find them without globbing. */
export const MIGRATIONS = [
  Vocabulary1764300000000,
  Mappings1764300100000,
  Search1764300300000,
  ApiKeys1764300400000,
  Stewardship1764300500000,
  SearchScale1764300800000,
  TranslationLookup1764300950000,
  MappingIndexes1764300960000,
  OneWriter1764310000000,
  Workspace1764320000000,
  MappingPeriods1764330000000,
  SearchRanking1764340000000,
  SearchFollowsWrites1764350000000,
  MappingBulkWrites1764360000000,
  MappingWriteCosts1764370000000,
  ChangePositionKey1764380000000,
];
