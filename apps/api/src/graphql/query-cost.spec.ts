import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildSchema, FragmentDefinitionNode, getIntrospectionQuery, graphqlSync, Kind, OperationDefinitionNode, parse } from 'graphql';
import { loadConfig, projectRoot } from '@lexique/core';
import { measureOperation } from './query-cost';

const schemaDir = path.join(projectRoot(), 'schema');
// every area file declares its part of Query and Mutation, as the server merges them
const schema = buildSchema(
  fs
    .readdirSync(schemaDir)
    .filter((file) => file.endsWith('.graphql'))
    .map((file) => fs.readFileSync(path.join(schemaDir, file), 'utf8'))
    .join('\n')
    .replace(/(?<!extend )\btype (Query|Mutation)\b/g, 'extend type $1')
    .concat('\ntype Query { _: Boolean }\ntype Mutation { _: Boolean }'),
);

function measure(query: string, variables: Record<string, unknown> = {}) {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  return measureOperation(schema, operation, fragments, variables);
}

describe('measureOperation', () => {
  it('counts depth from the root fields', () => {
    expect(measure(`{ serviceVersion }`).depth).toBe(1);
    expect(measure(`{ concept(code: "A-1") { broader { code } } }`).depth).toBe(3);
  });

  it('multiplies a connection by its page size: literal, variable or default', () => {
    expect(measure(`{ concepts(first: 10) { edges { node { code } } } }`).cost).toBe(1 + 10 * 3);
    expect(measure(`query($n: Int) { concepts(first: $n) { edges { node { code } } } }`, { n: 20 }).cost).toBe(1 + 20 * 3);
    expect(measure(`{ concepts { totalCount } }`).cost).toBe(1 + 50 * 1);
  });

  it('assumes ten items for relation lists, and counts scalar lists once', () => {
    expect(measure(`{ concept(code: "A-1") { narrower { code } } }`).cost).toBe(1 + (1 + 10 * 1));
    expect(measure(`{ concept(code: "A-1") { acronyms } }`).cost).toBe(2);
  });

  it('follows fragments and inline fragments, and counts aliases wherever they are', () => {
    const measured = measure(`{ a: concept(code: "A-1") { ...f } b: concept(code: "B-1") { ... on Concept { x: code } } }
      fragment f on Concept { y: code broader { code } }`);
    // a: 1 + (y 1 + broader 1 + 10 × code 1); b: 1 + x 1
    expect(measured).toEqual({ depth: 3, cost: 13 + 2, aliases: 4 });
  });

  it('counts introspection and __typename toward cost and aliases, not depth', () => {
    expect(measure(`{ __typename }`)).toEqual({ depth: 0, cost: 1, aliases: 0 });
    expect(measure(`{ a: __typename b: __typename }`)).toEqual({ depth: 0, cost: 2, aliases: 2 });
    // every type of the schema, exactly: __schema 1 + (types 1 + each type × name 1)
    const types = Object.keys(schema.getTypeMap()).length;
    expect(measure(`{ __schema { types { name } } }`)).toEqual({ depth: 0, cost: 2 + types, aliases: 0 });
    const one = measure(`{ __schema { types { name fields { name } } } }`).cost;
    const aliased = Array.from({ length: 40 }, (_, i) => `s${i}: __schema { types { name fields { name } } }`).join(' ');
    expect(measure(`{ ${aliased} }`)).toEqual({ depth: 0, cost: 40 * one, aliases: 40 });
  });

  it('estimates an IDE’s whole introspection query near what it resolves, within the default cost limit', () => {
    const query = getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true });
    let resolved = 0;
    const count = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(count);
      else if (value && typeof value === 'object') {
        for (const inner of Object.values(value)) {
          resolved++;
          count(inner);
        }
      }
    };
    count(graphqlSync({ schema, source: query }).data);
    const measured = measure(query);
    expect(measured.cost).toBeGreaterThan(resolved / 2);
    expect(measured.cost).toBeLessThan(resolved * 3);
    expect(measured.cost).toBeLessThan(loadConfig({}).graphqlMaxCost);
  });
});
