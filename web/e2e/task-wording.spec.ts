import {
  acceptInvitation,
  createCustomer,
  createEngagement,
  daysAgo,
  invite,
  readTask,
  unique,
} from './data';
import { expect, test } from './fixtures';

const DATE = String.raw`\d{1,2} [A-Z][a-z]{2} \d{4}`;

test('a customer reads who is assigned, who was to be told and why, in words', async ({
  page,
  adminApi,
  checkScreen,
}) => {
  const customer = await createCustomer(adminApi, `Tailspin Toys ${unique()}`);
  const email = `ana.${unique()}@tailspin.example`;
  const engagement = await createEngagement(adminApi, {
    customerId: customer.id,
    templateKey: 'wso2-managed-customer-subscription',
    startDate: daysAgo(70),
    contacts: [
      { party: 'WSO2', name: 'Priya Raman', email: 'priya.raman@wso2.example', primary: true },
      { party: 'CUSTOMER', name: 'Ana Silva', email, primary: true },
    ],
  });
  const { userId, url } = await invite(adminApi, {
    email,
    role: 'CUSTOMER',
    customerId: customer.id,
  });
  await acceptInvitation(page, url, 'Ana Silva');

  // WSO2 assigns a task to her by user id, moves the start, and the escalation runs (no webhook).
  const key = 'subscription-prerequisites';
  const task = await readTask(adminApi, engagement.id, key);
  const assigned = await adminApi.patch(`/api/v1/engagements/${engagement.id}/tasks/${key}`, {
    data: { assignee: userId },
    headers: { 'If-Match': task.etag },
  });
  expect(assigned.status(), await assigned.text()).toBe(200);
  const moved = await adminApi.patch(`/api/v1/engagements/${engagement.id}`, {
    data: { startDate: daysAgo(60) },
  });
  expect(moved.status(), await moved.text()).toBe(200);
  const run = await adminApi.post('/api/v1/escalations/run', { data: {} });
  expect(run.status(), await run.text()).toBe(202);
  await expect
    .poll(
      async () => (await (await adminApi.get(run.headers()['location'])).json()).status as string,
      { timeout: 30_000 },
    )
    .toBe('SUCCEEDED');

  await page.goto(`/engagements/${engagement.id}?history=${key}`);
  const card = page.locator(`#task-${key}`);
  // Her name, not her user id.
  await expect(card.getByRole('definition')).toHaveText(`Ana Silva (${email})`);
  await expect(card).not.toContainText(userId);
  // The chips' letters are explained once.
  await expect(
    page.getByText('(R responsible, A accountable, C consulted, I informed)', { exact: true }),
  ).toHaveCount(1);

  const history = page.getByRole('list', { name: 'Changes, oldest first' });
  const entries = history.locator(':scope > li');
  await expect(entries.filter({ hasText: 'Assignee:' })).toContainText(
    `Assignee: (none) → Ana Silva (${email})`,
  );
  await expect(history).not.toContainText(userId);
  // Moved with the start: the dates as the app writes them.
  await expect(entries.filter({ hasText: 'start date moved' })).toContainText(
    new RegExp(`Reason: start date moved from ${DATE} to ${DATE}$`),
  );
  // Escalated with no webhook: nobody was told, and the history does not say they were.
  const escalated = entries.filter({ hasText: 'Escalated' });
  await expect(escalated).toHaveCount(1);
  await expect(escalated).toContainText('Delivery: Not sent (no webhook set up)');
  await expect(escalated).toContainText('To notify: Customer (accountable): Ana Silva');
  await expect(escalated).not.toContainText('Told');
  await expect(escalated.locator('.timeline-reason')).toHaveText(
    new RegExp(`^Reason: \\d+ days overdue on ${DATE} \\(escalation level \\d+ days\\)$`),
  );
  await escalated.scrollIntoViewIfNeeded();
  await checkScreen('task-history-wording');
});
