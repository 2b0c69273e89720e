// @ts-check
import tseslint from 'typescript-eslint';

/** Which libs each lib may import: arrows point one way (DESIGN.md). */
const LAYERS = {
  core: [],
  database: ['core'],
  access: ['core', 'database'],
  vocabulary: ['core', 'database', 'access'],
  mappings: ['core', 'database', 'access', 'vocabulary'],
  search: ['core', 'database', 'access', 'vocabulary', 'mappings'],
  interchange: ['core', 'database', 'access', 'vocabulary', 'mappings', 'search'],
};
const LIBS = Object.keys(LAYERS);

const boundaries = [
  // only through a lib's public index
  { group: ['@lexique/*/*'], message: 'Import a lib through its alias only (@lexique/name), never a deep path.' },
  // never reach into another lib or app by a relative path
  { regex: '^(\\.\\./)+(libs|apps)/', message: 'Import other libs by their @lexique alias.' },
  { regex: '^(\\.\\./)+[a-z-]+/src(/|$)', message: 'Import other libs by their @lexique alias.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'libs/core/src/graphql/schema.types.ts', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { patterns: boundaries }],
    },
  },
  ...LIBS.map((lib) => ({
    files: [`libs/${lib}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...boundaries,
            ...LIBS.filter((other) => other !== lib && !LAYERS[lib].includes(other)).map((other) => ({
              group: [`@lexique/${other}`],
              message: `${lib} may not depend on ${other}: the arrows are ${LIBS.join(' ← ')} (DESIGN.md).`,
            })),
          ],
        },
      ],
    },
  })),
  {
    // The test harness starts the API app and the database before any alias is set up.
    files: ['test/support/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [boundaries[0]] }] },
  },
  {
    // Tests talk to supertest and GraphQL responses, whose bodies are untyped JSON.
    files: ['test/**/*.ts', '**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
