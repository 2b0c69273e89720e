import { Logger } from '@nestjs/common';
import { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { DomainError } from '@lexique/core';
import { retryableFault } from '@lexique/database';
import { coercionRefusal } from './coercion-refusal';

const logger = new Logger('GraphQL');

/** graphql-js's suggestions, e.g. ` Did you mean the enum value "PUBLISHED"?` */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

export interface ErrorFormatOptions {
  /** Leave out suggestions, which tell the schema to callers who may not read it by introspection. */
  hideSchemaDetails: boolean;
}

/** The formatter Apollo calls for every error; see formatError. */
export function errorFormatter(options: ErrorFormatOptions) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const shown = formatError(formatted, error);
    return options.hideSchemaDetails ? { ...shown, message: shown.message.replace(SUGGESTION, '') } : shown;
  };
}

/**
 * The one mapping from thrown errors to what clients see. Domain errors keep
 * their message, code and field; faults of the moment (a lock or connection
 * waited for too long, a deadlock, the database restarting) become BUSY with
 * `retryAfter`; anything else is an internal error whose details (stack,
 * SQL) stay in the server log. Only internal errors are logged as errors:
 * the others are the client's or the moment's, not the service's.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const retryable = original instanceof DomainError ? undefined : retryableFault(original);
  if (retryable) logger.warn(`${retryable.message} (${original instanceof Error ? original.message : String(original)})`);
  const domainError = original instanceof DomainError ? original : retryable;
  if (domainError) {
    return {
      message: domainError.message,
      path: formatted.path,
      locations: formatted.locations,
      // the values a refusal names come first: they can never hide its code, reason or field
      extensions: {
        ...(domainError.details ?? {}),
        code: domainError.code,
        reason: domainError.reason,
        ...(domainError.field ? { field: domainError.field } : {}),
      },
    };
  }
  const code = formatted.extensions?.code;
  // Parse, validation and argument-coercion errors are the client's and safe to show.
  if (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR') {
    // the edge's own refusals (text that is no text) and graphql-js's refused variables name their reason and argument too
    const { reason, field } = { ...(code === 'BAD_USER_INPUT' ? coercionRefusal(formatted.message) : null), ...formatted.extensions };
    return {
      message: formatted.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code, ...(typeof reason === 'string' ? { reason } : {}), ...(typeof field === 'string' ? { field } : {}) },
    };
  }
  logger.error(original instanceof Error ? (original.stack ?? original.message) : String(original));
  return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
