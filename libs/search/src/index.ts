export * from './query/highlight';
export * from './query/query-text';
export * from './search-engine';
export * from './search-request';
export * from './search.module';
export * from './search.service';
