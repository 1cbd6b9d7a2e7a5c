import fs from 'node:fs';
import path from 'node:path';
import {
  test as base,
  errors,
  expect,
  type APIRequestContext,
  type BrowserContext,
  type Locator,
  type Page,
} from '@playwright/test';
import { freshContext, invite, signInInvited } from './data';
import { ADMIN, ENV_BASE_URL, ROOT, STORAGE_STATE } from './service';

const SCREENS_DIR = path.join(ROOT, 'test-results', 'screens');
const AXE_SCRIPT = path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');

interface Fixtures {
  /** Fails the test when the page breaks its Content Security Policy or logs an error. */
  consoleErrors: string[];
  /** The API as the bootstrap ADMIN key (Bearer: no session, no CSRF). */
  adminApi: APIRequestContext;
  /**
   * Saves a screenshot of the screen and fails on serious or critical axe violations (of the
   * test's page, or of another one, e.g. a second person's).
   */
  checkScreen: (name: string, other?: Page) => Promise<void>;
  /** Fails the test on CSP violations and uncaught errors in another page (a second browser). */
  watchPage: (page: Page) => void;
  /**
   * Invites a person (as the admin key) and signs them in through their link, in a browser of
   * their own (watched like the test's page); answers their page.
   */
  invitedPerson: (invitation: Parameters<typeof invite>[1], name: string) => Promise<Page>;
}

function collectErrors(page: Page, errors: string[]) {
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/.test(message.text())) {
      errors.push(message.text());
    }
  });
  page.on('pageerror', (error) => errors.push(error.message));
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures name their dependencies this way
  baseURL: async ({}, use) => {
    const url = process.env[ENV_BASE_URL];
    if (!url) throw new Error('The service is not running (global setup did not start it)');
    await use(url);
  },
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      collectErrors(page, errors);
      await use(errors);
      expect(errors, 'CSP violations and uncaught errors in the page').toEqual([]);
    },
    { auto: true },
  ],
  adminApi: async ({ playwright, baseURL }, use) => {
    const api = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { Authorization: `Bearer ${ADMIN.key}` },
    });
    await use(api);
    await api.dispose();
  },
  watchPage: async ({ consoleErrors }, use) => {
    await use((other) => collectErrors(other, consoleErrors));
  },
  invitedPerson: async ({ adminApi, browser, baseURL, watchPage }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (invitation, name) => {
      const context = await freshContext(browser, baseURL);
      contexts.push(context);
      const page = await context.newPage();
      watchPage(page);
      await signInInvited(adminApi, page, name, invitation);
      return page;
    });
    for (const context of contexts) await context.close();
  },
  checkScreen: async ({ page }, use) => {
    await use(async (name, other = page) => {
      await other.waitForLoadState('networkidle');
      fs.mkdirSync(SCREENS_DIR, { recursive: true });
      await saveScreenshot(other, screenshotPath(name));
      await expectNoSeriousA11yViolations(other, name);
    });
  },
});

const SCREENSHOT_TIMEOUT_MS = 15_000;

/**
 * A full-page screenshot, tried twice. Chromium's capture can stall for good on a loaded machine
 * (CI once hung at "fonts loaded" until the test's 60 s ran out, the page itself answering); a
 * second capture of the same page is what a person would do, and a stall twice still fails.
 */
async function saveScreenshot(page: Page, file: string): Promise<void> {
  try {
    await page.screenshot({ path: file, fullPage: true, timeout: SCREENSHOT_TIMEOUT_MS });
  } catch (error) {
    if (!(error instanceof errors.TimeoutError)) throw error;
    console.warn(`Screenshot ${path.basename(file)} stalled; taking it again`);
    await page.screenshot({ path: file, fullPage: true, timeout: SCREENSHOT_TIMEOUT_MS });
  }
}

/** Where checkScreen saves a screen (git-ignored). */
export function screenshotPath(name: string): string {
  return path.join(SCREENS_DIR, `${name}.png`);
}

/** Signed in as the bootstrap admin (the session saved by admin.setup.ts). */
export const signedInTest = test.extend({ storageState: STORAGE_STATE });

export { expect };

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

async function expectNoSeriousA11yViolations(page: Page, screen: string) {
  // Evaluated through the DevTools protocol: a <script> tag would (rightly) be refused by the CSP.
  await page.evaluate(fs.readFileSync(AXE_SCRIPT, 'utf8'));
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: Document) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document);
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious, `accessibility of the ${screen} screen`).toEqual([]);
}

/** Tabs on from where the focus is until the element has it, as a keyboard user would. */
export async function tabTo(page: Page, target: Locator, what = 'the element') {
  await expect(target).toBeVisible();
  let presses = 0;
  while (!(await target.evaluate((el) => el === document.activeElement))) {
    await page.keyboard.press('Tab');
    presses += 1;
    expect(presses, `${what} reachable by Tab`).toBeLessThan(40);
  }
}

export async function signIn(page: Page, email = ADMIN.email, password = ADMIN.password) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}
