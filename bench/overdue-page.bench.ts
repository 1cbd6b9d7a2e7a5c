/**
 * The overdue page in a real browser, on the bench data: how long until a person can use it.
 *
 * Starts the built service (`dist/main.js`, which serves the built web app; `npm run bench`
 * builds first) on the bench's database, signs in through the sign-in page in Debian's Chromium,
 * then opens /overdue in a fresh browser context per run (an empty cache, as on a first visit)
 * and measures, from the start of the navigation, until the accountable groups table and the
 * chart are rendered and the page has painted and has a free main thread again.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../web/e2e/chromium';
import { SERVICE_ENV, SERVICE_NODE_FLAGS } from './lib/service';
import { freePort } from '../test/helpers/free-port';

const ROOT = path.resolve(__dirname, '..');
export const OVERDUE_PAGE_TARGET_MS = 1_500;
const RUNS = { warmUp: 1, measured: 7 };
const VIEWPORT = { width: 1280, height: 860 };

/** What the page reports about itself once the board is usable (all ms from navigation start). */
interface PageTiming {
  interactive: number;
  rendered: number;
  domContentLoaded: number;
  summaryResponseEnd: number | null;
  groups: number;
}

// Runs in the page before its own scripts (through the DevTools protocol, so the CSP does not
// apply): records when the groups table has rows and the chart is drawn, then waits for the next
// frame and a task after it, so work that blocks the main thread after rendering is counted.
const PROBE = `
(() => {
  const ready = () =>
    document.querySelector('[data-testid="overdue-group"]') &&
    document.querySelector('figure.chart [role="img"]');
  const done = (rendered) =>
    requestAnimationFrame(() =>
      setTimeout(() => {
        const nav = performance.getEntriesByType('navigation')[0];
        const summary = performance
          .getEntriesByType('resource')
          .find((r) => r.name.includes('/api/v1/reports/overdue/summary'));
        window.__overduePage = {
          interactive: performance.now(),
          rendered,
          domContentLoaded: nav ? nav.domContentLoadedEventEnd : 0,
          summaryResponseEnd: summary ? summary.responseEnd : null,
          groups: document.querySelectorAll('[data-testid="overdue-group"]').length,
        };
      }, 0),
    );
  const observer = new MutationObserver(() => {
    if (!ready()) return;
    observer.disconnect();
    done(performance.now());
  });
  observer.observe(document, { childList: true, subtree: true });
})();
`;

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

async function startBuiltService(databaseUrl: string, admin: { email: string; password: string }) {
  const main = path.join(ROOT, 'dist', 'main.js');
  if (!fs.existsSync(main) || !fs.existsSync(path.join(ROOT, 'dist', 'web', 'index.html'))) {
    throw new Error(
      'no build of the service and web app: run `npm run build` (npm run bench does)',
    );
  }
  const port = await freePort();
  const child = spawn(process.execPath, [...SERVICE_NODE_FLAGS, main], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...SERVICE_ENV,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      MIGRATE_ON_START: 'false',
      LOG_LEVEL: 'warn',
      BOOTSTRAP_ADMIN_EMAIL: admin.email,
      BOOTSTRAP_ADMIN_PASSWORD: admin.password,
      ESCALATION_ENABLED: 'false',
      RATE_LIMIT_PER_MINUTE: '1000000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = once(child, 'exit');
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error('the built service exited during start-up');
    if (Date.now() > deadline) throw new Error('the built service did not become ready in time');
    try {
      if ((await fetch(`${url}/health/ready`)).status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}

async function signedInState(browser: Browser, url: string, email: string, password: string) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  await page.goto(`${url}/login?returnTo=%2Fengagements`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL(/\/engagements$/);
  const state = await context.storageState();
  await context.close();
  return state;
}

async function openOverdue(
  browser: Browser,
  url: string,
  state: Awaited<ReturnType<typeof signedInState>>,
): Promise<PageTiming> {
  const context = await browser.newContext({ viewport: VIEWPORT, storageState: state });
  try {
    await context.addInitScript(PROBE);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${url}/overdue`, { waitUntil: 'commit' });
    // A function, not a string: the page's CSP (rightly) forbids eval.
    const handle = await page
      .waitForFunction(
        () => (globalThis as { __overduePage?: PageTiming }).__overduePage,
        undefined,
        { timeout: 60_000, polling: 100 },
      )
      .catch((error: unknown) => {
        // Say what the probe waits for: a changed page otherwise looks like a slow one.
        throw new Error(
          `the overdue page did not show a group ([data-testid="overdue-group"]) and its chart ` +
            `(figure.chart [role="img"]) within 60 s: ${String(error)}`,
        );
      });
    const timing = (await handle.jsonValue()) as PageTiming;
    if (errors.length > 0) throw new Error(`the overdue page failed: ${errors.join('; ')}`);
    return timing;
  } finally {
    await context.close();
  }
}

/**
 * Runs the browser measurement and prints it; returns the verdict line for the bench's summary.
 * `databaseUrl`: the bench's seeded database (already migrated).
 */
export async function benchOverduePage(
  databaseUrl: string,
  log: (line?: string) => void,
): Promise<readonly [string, boolean]> {
  const admin = { email: 'bench.admin@onboarding.test', password: randomBytes(18).toString('hex') };
  const service = await startBuiltService(databaseUrl, admin);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const state = await signedInState(browser, service.url, admin.email, admin.password);
    for (let i = 0; i < RUNS.warmUp; i++) await openOverdue(browser, service.url, state);
    const runs: PageTiming[] = [];
    for (let i = 0; i < RUNS.measured; i++) {
      runs.push(await openOverdue(browser, service.url, state));
    }
    const sorted = runs.map((r) => r.interactive).sort((a, b) => a - b);
    const p50 = percentile(sorted, 50);
    const p95 = percentile(sorted, 95);
    const ms = (value: number | null) => (value === null ? 'n/a' : `${value.toFixed(0)} ms`);
    const median = (pick: (r: PageTiming) => number | null) => {
      const values = runs.map(pick).filter((v): v is number => v !== null);
      return values.length
        ? percentile(
            [...values].sort((a, b) => a - b),
            50,
          )
        : null;
    };
    log();
    log(
      `Overdue page in Chromium (built service and web app, ${VIEWPORT.width}x${VIEWPORT.height}, ` +
        `empty cache each time), after ${RUNS.warmUp} warm-up load:`,
    );
    log(
      `  time to interactive x${RUNS.measured}: p50 ${ms(p50)}  p95 ${ms(p95)}  ` +
        `max ${ms(sorted[sorted.length - 1])}  (${runs.map((r) => r.interactive.toFixed(0)).join(', ')} ms)`,
    );
    log(
      `     medians: DOMContentLoaded ${ms(median((r) => r.domContentLoaded))}, summary answer ` +
        `${ms(median((r) => r.summaryResponseEnd))}, table and chart rendered ${ms(median((r) => r.rendered))}; ` +
        `${runs[0].groups} accountable groups on the page`,
    );
    return [
      `overdue page time to interactive p95 ${ms(p95)} < ${OVERDUE_PAGE_TARGET_MS} ms`,
      p95 < OVERDUE_PAGE_TARGET_MS,
    ] as const;
  } finally {
    await browser.close();
    await service.stop();
  }
}
