import type { ApolloServerPlugin } from '@apollo/server';
import { FragmentDefinitionNode, GraphQLError, Kind } from 'graphql';
import { measureOperation } from './query-cost';

export interface QueryLimits {
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
}

/** What the operations of one HTTP request have measured so far: a batch is limited as a whole. */
interface RequestTotals {
  operations: number;
  cost: number;
  aliases: number;
}

/**
 * Refuses operations too deep, too costly or with too many aliases before
 * any resolver runs. Measured once the operation is known, so that page
 * sizes given as variables count. The operations of a batched request (a
 * JSON array) share one allowance of cost and aliases: ten operations of
 * thirty aliased searches cost what one request of three hundred would.
 */
export function queryLimitsPlugin(limits: QueryLimits): ApolloServerPlugin {
  // keyed by the HTTP request, which the context of each of a batch's operations (a shallow copy each) holds as `req`
  const totals = new WeakMap<object, RequestTotals>();
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ schema, document, operation, request, contextValue }) {
          if (!operation) return Promise.resolve();
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const definition of document.definitions) {
            if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
          }
          const measure = measureOperation(schema, operation, fragments, request.variables ?? {});
          if (measure.depth > limits.maxDepth) refuse(`The query is nested ${measure.depth} levels deep; the limit is ${limits.maxDepth}`);
          const httpRequest = (contextValue as { req?: object }).req ?? contextValue;
          const total = totals.get(httpRequest) ?? { operations: 0, cost: 0, aliases: 0 };
          totals.set(httpRequest, {
            operations: total.operations + 1,
            cost: total.cost + measure.cost,
            aliases: total.aliases + measure.aliases,
          });
          const what = total.operations > 0 ? `The batch's operations` : 'The query';
          const aliases = total.aliases + measure.aliases;
          const cost = total.cost + measure.cost;
          if (aliases > limits.maxAliases)
            refuse(`${what} use${total.operations > 0 ? '' : 's'} ${aliases} aliases; the limit is ${limits.maxAliases}`);
          if (cost > limits.maxCost) {
            refuse(`${what} could resolve about ${cost} fields; the limit is ${limits.maxCost}: ask for smaller pages`);
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
