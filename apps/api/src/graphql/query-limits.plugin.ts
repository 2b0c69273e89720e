import type { ApolloServerPlugin } from '@apollo/server';
import { FragmentDefinitionNode, GraphQLError, Kind } from 'graphql';
import { measureOperation } from './query-cost';

export interface QueryLimits {
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
}

/**
 * Refuses operations too deep, too costly or with too many aliases before
 * any resolver runs. Measured once the operation is known, so that page
 * sizes given as variables count.
 */
export function queryLimitsPlugin(limits: QueryLimits): ApolloServerPlugin {
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return Promise.resolve();
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const definition of document.definitions) {
            if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
          }
          const measure = measureOperation(schema, operation, fragments, request.variables ?? {});
          if (measure.depth > limits.maxDepth) refuse(`The query is nested ${measure.depth} levels deep; the limit is ${limits.maxDepth}`);
          if (measure.aliases > limits.maxAliases) refuse(`The query uses ${measure.aliases} aliases; the limit is ${limits.maxAliases}`);
          if (measure.cost > limits.maxCost) {
            refuse(`The query could resolve about ${measure.cost} fields; the limit is ${limits.maxCost}: ask for smaller pages`);
          }
          return Promise.resolve();
        },
      });
    },
  };
}

function refuse(message: string): never {
  throw new GraphQLError(message, { extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 } } });
}
