// @ts-check
import fs from 'node:fs';
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'coverage/',
      'node_modules/',
      '.data/',
      '.cache/',
      'src/generated/',
      'test-results/',
      'playwright-report/',
      'web/src/shared/api/schema.d.ts',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: {
      parserOptions: { projectService: false },
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
        URL: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'off',
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    // class-validator's IsOptional lets null through as if the member were absent, and a null
    // the service does not expect is a 500 waiting to happen (see common/validation/presence.ts).
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'class-validator',
              importNames: ['IsOptional'],
              message:
                'Use IsOmittable (null refused) or IsOmittableOrNull (documented nullable) from common/validation/presence.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests inspect arbitrary JSON documents (OpenAPI, problem bodies).
    files: ['test/**/*.ts', '**/*.spec.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The web app: browser code, type-checked by web/tsconfig.json (so no-undef adds nothing).
    files: ['web/**/*.{ts,tsx}'],
    rules: { 'no-undef': 'off' },
  },
  ...webLayers(),
);

/**
 * Imports in the web app go one way: shared -> features -> app. Shared code knows no feature,
 * a feature knows no other feature and not the app.
 */
function webLayers() {
  const features = fs
    .readdirSync(new URL('./web/src/features', import.meta.url), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  const forbid = (files, patterns, message) => ({
    files,
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }] },
  });
  return [
    forbid(
      ['web/src/shared/**'],
      ['@/features/*', '@/app/*', '**/features/*', '**/app/*'],
      'shared/ must not import features or the app',
    ),
    ...features.map((feature) =>
      forbid(
        [`web/src/features/${feature}/**`],
        [
          '@/app/*',
          '**/app/*',
          '@/features/*',
          `!@/features/${feature}`,
          `!@/features/${feature}/*`,
        ],
        'a feature may import shared/ and itself only',
      ),
    ),
  ];
}
