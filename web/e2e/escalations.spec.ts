import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, screenshotPath, signIn, test } from './fixtures';
import { seedPortfolio } from './portfolio';
import { freePort } from '../../test/helpers/free-port';
import { expectTableOnPhones } from './narrow';
import { ADMIN, ROOT, startService, type RunningService } from './service';

// A service of its own that delivers escalations to a webhook (a receiver in this process that is
// "down" at first), seeded with a realistic portfolio: the README's picture of the board too.
let service: RunningService;
let api: APIRequestContext;
let receiver: http.Server;
const webhook = { status: 503, received: 0 };

test.beforeAll(async ({ playwright }) => {
  test.setTimeout(180_000);
  const port = await freePort();
  receiver = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      webhook.received += 1;
      res.writeHead(webhook.status).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(port, '127.0.0.1', resolve));
  service = await startService({
    env: {
      ESCALATION_ENABLED: 'true',
      // Never on its own during the test: the test runs the escalation when it wants.
      ESCALATION_CRON: '0 0 1 1 *',
      WEBHOOK_URL: `http://127.0.0.1:${port}/escalations`,
      WEBHOOK_SECRET: 'browser-tests-webhook-secret',
      WEBHOOK_MAX_ATTEMPTS: '1',
      WEBHOOK_DELIVERY_INTERVAL_MS: '250',
    },
  });
  api = await playwright.request.newContext({
    baseURL: service.url,
    extraHTTPHeaders: { Authorization: `Bearer ${ADMIN.key}` },
  });
  await seedPortfolio(api);
});

test.afterAll(async () => {
  await api?.dispose();
  await service?.stop();
  await new Promise((resolve) => receiver?.close(resolve));
});

async function signInThere(page: Page, to: string) {
  await page.goto(`${service.url}/login?returnTo=${encodeURIComponent(to)}`);
  await signIn(page);
  await expect(page).toHaveURL(new RegExp(`${to.replace(/[?]/g, '\\?')}$`));
}

test('the overdue board of a realistic portfolio (the README picture)', async ({
  page,
  checkScreen,
}) => {
  await page.setViewportSize({ width: 1280, height: 860 });
  await signInThere(page, '/overdue');
  await expect(page.getByTestId('overdue-group').first()).toBeVisible();
  await expect(page.getByTestId('overdue-group').filter({ hasText: 'Priya Raman' })).toHaveCount(1);
  await expect(
    page.getByTestId('overdue-group').filter({ hasText: 'No contact named' }),
  ).toHaveCount(1);
  await expect(page.getByRole('img', { name: /Overdue tasks by person and age/ })).toBeVisible();
  await checkScreen('overdue-board');
  // `DOCS_SCREENSHOTS=1 npm run test:browser` refreshes the picture the README shows.
  if (process.env.DOCS_SCREENSHOTS === '1') {
    fs.copyFileSync(screenshotPath('overdue-board'), path.join(ROOT, 'docs', 'overdue-board.png'));
  }
});

