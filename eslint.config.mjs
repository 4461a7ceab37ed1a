import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** What the pure core may not touch: I/O, clocks, logging and the runtime. */
const impure = [
  { group: ['node:*', 'fs', 'path', 'http', 'crypto', 'child_process'], message: 'the domain core is pure: no Node.js APIs' },
  { group: ['kafkajs', 'pg', 'pino', 'prom-client', 'fastify', '@kafkajs/*'], message: 'the domain core is pure: I/O lives in the shell' },
  { group: ['@leadflow/kit', '../*', '!../domain'], message: 'the domain core imports only contracts and itself' },
];

/** A concept folder inside the core (domain/compensation/) may use the rest of the core, nothing above it. */
const impureFromConceptFolder = [...impure.slice(0, 2), { group: ['@leadflow/kit', '../../*'], message: 'the domain core imports only contracts and itself' }];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'infra/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['services/*/src/domain/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: impure }],
      'no-restricted-globals': ['error', { name: 'Date', message: 'time is a parameter of the core' }],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'the core is deterministic' },
        { object: 'Date', property: 'now', message: 'time is a parameter of the core' },
      ],
    },
  },
  {
    files: ['services/*/src/domain/*/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: impureFromConceptFolder }] },
  },
  { files: ['jest.config.js'], languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', __dirname: 'readonly' } } },
);
