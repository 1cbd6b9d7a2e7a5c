// openid-client and the libraries it builds on ship ES modules only. Node (>= 20.19) loads them
// from the CommonJS build with require(), but Jest's module loader cannot: it gets them compiled to
// CommonJS like the project's own TypeScript.
const ESM_ONLY = ['openid-client', 'oauth4webapi', 'jose'];

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
    [`/node_modules/(${ESM_ONLY.join('|')})/.+\\.js$`]: [
      'ts-jest',
      {
        tsconfig: {
          allowJs: true,
          module: 'commonjs',
          moduleResolution: 'node10',
          target: 'ES2023',
        },
        diagnostics: false,
      },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`],
  // One PostgreSQL server for the whole run; each test file clones its own database from a migrated template.
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  maxWorkers: 2,
  testTimeout: 30_000,
};
