#!/usr/bin/env node
/**
 * Generates TypeScript types from the GraphQL contract in schema/*.graphql.
 * The output is committed and never edited by hand; a test fails when it is
 * stale. `--check` only compares and exits 1 when the file would change.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { GraphQLDefinitionsFactory } = require('@nestjs/graphql');

const root = path.resolve(__dirname, '..');
const target = path.join(root, 'libs/core/src/graphql/schema.types.ts');

async function generate(outputPath) {
  await new GraphQLDefinitionsFactory().generate({
    typePaths: [path.join(root, 'schema/*.graphql')],
    path: outputPath,
    outputAs: 'interface',
    enumsAsTypes: false,
    skipResolverArgs: false,
    defaultScalarType: 'unknown',
    customScalarTypeMapping: { DateTime: 'Date', Date: 'string' },
    additionalHeader: '/* Generated from schema/*.graphql by `npm run schema:types`. Do not edit. */',
  });
}

async function main() {
  if (process.argv.includes('--check')) {
    const temporary = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lexique-schema-')), 'schema.types.ts');
    await generate(temporary);
    const fresh = fs.readFileSync(temporary, 'utf8');
    const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
    if (fresh !== current) {
      console.error('libs/core/src/graphql/schema.types.ts is stale: run `npm run schema:types`.');
      process.exit(1);
    }
    console.log('schema types are up to date');
    return;
  }
  await generate(target);
  console.log(`wrote ${path.relative(root, target)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

module.exports = { generate };
