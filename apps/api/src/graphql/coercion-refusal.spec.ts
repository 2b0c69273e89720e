import { buildSchema, getVariableValues, parse, OperationDefinitionNode } from 'graphql';
import { DateScalar, ErrorReason } from '@lexique/core';
import { coercionRefusal } from './coercion-refusal';

/** The messages graphql-js itself writes for refused variables, read back as field and reason. */
describe('coercionRefusal', () => {
  const schema = buildSchema(`
    scalar Date
    input MappingInput { localCode: String!, validFrom: Date, tags: [String!] }
    type Query { ok(input: MappingInput, on: Date): Boolean }
  `);
  Object.assign(schema.getType('Date')!, { parseValue: DateScalar.parseValue });
  const refusalOf = (variables: Record<string, unknown>) => {
    const operation = parse('query($input: MappingInput, $on: Date) { ok(input: $input, on: $on) }')
      .definitions[0] as OperationDefinitionNode;
    const result = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
    expect(result.errors).toHaveLength(1);
    return coercionRefusal(result.errors![0].message);
  };

  it.each([
    ['a date of year 0 in an input', { input: { localCode: 'A', validFrom: '0000-06-01' } }, 'input.validFrom', ErrorReason.INVALID_FORMAT],
    ['a date argument', { on: '2024-02-30' }, 'on', ErrorReason.INVALID_FORMAT],
    ['a required field left out', { input: {} }, 'input.localCode', ErrorReason.REQUIRED],
    ['a field the type has not', { input: { localCode: 'A', colour: 'red' } }, 'input.colour', ErrorReason.INVALID_VALUE],
    ['an item of a list', { input: { localCode: 'A', tags: ['a', 3] } }, 'input.tags[1]', ErrorReason.INVALID_FORMAT],
  ])('%s', (_name, variables, field, reason) => {
    expect(refusalOf(variables)).toEqual({ field, reason });
  });

  it('leaves other messages alone', () => {
    expect(coercionRefusal('Cannot query field "nope" on type "Query".')).toBeNull();
  });
});
