export * from './config/config';
export * from './context/request-context';
export * from './errors/domain-error';
export * from './i18n/language';
export * from './pagination/connection';
export * from './pagination/cursor';
export * as Gql from './graphql/schema.types';
export * from './graphql/scalars';
export * from './project-root';
