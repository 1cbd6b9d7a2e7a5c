/** @type {import('jest').Config} */
module.exports = {
  rootDir: '.',
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      {
        // Type errors are caught by `npm run lint` (tsc --noEmit); here we only need the code to run.
        diagnostics: { ignoreCodes: [151002], warnOnly: true, exclude: ['**'] },
        astTransformers: {
          before: ['<rootDir>/test/setup/swagger-transformer.js'],
        },
      },
    ],
  },
  // One PostgreSQL server for the whole run; each test file clones its own database from a migrated template.
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  maxWorkers: 2,
  testTimeout: 30_000,
};
