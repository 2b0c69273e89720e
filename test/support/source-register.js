/**
 * Lets a child `node` run the TypeScript sources as they are, as Jest does
 * for test files: `node -r test/support/source-register.js apps/api/src/main.ts`.
 * Tests that need real API processes (several replicas, a supervised
 * PostgreSQL) start them this way, so they never run a stale build.
 */
const Module = require('node:module');
const fs = require('node:fs');
const path = require('node:path');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '..', '..');
const LIBS = ['core', 'database', 'access', 'vocabulary', 'mappings', 'search', 'interchange'];

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  const lib = /^@lexique\/([a-z]+)$/.exec(request);
  if (lib && LIBS.includes(lib[1])) request = path.join(root, 'libs', lib[1], 'src', 'index.ts');
  return resolve.call(this, request, parent, ...rest);
};

Module._extensions['.ts'] = function (module, filename) {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    sourceMaps: 'inline',
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2023',
    },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
