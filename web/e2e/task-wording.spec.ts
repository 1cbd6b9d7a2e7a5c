import type { APIRequestContext, Page } from '@playwright/test';
import {
  createCustomer,
  createEngagement,
  daysAgo,
  readTask,
  signInInvited,
  unique,
  type Contact,
} from './data';
import { expect, test } from './fixtures';

const DATE = String.raw`\d{1,2} [A-Z][a-z]{2} \d{4}`;

test('a customer reads who is assigned, who was to be told and why, in words', async ({
  page,
  adminApi,
  checkScreen,
}) => {
  // WSO2 assigns a task to her by user id, moves the start, and the escalation runs (no webhook).
  const { engagement, email, key, userId } = await anaAssigned(
    page,
    adminApi,
    'Tailspin Toys',
    daysAgo(70),
    [{ party: 'WSO2', name: 'Priya Raman', email: 'priya.raman@wso2.example', primary: true }],
  );
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

test('the task form shows an assignee given as a user id as the person, and assigns by id', async ({
  page,
  adminApi,
  checkScreen,
}) => {
  const { engagement, email, key, userId } = await anaAssigned(
    page,
    adminApi,
    'Adventure Works',
    daysAgo(10),
  );

  // Her name in the form, not her user id; she is assigned already, so nothing to assign herself.
  await page.goto(`/engagements/${engagement.id}`);
  const card = page.locator(`#task-${key}`);
  await card.getByRole('button', { name: /^Edit details/ }).click();
  const form = card.getByRole('form', { name: /^Edit details/ });
  await expect(form.getByLabel('Assignee')).toHaveValue(`Ana Silva (${email})`);
  await expect(form.getByRole('button', { name: 'Assign to me' })).toHaveCount(0);
  await checkScreen('task-details-assignee');
  // Saving a note leaves the assignee her id: the name shown is not sent back as text.
  await form.getByLabel('Note').fill('Quota request filed');
  await form.getByRole('button', { name: 'Save details' }).click();
  await expect(form).toHaveCount(0);
  expect(await readTask(adminApi, engagement.id, key)).toMatchObject({
    assignee: userId,
    note: 'Quota request filed',
  });

  // Handed to someone by name (free text, shown as written), then taken back by her.
  await card.getByRole('button', { name: /^Edit details/ }).click();
  await form.getByLabel('Assignee').fill('Marcus from networking');
  await form.getByRole('button', { name: 'Save details' }).click();
  await expect(form).toHaveCount(0);
  await expect(card.getByRole('definition').first()).toHaveText('Marcus from networking');
  await card.getByRole('button', { name: /^Edit details/ }).click();
  await expect(form.getByLabel('Assignee')).toHaveValue('Marcus from networking');
  await page.setViewportSize({ width: 390, height: 844 });
  await checkScreen('task-details-assign-self-390');
  await page.setViewportSize({ width: 1280, height: 800 });
  await form.getByRole('button', { name: 'Assign to me' }).click();
  await expect(form.getByLabel('Assignee')).toHaveValue(`Ana Silva (${email})`);
  // The button is gone (the task is hers): the focus is on what it filled in, not on the page.
  await expect(form.getByRole('button', { name: 'Assign to me' })).toHaveCount(0);
  await expect(form.getByLabel('Assignee')).toBeFocused();
  // Touched and left as shown (a space typed and taken back), she is still assigned as herself.
  const assignee = form.getByLabel('Assignee');
  await assignee.press('End');
  await assignee.pressSequentially(' ');
  await assignee.press('Backspace');
  await expect(assignee).toHaveValue(`Ana Silva (${email})`);
  await form.getByRole('button', { name: 'Save details' }).click();
  await expect(form).toHaveCount(0);
  await expect(card.getByRole('definition').first()).toHaveText(`Ana Silva (${email})`);
  expect((await readTask(adminApi, engagement.id, key)).assignee).toBe(userId);

  // Someone hands it on while she edits: what changed names her too, not her id.
  await card.getByRole('button', { name: /^Edit details/ }).click();
  await form.getByLabel('Note').fill('Quota approved');
  const current = await readTask(adminApi, engagement.id, key);
  const handedOn = await adminApi.patch(`/api/v1/engagements/${engagement.id}/tasks/${key}`, {
    data: { assignee: 'Marcus Chen' },
    headers: { 'If-Match': current.etag },
  });
  expect(handedOn.status(), await handedOn.text()).toBe(200);
  await form.getByRole('button', { name: 'Save details' }).click();
  await expect(form.getByRole('alert').getByRole('definition')).toHaveText(
    `Ana Silva (${email}) → Marcus Chen`,
  );
});

/**
 * Ana Silva, the primary contact of a new customer's engagement started on `startDate`, signed in
 * on `page` through her invitation, with its first task assigned to her by user id.
 */
async function anaAssigned(
  page: Page,
  api: APIRequestContext,
  company: string,
  startDate: string,
  wso2: Contact[] = [],
) {
  const customer = await createCustomer(api, `${company} ${unique()}`);
  const email = `ana.${unique()}@${company.toLowerCase().replace(/\W+/g, '')}.example`;
  const engagement = await createEngagement(api, {
    customerId: customer.id,
    templateKey: 'wso2-managed-customer-subscription',
    startDate,
    contacts: [...wso2, { party: 'CUSTOMER', name: 'Ana Silva', email, primary: true }],
  });
  const { userId } = await signInInvited(api, page, 'Ana Silva', {
    email,
    role: 'CUSTOMER',
    customerId: customer.id,
  });
  const key = 'subscription-prerequisites';
  const task = await readTask(api, engagement.id, key);
  const assigned = await api.patch(`/api/v1/engagements/${engagement.id}/tasks/${key}`, {
    data: { assignee: userId },
    headers: { 'If-Match': task.etag },
  });
  expect(assigned.status(), await assigned.text()).toBe(200);
  return { engagement, email, key, userId };
}
