import {
  FieldNode,
  FragmentDefinitionNode,
  getNamedType,
  getNullableType,
  GraphQLNamedType,
  GraphQLSchema,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
  valueFromAST,
} from 'graphql';

/** What an operation would cost to run, measured before it runs. */
export interface QueryMeasure {
  /** Deepest nesting of fields, the root fields being at depth 1. */
  depth: number;
  /** Estimated number of fields resolved: page sizes and lists multiply what they contain. */
  cost: number;
  aliases: number;
}

/** Assumed length of a list that takes no `first` (relations such as `narrower`). */
const LIST_FACTOR = 10;
/** Lists of a connection, whose length the connection's `first` already counts. */
const CONNECTION_LISTS = new Set(['edges', 'nodes']);

/**
 * Walks an operation with its fragments and variables. Introspection fields
 * are not counted: introspection is switched off where it is unwanted
 * (GRAPHQL_INTROSPECTION) and IDEs ask deep introspection queries.
 */
export function measureOperation(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): QueryMeasure {
  let aliases = 0;
  const root = schema.getRootType(operation.operation);

  function walk(
    selectionSet: SelectionSetNode,
    parent: GraphQLNamedType | undefined,
    depth: number,
    seen: Set<string>,
  ): { depth: number; cost: number } {
    let deepest = depth - 1;
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) continue;
        if (selection.alias) aliases++;
        const field = measureField(selection, parent, depth, seen);
        deepest = Math.max(deepest, field.depth);
        cost += field.cost;
      } else {
        const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? fragments[selection.name.value] : selection;
        const name = selection.kind === Kind.FRAGMENT_SPREAD ? selection.name.value : undefined;
        if (!fragment || (name && seen.has(name))) continue;
        const condition = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : parent;
        const inner = walk(fragment.selectionSet, condition ?? parent, depth, name ? new Set([...seen, name]) : seen);
        deepest = Math.max(deepest, inner.depth);
        cost += inner.cost;
      }
    }
    return { depth: deepest, cost };
  }

  function measureField(node: FieldNode, parent: GraphQLNamedType | undefined, depth: number, seen: Set<string>) {
    const definition = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[node.name.value] : undefined;
    if (!node.selectionSet) return { depth, cost: 1 };
    const children = walk(node.selectionSet, definition ? getNamedType(definition.type) : undefined, depth + 1, seen);
    let multiplier = 1;
    const first = definition?.args.find((arg) => arg.name === 'first');
    if (first) {
      const given = node.arguments?.find((arg) => arg.name.value === 'first');
      const value = given ? valueFromAST(given.value, first.type, variables) : first.defaultValue;
      multiplier = typeof value === 'number' && value > 0 ? value : 1;
    } else if (definition && isListType(getNullableType(definition.type)) && !CONNECTION_LISTS.has(node.name.value)) {
      multiplier = LIST_FACTOR;
    }
    return { depth: children.depth, cost: 1 + multiplier * children.cost };
  }

  const measured = walk(operation.selectionSet, root ?? undefined, 1, new Set());
  return { depth: measured.depth, cost: measured.cost, aliases };
}
