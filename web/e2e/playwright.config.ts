import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';

const root = path.resolve(__dirname, '..', '..');

/**
 * Browser tests against the real service: global setup starts the built app (`npm run build`
 * output) with its own embedded PostgreSQL in a throw-away directory, on free ports.
 * Chromium is Debian's (see chromium.ts); Playwright never downloads a browser.
 */
export default defineConfig({
  testDir: '.',
  globalSetup: './global-setup.ts',
  outputDir: path.join(root, 'test-results', 'playwright'),
  // One worker: the machine is small and the tests share one service.
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  forbidOnly: Boolean(process.env.CI),
  // In CI a test that fails is run once more and, if it then passes, reported as "flaky" in the
  // list: a browser that stalls (a screenshot that never returned, once) must not cost a landing,
  // and the report still names the test. Locally a failure stays a failure.
  retries: process.env.CI ? 1 : 0,
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    acceptDownloads: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'sign-in', testMatch: /admin\.setup\.ts$/ },
    { name: 'screens', testMatch: /\.spec\.ts$/, dependencies: ['sign-in'] },
  ],
});
