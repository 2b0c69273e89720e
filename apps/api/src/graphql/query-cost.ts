import {
  FieldNode,
  FragmentDefinitionNode,
  getNamedType,
  getNullableType,
  GraphQLNamedType,
  GraphQLSchema,
  GraphQLType,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  OperationDefinitionNode,
  SchemaMetaFieldDef,
  SelectionSetNode,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
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
 * Lengths of the introspection lists, from the schema itself: what a
 * `__schema` selection resolves is known exactly (every type, their fields
 * on average…), unlike data lists. Computed once per schema.
 */
const introspectionLists = new WeakMap<GraphQLSchema, Map<string, number>>();

function introspectionListLengths(schema: GraphQLSchema): Map<string, number> {
  let lengths = introspectionLists.get(schema);
  if (lengths) return lengths;
  const types = Object.values(schema.getTypeMap());
  const fields = types.flatMap((type) => (isObjectType(type) || isInterfaceType(type) ? Object.values(type.getFields()) : []));
  const mean = (total: number, count: number) => Math.max(1, Math.ceil(total / Math.max(1, count)));
  const perType = (count: (type: GraphQLNamedType) => number) =>
    mean(
      types.reduce((sum, type) => sum + count(type), 0),
      types.length,
    );
  const inputs = [
    ...fields.flatMap((field) => field.args),
    ...types.flatMap((type) => (isInputObjectType(type) ? Object.values(type.getFields()) : [])),
  ];
  const wrappers = (type: GraphQLType): number => ('ofType' in type && type.ofType ? 1 + wrappers(type.ofType) : 0);
  lengths = new Map([
    // how deep `ofType` goes before it is null: [Concept!]! wraps three times
    ['__Type.ofType', Math.max(0, ...fields.map((field) => wrappers(field.type)), ...inputs.map((input) => wrappers(input.type)))],
    ['__Schema.types', types.length],
    ['__Schema.directives', schema.getDirectives().length],
    ['__Type.fields', mean(fields.length, types.length)],
    ['__Type.inputFields', perType((type) => (isInputObjectType(type) ? Object.keys(type.getFields()).length : 0))],
    ['__Type.enumValues', perType((type) => (isEnumType(type) ? type.getValues().length : 0))],
    ['__Type.interfaces', perType((type) => (isObjectType(type) || isInterfaceType(type) ? type.getInterfaces().length : 0))],
    ['__Type.possibleTypes', perType((type) => (isAbstractType(type) ? schema.getPossibleTypes(type).length : 0))],
    [
      '__Field.args',
      mean(
        fields.reduce((sum, field) => sum + field.args.length, 0),
        fields.length,
      ),
    ],
    [
      '__Directive.args',
      mean(
        schema.getDirectives().reduce((sum, directive) => sum + directive.args.length, 0),
        schema.getDirectives().length,
      ),
    ],
  ]);
  introspectionLists.set(schema, lengths);
  return lengths;
}

/** The fields every type has, which `getFields()` leaves out. */
const META_FIELDS = new Map([SchemaMetaFieldDef, TypeMetaFieldDef, TypeNameMetaFieldDef].map((field) => [field.name, field]));

/**
 * Walks an operation with its fragments and variables. Introspection fields
 * and `__typename` count like any other toward the cost and the aliases (a
 * request of 4,000 aliased `__schema` once answered 85 MB), but not toward the
 * depth: IDEs ask introspection queries nested a dozen `ofType` deep.
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
    wrapping = 0,
  ): { depth: number; cost: number } {
    let deepest = depth - 1;
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.alias) aliases++;
        const field = measureField(selection, parent, depth, seen, wrapping);
        if (!selection.name.value.startsWith('__')) deepest = Math.max(deepest, field.depth);
        cost += field.cost;
      } else {
        const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? fragments[selection.name.value] : selection;
        const name = selection.kind === Kind.FRAGMENT_SPREAD ? selection.name.value : undefined;
        if (!fragment || (name && seen.has(name))) continue;
        const condition = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : parent;
        const inner = walk(fragment.selectionSet, condition ?? parent, depth, name ? new Set([...seen, name]) : seen, wrapping);
        deepest = Math.max(deepest, inner.depth);
        cost += inner.cost;
      }
    }
    return { depth: deepest, cost };
  }

  function measureField(node: FieldNode, parent: GraphQLNamedType | undefined, depth: number, seen: Set<string>, wrapping: number) {
    // a type reference is null past the schema's deepest wrapping: IDEs ask for eight levels of it
    const ofType = parent?.name === '__Type' && node.name.value === 'ofType' ? wrapping + 1 : 0;
    if (ofType > (introspectionListLengths(schema).get('__Type.ofType') ?? 0)) return { depth, cost: 0 };
    const definition =
      META_FIELDS.get(node.name.value) ??
      (parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[node.name.value] : undefined);
    if (!node.selectionSet) return { depth, cost: 1 };
    const children = walk(node.selectionSet, definition ? getNamedType(definition.type) : undefined, depth + 1, seen, ofType);
    let multiplier = 1;
    const first = definition?.args.find((arg) => arg.name === 'first');
    if (first) {
      const given = node.arguments?.find((arg) => arg.name.value === 'first');
      const value = given ? valueFromAST(given.value, first.type, variables) : first.defaultValue;
      multiplier = typeof value === 'number' && value > 0 ? value : 1;
    } else if (definition && isListType(getNullableType(definition.type)) && !CONNECTION_LISTS.has(node.name.value)) {
      multiplier =
        (parent?.name.startsWith('__') && introspectionListLengths(schema).get(`${parent.name}.${node.name.value}`)) || LIST_FACTOR;
    }
    return { depth: children.depth, cost: 1 + multiplier * children.cost };
  }

  const measured = walk(operation.selectionSet, root ?? undefined, 1, new Set());
  return { depth: measured.depth, cost: measured.cost, aliases };
}
