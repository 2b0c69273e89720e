import type { CodegenConfig } from '@graphql-codegen/cli';

/** `npm run client:types`: the client's operations typed from the contract in schema/. */
const config: CodegenConfig = {
  schema: 'schema/*.graphql',
  documents: 'docs/clients/typescript/operations.graphql',
  generates: {
    'docs/clients/typescript/operations.generated.ts': {
      plugins: ['typescript-operations', 'typed-document-node'],
      config: {
        scalars: { Date: 'string', DateTime: 'string', JSON: 'unknown' },
        enumsAsTypes: true,
        useTypeImports: true,
      },
    },
  },
};

export default config;
