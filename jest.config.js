/** Tests by tier: `*.unit.spec.ts` for the pure core, `*.int.spec.ts` and `*.e2e.spec.ts` against the real stack. */
const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  moduleNameMapper: {
    '^@leadflow/schemas$': '<rootDir>/schemas/src',
    '^@leadflow/(kit|ingest|scoring|handoff|projections|cli)$': '<rootDir>/services/$1/src',
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};

module.exports = {
  testTimeout: 120000,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['**/*.unit.spec.ts'] },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['**/*.int.spec.ts', '**/*.e2e.spec.ts'],
      globalSetup: '<rootDir>/services/kit/src/testing/globalSetup.ts',
    },
    {
      // Fault tests that stop the broker or the registry: `npm test` runs them in band, never
      // beside other tests, and never against a stack other people's tests use.
      ...shared,
      displayName: 'faults',
      testMatch: ['**/*.fault.spec.ts'],
      globalSetup: '<rootDir>/services/kit/src/testing/globalSetup.ts',
    },
  ],
};