test('escalations that could not be delivered are retried from the notifications screen', async ({
  page,
  checkScreen,
}) => {
  // The service also evaluates once at start-up (perhaps while the portfolio was being made);
  // this run notifies whatever that one did not. Levels are never notified twice.
  // A run is a job: 202 with where to follow it, then SUCCEEDED.
  const run = await api.post('/api/v1/escalations/run', { data: {} });
  expect(run.status()).toBe(202);
  const location = run.headers()['location'];
  await expect
    .poll(async () => ((await (await api.get(location)).json()) as { status: string }).status, {
      timeout: 30_000,
    })
    .toBe('SUCCEEDED');
  const notifications = async (status?: string) =>
    (
      await (
        await api.get(`/api/v1/notifications?limit=200${status ? `&status=${status}` : ''}`)
      ).json()
    ).items as {
      engagementId: string;
      taskKey: string;
      taskTitle: string;
      customerName: string;
      dueDate: string;
      status: string;
    }[];
  const total = (await notifications()).length;
  expect(total).toBeGreaterThan(0);
  // The webhook is down and one attempt is all this service makes: every one ends DEAD.
  await expect.poll(async () => (await notifications('DEAD')).length).toBe(total);
  expect(webhook.received).toBeGreaterThanOrEqual(total);

  await signInThere(page, '/admin/notifications?status=DEAD');
  const rows = page.getByTestId('notification-row');
  await expect(rows).toHaveCount(Math.min(total, 50));
  await expect(rows.first()).toContainText('Could not be delivered');
  await expect(rows.first()).toContainText(/after \d+ days? overdue/);
  await expect(rows.first()).toContainText('503');
  await checkScreen('admin-notifications');
  // On a phone each notification is a block: its task, when, who was told, why delivery failed,
  // and Retry, all on screen.
  await expectTableOnPhones(page, {
    table: page.getByRole('table', { name: 'Notifications, newest first' }),
    selector: 'main table',
    rows,
    screen: (width) => checkScreen(`admin-notifications-narrow-${width}`),
  });
  await page.setViewportSize({ width: 1280, height: 720 });

  // The receiver is back: retry one.
  webhook.status = 204;
  const first = rows.first();
  const link = await first.getByRole('link').getAttribute('href');
  await first.getByRole('button', { name: /^Retry/ }).click();
  await expect(rows).toHaveCount(Math.min(total - 1, 50));
  await expect
    .poll(async () =>
      (await notifications('SENT')).map((n) => `/engagements/${n.engagementId}#task-${n.taskKey}`),
    )
    .toEqual([link]);
  const [sent] = await notifications('SENT');
  await page.getByLabel('Delivery').selectOption({ label: 'Sent' });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Sent');
  // The row names the task by its title, with its customer.
  await expect(rows.first().getByRole('link')).toHaveText(sent.taskTitle);
  await expect(rows.first()).toContainText(sent.customerName);
  // …and the due date it was about: a task re-dated and late again is told again.
  const [year, , day] = sent.dueDate.split('-');
  await expect(rows.first()).toContainText(
    new RegExp(`due ${Number(day)} [A-Z][a-z]{2} ${year}, \\d+ days? overdue`),
  );
  await expect(rows.first().getByRole('button', { name: /^Retry/ })).toHaveCount(0);

  // The engagement's history tells the escalation in words, not JSON.
  await rows.first().getByRole('link').click();
  const history = page.getByRole('list', { name: 'Changes, oldest first' });
  const escalated = history
    .locator(':scope > li')
    .filter({ hasText: `Escalated ${sent.taskTitle}` });
  await expect(escalated.first()).toContainText(/Escalation level: after \d+ days overdue/);
  // Written before delivery: who is to be told, not who was.
  await expect(escalated.first()).toContainText(/To notify: .*\((accountable|informed)/);
  await expect(escalated.first()).toContainText('Delivery: Waiting to be sent');
  await expect(history).not.toContainText('{"');
  const delivered = history
    .locator(':scope > li')
    .filter({ hasText: `Delivered the escalation about ${sent.taskTitle}` });
  await expect(delivered).toContainText('Delivery: Waiting to be sent → Sent');

  // From the engagement, its own notifications only; then every engagement's again.
  const ofEngagement = (
    await (
      await api.get(`/api/v1/notifications?limit=200&engagementId=${sent.engagementId}`)
    ).json()
  ).items as { engagementId: string }[];
  expect(ofEngagement.length).toBeLessThan(total);
  await page.getByRole('link', { name: 'Escalation notifications about this engagement' }).click();
  await expect(page).toHaveURL(
    new RegExp(`/admin/notifications\\?engagementId=${sent.engagementId}$`),
  );
  await expect(page.getByText('Only the notifications about')).toContainText(sent.customerName);
  await expect(rows).toHaveCount(Math.min(ofEngagement.length, 50));
  // The status filter keeps to the engagement.
  await page.getByLabel('Delivery').selectOption({ label: 'Sent' });
  await expect(page).toHaveURL(/engagementId=.*status=SENT|status=SENT.*engagementId=/);
  await expect(rows).toHaveCount(1);
  await page.getByLabel('Delivery').selectOption({ label: 'Any' });
  await page.getByRole('button', { name: "Show every engagement's" }).click();
  await expect(rows).toHaveCount(Math.min(total, 50));
});
