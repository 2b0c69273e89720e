import type { ApolloServerPlugin } from '@apollo/server';
import { BREAK, DocumentNode, GraphQLError, GraphQLSchema, TypeInfo, valueFromAST, visit, visitWithTypeInfo } from 'graphql';
import { ErrorCode, ErrorReason, isStorableText, unstorableMessage } from '@lexique/core';

/**
 * Arguments whose service answers text PostgreSQL cannot store itself, as
 * `Type.field.argument`, which the edge then lets through: search takes such
 * text as text no concept holds and matches nothing (an agent's paste of
 * odd bytes is not the agent's mistake), on either engine. The hostile-input
 * suite expects only that it is no internal error.
 */
export const UNSTORABLE_TEXT_LEFT_TO_SERVICE: ReadonlySet<string> = new Set<string>(['Query.search.query']);

/**
 * The one check of text at the edge: every argument of the operation, at any
 * depth (input objects, lists, nested fields' arguments), literal or
 * variable, is refused with BAD_USER_INPUT naming its path when it holds a
 * NUL or an unpaired surrogate, before any resolver runs. Services then
 * never meet such text, whatever the argument.
 */
export function storableInputPlugin(): ApolloServerPlugin {
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ schema, document, request }) {
          const field = firstUnstorableArgument(schema, document, request.variables ?? {});
          if (field) {
            throw new GraphQLError(unstorableMessage(field), {
              extensions: { code: ErrorCode.BAD_USER_INPUT, reason: ErrorReason.INVALID_VALUE, field, http: { status: 400 } },
            });
          }
          return Promise.resolve();
        },
      });
    },
  };
}

/** Path of the first argument value holding unstorable text (`input.prefLabel.fr`, `codes[3]`), if any. */
export function firstUnstorableArgument(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown>,
): string | undefined {
  const typeInfo = new TypeInfo(schema);
  let found: string | undefined;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument(node) {
        const argument = typeInfo.getArgument();
        const field = typeInfo.getFieldDef();
        const parent = typeInfo.getParentType();
        // unknown arguments are the validator's to refuse
        if (!argument) return false;
        if (field && parent && UNSTORABLE_TEXT_LEFT_TO_SERVICE.has(`${parent.name}.${field.name}.${argument.name}`)) return false;
        found = unstorablePath(valueFromAST(node.value, argument.type, variables), argument.name);
        return found ? BREAK : false;
      },
    }),
  );
  return found;
}

function unstorablePath(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return isStorableText(value) ? undefined : path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const inner = unstorablePath(value[i], `${path}[${i}]`);
      if (inner) return inner;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      const found = isStorableText(key) ? unstorablePath(inner, `${path}.${key}`) : `${path}.${key}`;
      if (found) return found;
    }
  }
  return undefined;
}
