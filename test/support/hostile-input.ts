import { GraphQLTypesLoader } from '@nestjs/graphql';
import * as path from 'node:path';
import {
  buildSchema,
  getNamedType,
  GraphQLArgument,
  GraphQLField,
  GraphQLInputType,
  GraphQLNamedType,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';
import { projectRoot } from '@lexique/core';

export { UNSTORABLE_TEXT_LEFT_TO_SERVICE } from '../../apps/api/src/graphql/storable-input.plugin';

/** The public contract as written in schema/*.graphql (types split by area, merged as the server merges them). */
export async function contractSchema(): Promise<GraphQLSchema> {
  const sdl = await new GraphQLTypesLoader().mergeTypesByPaths(path.join(projectRoot(), 'schema', '*.graphql'));
  return buildSchema(sdl);
}

/** Whether a value holds text PostgreSQL cannot store: NUL, or a UTF-16 surrogate without its pair. */
export function holdsUnstorableText(value: unknown): boolean {
  if (typeof value === 'string') return /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(value);
  if (Array.isArray(value)) return value.some(holdsUnstorableText);
  return false;
}

const forgedCursor = (key: string) => Buffer.from('lx1:' + key, 'utf8').toString('base64url');

/** Text a badly written or hostile client sends: bytes PostgreSQL refuses, sizes, syntax of other languages, forged cursors. */
export const HOSTILE_STRINGS: readonly string[] = [
  '\u0000',
  'FIN-\u00000001',
  '\ud800',
  'a\udfffb',
  '\udc00\ud800',
  '',
  '   ',
  'x'.repeat(100_000),
  "'; DROP TABLE concept; --",
  '%00',
  '../../../etc/passwd',
  '\u202eFIN-0001',
  '🙂 ﷽ \uffff',
  '{"$gt": ""}',
  forgedCursor('\u0000'),
  forgedCursor('change:99999999999999999999:99999999999999999999'),
  forgedCursor('change:9223372036854775808:1'),
  forgedCursor('99999999999999999999'),
  forgedCursor('-1'),
  forgedCursor('FIN-0001\u0000'),
  forgedCursor('x'.repeat(2000)),
];

const HOSTILE_SCALARS: Record<string, readonly unknown[]> = {
  Int: [2147483647, -2147483648, 0, -1, 2147483648, 1.5],
  Float: [1e308, -1e308, 0, -1e-7, 2],
  Boolean: [true, false],
  Date: [
    '0000-01-01',
    '0001-01-01',
    '9999-12-31',
    '10000-01-01',
    '2024-02-30',
    '-0001-01-01',
    '1900-02-29',
    '2024-01-01T00:00:00Z',
    '\u0000',
  ],
  DateTime: ['0000-01-01T00:00:00Z', '+275760-09-13T00:00:00Z', '-271821-04-20T00:00:00Z', '2024-13-01T00:00:00Z', '\u0000'],
  JSON: [{ a: '\u0000' }, '\ud800', [[[[[[[[[[[]]]]]]]]]]]],
};

/**
 * Values that make a call reach its service rather than stop at the first
 * lookup: known codes of the demo dictionary by argument name, then by type.
 */
const SAMPLES: Record<string, unknown> = {
  'Query.system.code': 'SI-MER-FIN',
  'Query.domain.code': 'FIN',
  'Query.translate.code': '1.1',
  'Query.crosswalk.code': '0103',
  'Query.crosswalk.from': 'SI-BDX-GRH',
  'Query.crosswalk.to': 'SI-MUT-RH',
  'Query.history.key': 'FIN-0001',
  'Mutation.updateDomain.code': 'FIN',
  'Mutation.updateSystem.code': 'SI-MER-FIN',
  'Mutation.revokeApiKey.prefix': 'lx_00000000',
  'CreateDomainInput.code': 'ENV',
  'CreateSystemInput.code': 'SI-TEST',
  'CreateSystemInput.owner': '33063',
  'ImportFileInput.fileName': 'FIN.csv',
  'ImportFileInput.content': 'code;domain;prefLabel@fr\nFIN-0900;FIN;Budget vert\n',
  'MappingInput.localCode': '1.1',
  'MappingInput.concept': 'FIN-0004',
  code: 'FIN-0001',
  domain: 'FIN',
  system: 'SI-MER-FIN',
  localCode: '1.1',
  query: 'budget',
  reason: 'test',
  version: 1,
  codes: ['1.1', '1.2'],
};

/** One call of one operation with one argument (or input field) given a hostile value. */
export interface HostileCase {
  /** `Query.translate(at)`, `Mutation.createConcept(input.prefLabel.fr)`. */
  name: string;
  /** Path of the attacked argument as the API names it in `extensions.field`. */
  field: string;
  /** The attacked argument as `Type.field.argument`. */
  coordinate: string;
  query: string;
  variables: Record<string, unknown>;
  value: unknown;
}

interface Leaf {
  path: (string | number)[];
  type: GraphQLInputType;
  /** The input object or field holding it, for samples: `MappingInput`, `Query.translate`. */
  owner: string;
  name: string;
}

/** Every argument of every Query and Mutation field, input object fields and list elements included. */
export function hostileCases(schema: GraphQLSchema): HostileCase[] {
  const cases: HostileCase[] = [];
  for (const root of [schema.getQueryType(), schema.getMutationType()]) {
    if (!root) continue;
    for (const field of Object.values(root.getFields())) {
      const operation = root === schema.getMutationType() ? 'mutation' : 'query';
      for (const arg of field.args) {
        for (const leaf of leavesOf(arg.type, [arg.name], `${root.name}.${field.name}`, arg.name, new Set())) {
          for (const value of hostileValuesFor(leaf)) {
            cases.push(callWith(operation, root, field, arg, leaf, value));
          }
        }
      }
    }
  }
  return cases;
}

function* leavesOf(type: GraphQLInputType, at: (string | number)[], owner: string, name: string, seen: Set<string>): Generator<Leaf> {
  const nullable = isNonNullType(type) ? type.ofType : type;
  yield { path: at, type, owner, name };
  if (isListType(nullable)) {
    yield* leavesOf(nullable.ofType, [...at, 0], owner, name, seen);
  } else if (isInputObjectType(nullable) && !seen.has(nullable.name)) {
    for (const inner of Object.values(nullable.getFields())) {
      yield* leavesOf(inner.type, [...at, inner.name], nullable.name, inner.name, new Set([...seen, nullable.name]));
    }
  }
}

function hostileValuesFor(leaf: Leaf): unknown[] {
  const nullable = isNonNullType(leaf.type) ? leaf.type.ofType : leaf.type;
  if (isListType(nullable)) {
    const element = elementSample(nullable.ofType, leaf.owner, leaf.name);
    return [[], Array.from({ length: 10_001 }, () => element)];
  }
  if (isEnumType(nullable)) return ['NOT_A_VALUE'];
  if (isScalarType(nullable)) {
    if (nullable.name === 'String' || nullable.name === 'ID') return [...HOSTILE_STRINGS];
    return [...(HOSTILE_SCALARS[nullable.name] ?? [])];
  }
  return [];
}

/** A valid element of a list argument. */
function elementSample(type: GraphQLInputType, owner: string, name: string): unknown {
  const known = SAMPLES[`${owner}.${name}`] ?? SAMPLES[name];
  if (Array.isArray(known)) return known[0];
  return sampleOf(isNonNullType(type) ? type : new GraphQLNonNull(type), owner, name);
}

/** A valid value for a type, or undefined for a nullable one the call can do without. */
function sampleOf(type: GraphQLInputType, owner: string, name: string): unknown {
  if (!isNonNullType(type)) return undefined;
  const named = getNamedType(type) as GraphQLNamedType;
  const known = SAMPLES[`${owner}.${name}`] ?? SAMPLES[name];
  const nullable = isNonNullType(type) ? type.ofType : type;
  if (isListType(nullable)) return Array.isArray(known) ? known : [];
  if (known !== undefined) return known;
  if (isEnumType(named)) return named.getValues()[0].value;
  if (isInputObjectType(named)) {
    const value: Record<string, unknown> = {};
    for (const inner of Object.values(named.getFields())) {
      const sample = sampleOf(inner.type, named.name, inner.name);
      if (sample !== undefined) value[inner.name] = sample;
    }
    return value;
  }
  switch (named.name) {
    case 'Int':
      return 1;
    case 'Float':
      return 0.5;
    case 'Boolean':
      return false;
    case 'Date':
      return '2024-06-30';
    case 'DateTime':
      return '2024-06-30T12:00:00Z';
    default:
      return 'FIN-0001';
  }
}

/** The argument's value: samples for what is required, the hostile value at the leaf's path. */
function argumentValue(arg: GraphQLArgument, owner: string, leaf: Leaf, value: unknown): unknown {
  const relative = leaf.path.slice(1);
  if (relative.length === 0) return value;
  const base = sampleOf(arg.type, owner, arg.name) ?? fill(arg.type);
  return setAt(base, relative, value, arg.type);
}

/** An empty shell of an optional input object, so that a nested leaf can be set. */
function fill(type: GraphQLInputType): unknown {
  const nullable = isNonNullType(type) ? type.ofType : type;
  if (isListType(nullable)) return [];
  if (isInputObjectType(nullable)) {
    const value: Record<string, unknown> = {};
    for (const inner of Object.values(nullable.getFields())) {
      const sample = sampleOf(inner.type, nullable.name, inner.name);
      if (sample !== undefined) value[inner.name] = sample;
    }
    return value;
  }
  return undefined;
}

function setAt(base: unknown, relative: (string | number)[], value: unknown, type: GraphQLInputType): unknown {
  const [key, ...rest] = relative;
  const nullable = isNonNullType(type) ? type.ofType : type;
  if (isListType(nullable)) {
    const element = rest.length === 0 ? value : setAt(fill(nullable.ofType) ?? {}, rest, value, nullable.ofType);
    return [element];
  }
  if (isInputObjectType(nullable)) {
    const field = nullable.getFields()[key as string];
    const current = (base as Record<string, unknown>) ?? {};
    const inner = rest.length === 0 ? value : setAt(current[key as string] ?? fill(field.type), rest, value, field.type);
    return { ...current, [key]: inner };
  }
  return value;
}

function callWith(
  operation: 'query' | 'mutation',
  root: GraphQLObjectType,
  field: GraphQLField<unknown, unknown>,
  attacked: GraphQLArgument,
  leaf: Leaf,
  value: unknown,
): HostileCase {
  const variables: Record<string, unknown> = {};
  const declarations: string[] = [];
  const args: string[] = [];
  for (const arg of field.args) {
    const owner = `${root.name}.${field.name}`;
    const given = arg === attacked ? argumentValue(arg, owner, leaf, value) : sampleOf(arg.type, owner, arg.name);
    if (given === undefined) continue;
    variables[arg.name] = given;
    declarations.push(`$${arg.name}: ${String(arg.type)}`);
    args.push(`${arg.name}: $${arg.name}`);
  }
  const selection = isObjectType(getNamedType(field.type)) ? ' { __typename }' : '';
  const query = `${operation} Hostile${declarations.length ? `(${declarations.join(', ')})` : ''} { ${field.name}${args.length ? `(${args.join(', ')})` : ''}${selection} }`;
  const path = leaf.path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('');
  return {
    name: `${root.name}.${field.name}(${path})`,
    field: path,
    coordinate: `${root.name}.${field.name}.${attacked.name}`,
    query,
    variables,
    value,
  };
}
