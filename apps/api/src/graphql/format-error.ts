import { Logger } from '@nestjs/common';
import { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { DomainError } from '@lexique/core';

const logger = new Logger('GraphQL');

/**
 * The one mapping from thrown errors to what clients see. Domain errors keep
 * their message, code and field; anything else is an internal error whose
 * details (stack, SQL) stay in the server log.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof DomainError) {
    return {
      message: original.message,
      path: formatted.path,
      locations: formatted.locations,
      // the values a refusal names come first: they can never hide its code, reason or field
      extensions: {
        ...(original.details ?? {}),
        code: original.code,
        reason: original.reason,
        ...(original.field ? { field: original.field } : {}),
      },
    };
  }
  const code = formatted.extensions?.code;
  // Parse, validation and argument-coercion errors are the client's and safe to show.
  if (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR') {
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code } };
  }
  logger.error(original instanceof Error ? (original.stack ?? original.message) : String(original));
  return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
