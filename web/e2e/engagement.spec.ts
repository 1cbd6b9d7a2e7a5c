import type { Locator, Page } from '@playwright/test';
import {
  completeTasks,
  type Contact,
  createCustomer,
  createEngagement,
  daysAgo,
  daysFromNow,
  readTask,
  unique,
} from './data';
import { expect, signedInTest as test, tabTo } from './fixtures';
import { ADMIN } from './service';

const MODEL = 'wso2-managed-wso2-subscription';
const FIRST = 'Subscription prerequisites';
const SECOND = 'Remote access for installation';
const THIRD = 'Network management';

const PRIMARY_CONTACTS: Contact[] = [
  { party: 'WSO2', name: 'Priya Raman', email: 'priya.raman@wso2.example', primary: true },
  { party: 'CUSTOMER', name: 'Marcus Chen', email: 'marcus.chen@example.com', primary: true },
];

/** An engagement of a new customer starting on `startDate`, both primary contacts named. */
async function engagementFrom(
  api: Parameters<typeof createCustomer>[0],
  customer: string,
  startDate: string,
  otherContacts: Contact[] = [],
) {
  const { id: customerId } = await createCustomer(api, `${customer} ${unique()}`);
  return createEngagement(api, {
    customerId,
    templateKey: MODEL,
    startDate,
    contacts: [...PRIMARY_CONTACTS, ...otherContacts],
  });
}

/** An engagement started a month ago: its first tasks are late. */
const monthOldEngagement = (api: Parameters<typeof createCustomer>[0], customer: string) =>
  engagementFrom(api, customer, daysAgo(30), [
    { party: 'CUSTOMER', name: 'Ana Souza', email: 'ana.souza@example.com', primary: false },
  ]);

const taskCard = (page: Page, title: string): Locator =>
  page.getByRole('article', { name: new RegExp(`^\\d+\\. ${title}$`) });

test('work through tasks: Mark done refused while a dependency is open, status with reason, reopen, edits, history', async ({
  page,
  adminApi,
  checkScreen,
}) => {
  const engagement = await monthOldEngagement(adminApi, 'Contoso Retail');
  await page.goto(`/engagements/${engagement.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(engagement.name);

  // The header: progress and who the primary contacts are.
  await expect(page.getByText('0 of 16 tasks finished')).toBeVisible();
  const contacts = page.getByRole('region', { name: 'Primary contacts' });
  await expect(contacts.getByRole('listitem').filter({ hasText: 'WSO2:' })).toContainText(
    'Priya Raman',
  );
  await expect(contacts.getByRole('listitem').filter({ hasText: 'Customer:' })).toContainText(
    'Marcus Chen',
  );

  // All 16 tasks, in order, with R/A/C/I naming the people.
  await expect(page.getByRole('list').filter({ has: taskCard(page, FIRST) })).toBeVisible();
  await expect(page.getByRole('article')).toHaveCount(16);
  // The chips' letters are spelled out once, as on the template's matrix.
  await expect(
    page.getByText('(R responsible, A accountable, C consulted, I informed)', { exact: true }),
  ).toHaveCount(1);
  const first = taskCard(page, FIRST);
  await expect(first.getByRole('listitem').filter({ hasText: 'Responsible' })).toHaveText(
    /WSO2 · Priya Raman/,
  );
  await expect(first.getByRole('listitem').filter({ hasText: 'Consulted' })).toHaveText(
    /Customer \(if required\) · Marcus Chen/,
  );
  // How late, as the overdue board counts it.
  const firstTask = engagement.tasks.find((task) => task.title === FIRST)!;
  expect(firstTask.daysOverdue).toBeGreaterThan(1);
  await expect(first).toContainText(`${firstTask.daysOverdue} days late`);
  // A screen reader reads the date and the tag apart, not "23 Oct 202635 days late".
  await expect(first.locator('.due.overdue')).toHaveText(/\d{4}, \d+ days late$/);
  await expect(first.getByRole('list', { name: `Checklist of ${FIRST}` })).toContainText(
    'Create subscriptions',
  );
  await checkScreen('engagement-workspace');

  // The second task depends on the first: "Mark done" is refused, and says why.
  const second = taskCard(page, SECOND);
  const secondDone = second.getByRole('button', { name: /^Mark done/ });
  await expect(secondDone).toBeDisabled();
  await expect(secondDone).toHaveAccessibleDescription(`Waiting for ${FIRST} (WSO2)`);

  await first.getByRole('button', { name: /^Mark done/ }).click();
  await expect(first.getByText('Done', { exact: true })).toBeVisible();
  await expect(first.getByRole('button', { name: /^Reopen/ })).toBeVisible();
  await expect(secondDone).toBeEnabled();
  await secondDone.click();
  await expect(second.getByText('Done', { exact: true })).toBeVisible();
  await expect(page.getByText('2 of 16 tasks finished')).toBeVisible();

  // Blocking needs a reason: the API's refusal is shown next to the field, then it goes through.
  const third = taskCard(page, THIRD);
  await third.getByRole('button', { name: /^Change status/ }).click();
  const statusForm = third.getByRole('form', { name: `Change status: ${THIRD}` });
  await statusForm.getByLabel('New status').selectOption({ label: 'Blocked' });
  await statusForm.getByRole('button', { name: 'Save status' }).click();
  await expect(statusForm.getByLabel('Reason')).toHaveAttribute('aria-invalid', 'true');
  await expect(statusForm).toContainText('Say why it moves from Not started to Blocked');
  // The focus goes to the field to fix, which is read out with its message.
  await expect(statusForm.getByLabel('Reason')).toBeFocused();
  await checkScreen('engagement-reason-required');
  // A reason written as a sentence, with its own full stop (read out once, not "CIDR..").
  await statusForm.getByLabel('Reason').fill('Waiting for the customer to share the VPN CIDR.');
  await statusForm.getByRole('button', { name: 'Save status' }).click();
  await expect(statusForm).toHaveCount(0);
  await expect(third.getByText('Blocked', { exact: true })).toBeVisible();
  // Said in words, as Mark done is: the badge changes silently and the focus is on the button.
  await expect(third.getByRole('status')).toHaveText(
    `“${THIRD}” is blocked: Waiting for the customer to share the VPN CIDR.`,
  );
  await expect(third.getByRole('button', { name: /^Change status/ })).toBeFocused();
  await expect(third.getByRole('button', { name: /^Mark done/ })).toBeDisabled();
  // Why it is blocked is on the task itself, not only in its history.
  await expect(third.locator('.task-reason')).toHaveText(
    'Blocked: Waiting for the customer to share the VPN CIDR.',
  );

  // Reopening finished work asks why, too.
  await first.getByRole('button', { name: /^Reopen/ }).click();
  const reopen = first.getByRole('form', { name: `Reopen: ${FIRST}` });
  await expect(reopen).toContainText('goes back to In progress');
  await reopen.getByLabel('Reason').fill('Quota request was rejected');
  await reopen.getByRole('button', { name: 'Save status' }).click();
  await expect(first.getByText('In progress', { exact: true })).toBeVisible();
  await expect(first.locator('.task-reason')).toHaveText('In progress: Quota request was rejected');
  await expect(first.getByRole('status')).toHaveText(
    `“${FIRST}” is in progress: Quota request was rejected.`,
  );

  // Due date, assignee and note.
  await second.getByRole('button', { name: /^Edit details/ }).click();
  const details = second.getByRole('form', { name: `Edit details: ${SECOND}` });
  // Notes are not internal: whoever writes one is told who reads it.
  await expect(details.getByLabel('Note')).toHaveAccessibleDescription(
    "Seen by everyone on the engagement, the customer's people included",
  );
  await details.getByLabel('Assignee').fill('Daniel Okafor');
  await details
    .getByLabel('Note')
    .fill('Owner access granted on the landing zone\nBastion host: bastion-1');
  await details.getByRole('button', { name: 'Save details' }).click();
  await expect(details).toHaveCount(0);
  await expect(second.getByRole('status')).toHaveText(`Details of “${SECOND}” saved.`);
  await expect(second).toContainText('Assignee');
  await expect(second).toContainText('Daniel Okafor');
  await expect(second).toContainText('Owner access granted on the landing zone');

  // The history: who, what, when, why; filtered to one task from the task itself.
  await first.getByRole('button', { name: `History of ${FIRST}` }).click();
  await expect(page).toHaveURL(/history=subscription-prerequisites/);
  await expect(page.getByLabel('Show')).toHaveValue('subscription-prerequisites');
  const timeline = page.getByRole('list', { name: 'Changes, oldest first' });
  const entries = timeline.locator(':scope > li');
  await expect(entries).toHaveCount(2);
  await expect(entries.nth(0)).toContainText(`${ADMIN.email} · Changed the status of ${FIRST}`);
  await expect(entries.nth(0)).toContainText('Status: Not started → Done');
  await expect(entries.nth(1)).toContainText('Status: Done → In progress');
  await expect(entries.nth(1)).toContainText('Reason: Quota request was rejected');
  await checkScreen('engagement-history');

  await page.getByLabel('Show').selectOption({ label: `3. ${THIRD}` });
  await expect(entries).toHaveCount(1);
  await expect(entries.first()).toContainText(
    'Reason: Waiting for the customer to share the VPN CIDR',
  );
  await page.getByLabel('Show').selectOption({ label: 'Everything' });
  // Created, 2 + 1 + 1 status changes, and the edit (and the engagement's own status: none).
  await expect(entries.first()).toContainText('Created the engagement');
  // The model by its name, not its key; a note of two lines keeps them.
  await expect(entries.first()).toContainText(
    'Model: WSO2 fully managed (infrastructure and PDP in WSO2 subscription)',
  );
  const edit = entries.filter({ hasText: `Changed the details of ${SECOND}` });
  expect(await edit.getByText(/^Note:/).innerText()).toBe(
    'Note: (none) → Owner access granted on the landing zone\nBastion host: bastion-1',
  );
  await expect(entries).toHaveCount(6);
  await expect(timeline).toContainText(`${ADMIN.email} · Changed the details of ${SECOND}`);

  // Newest first: the latest change on top, kept in the address (and so across a reload).
  await page.getByLabel('Order').selectOption({ label: 'Newest first' });
  await expect(page).toHaveURL(/historyOrder=newest/);
  const newest = page.getByRole('list', { name: 'Changes, newest first' }).locator(':scope > li');
  await expect(newest).toHaveCount(6);
  await expect(newest.first()).toContainText(`Changed the details of ${SECOND}`);
  await expect(newest.last()).toContainText('Created the engagement');
  await page.reload();
  await expect(page.getByLabel('Order')).toHaveValue('newest');
  await expect(newest.first()).toContainText(`Changed the details of ${SECOND}`);
});

test('mark a task done with the keyboard alone', async ({ page, adminApi }) => {
  const engagement = await monthOldEngagement(adminApi, 'Fabrikam Health');
  await page.goto(`/engagements/${engagement.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(engagement.name);

  const completing: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/complete')) completing.push(request.url());
  });
  // Tab from the top of the page to the first task's "Mark done", as a keyboard user would.
  const markDone = taskCard(page, FIRST).getByRole('button', { name: /^Mark done/ });
  await tabTo(page, markDone, 'Mark done');
  // The second task's waits for the first: Tab still reaches it, it says why it cannot be used,
  // and pressing it changes nothing.
  const waiting = taskCard(page, SECOND).getByRole('button', { name: /^Mark done/ });
  await tabTo(page, waiting, 'a Mark done that waits for another task');
  await expect(waiting).toBeDisabled();
  await expect(waiting).toHaveAccessibleDescription(`Waiting for ${FIRST} (WSO2)`);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Space');
  await expect(waiting).toBeFocused();
  await expect(taskCard(page, SECOND).getByText('Not started', { exact: true })).toBeVisible();
  await expect(taskCard(page, SECOND).getByRole('alert')).toHaveCount(0);
  await markDone.focus();
  await page.keyboard.press('Enter');
  const first = taskCard(page, FIRST);
  await expect(first.getByText('Done', { exact: true })).toBeVisible();
  // Focus is not lost with the button: it lands on the task, and the next Tab goes on from there.
  await expect(first.getByRole('heading', { name: FIRST })).toBeFocused();
  // …and what happened is said, as My tasks says it.
  await expect(first.getByRole('status')).toHaveText(`“${FIRST}” is done.`);
  await page.keyboard.press('Tab');
  await expect(first.getByRole('button', { name: /^Reopen/ })).toBeFocused();

  // Space works too, on the second task (now allowed: its dependency is done).
  const secondDone = taskCard(page, SECOND).getByRole('button', { name: /^Mark done/ });
  await secondDone.focus();
  await page.keyboard.press('Space');
  await expect(taskCard(page, SECOND).getByText('Done', { exact: true })).toBeVisible();
  expect((await readTask(adminApi, engagement.id, 'remote-access-for-installation')).status).toBe(
    'DONE',
  );
  // Pressed while it waited, it asked nothing of the service: only the two Mark dones above did.
  expect(completing).toHaveLength(2);

  // A form opened from the keyboard takes the focus; Escape closes it and gives it back.
  const third = taskCard(page, THIRD);
  const changeStatus = third.getByRole('button', { name: /^Change status/ });
  await changeStatus.focus();
  await page.keyboard.press('Enter');
  await expect(third.getByLabel('New status')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(third.getByRole('form')).toHaveCount(0);
  await expect(changeStatus).toBeFocused();
  const editDetails = third.getByRole('button', { name: /^Edit details/ });
  await editDetails.focus();
  await page.keyboard.press('Enter');
  await expect(third.getByLabel('Due date')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(editDetails).toBeFocused();
});

test('two people edit the same task: the later save is refused, shows what changed, and is resolved', async ({
  page,
  adminApi,
  checkScreen,
  invitedPerson,
}) => {
  const engagement = await monthOldEngagement(adminApi, 'Northwind Logistics');
  const colleague = `Sofia Lindqvist ${unique()}`;
  const sofia = await invitedPerson(
    { email: `sofia.${unique()}@wso2.example`, role: 'STAFF' },
    colleague,
  );

  // Both open the engagement; Sofia starts writing a note on the first task.
  await page.goto(`/engagements/${engagement.id}`);
  await sofia.goto(`/engagements/${engagement.id}`);
  const sofiaTask = taskCard(sofia, FIRST);
  await sofiaTask.getByRole('button', { name: /^Edit details/ }).click();
  const sofiaForm = sofiaTask.getByRole('form', { name: `Edit details: ${FIRST}` });
  const originalDue = await sofiaForm.getByLabel('Due date').inputValue();
  await sofiaForm.getByLabel('Note').fill('Quota increase requested for 64 vCPUs');

  // Meanwhile the admin moves the due date and saves first.
  const adminTask = taskCard(page, FIRST);
  await adminTask.getByRole('button', { name: /^Edit details/ }).click();
  const adminForm = adminTask.getByRole('form', { name: `Edit details: ${FIRST}` });
  const newDue = daysAgo(-10);
  await adminForm.getByLabel('Due date').fill(newDue);
  await adminForm.getByLabel('Reason (optional)').fill('Customer asked for more time');
  await adminForm.getByRole('button', { name: 'Save details' }).click();
  await expect(adminForm).toHaveCount(0);

  // Sofia saves on the old version: refused, and told what changed and by whom.
  await sofiaForm.getByRole('button', { name: 'Save details' }).click();
  const conflict = sofiaForm.getByRole('alert');
  await expect(conflict).toContainText('changed by someone else since you opened it');
  await expect(conflict.getByRole('definition')).toHaveText(
    `${formatDay(originalDue)} → ${formatDay(newDue)}`,
  );
  await expect(conflict.getByRole('term')).toHaveText('Due date');
  await expect(conflict).toContainText(`Last change by ${ADMIN.email}`);
  await expect(conflict).toContainText('Customer asked for more time');
  await checkScreen('task-conflict', sofia);
  // Nothing of Sofia's was written.
  expect((await readTask(adminApi, engagement.id, 'subscription-prerequisites')).note).toBeNull();

  // She reloads: the new due date is shown, her note is still in the form; she saves again.
  await conflict.getByRole('button', { name: 'Reload the task' }).click();
  await expect(sofiaForm.getByRole('alert')).toHaveCount(0);
  await expect(sofiaForm.getByLabel('Due date')).toHaveValue(newDue);
  await expect(sofiaForm.getByLabel('Note')).toHaveValue('Quota increase requested for 64 vCPUs');
  await sofiaForm.getByRole('button', { name: 'Save details' }).click();
  await expect(sofiaForm).toHaveCount(0);
  await expect(sofiaTask).toContainText('Quota increase requested for 64 vCPUs');

  // Both changes stand: neither overwrote the other.
  const task = await readTask(adminApi, engagement.id, 'subscription-prerequisites');
  expect(task).toMatchObject({
    dueDate: newDue,
    note: 'Quota increase requested for 64 vCPUs',
    version: 3,
  });
});

test('an engagement edit overtaken by someone else keeps what was typed: see what changed, save again', async ({
  page,
  adminApi,
  checkScreen,
  invitedPerson,
}) => {
  const engagement = await monthOldEngagement(adminApi, 'Fabrikam');
  const colleague = `Sofia Lindqvist ${unique()}`;
  const sofia = await invitedPerson(
    { email: `sofia.${unique()}@wso2.example`, role: 'STAFF' },
    colleague,
  );

  // The admin opens Edit engagement and starts renaming and re-tiering it.
  await page.goto(`/engagements/${engagement.id}`);
  await page.getByRole('button', { name: 'Edit engagement' }).click();
  const form = page.getByRole('form', { name: 'Edit engagement' });
  await form.getByLabel('Engagement name').fill('Fabrikam — private data plane');
  await form.getByLabel('Security tier').selectOption({ label: 'Premium' });

  // Meanwhile Sofia moves the start two weeks later and saves first.
  const newStart = daysAgo(16);
  await sofia.goto(`/engagements/${engagement.id}`);
  await sofia.getByRole('button', { name: 'Edit engagement' }).click();
  const sofiaForm = sofia.getByRole('form', { name: 'Edit engagement' });
  await sofiaForm.getByLabel('Start date').fill(newStart);
  await sofiaForm.getByRole('button', { name: 'Save engagement' }).click();
  await expect(sofiaForm).toHaveCount(0);

  // The admin saves on the old version: refused, told what Sofia changed and that it was her.
  await form.getByRole('button', { name: 'Save engagement' }).click();
  const conflict = form.getByRole('alert');
  await expect(conflict).toContainText('changed by someone else since you opened this form');
  await expect(conflict.getByRole('term')).toHaveText(['Start date']);
  await expect(conflict.getByRole('definition')).toHaveText(
    `${formatDay(engagement.startDate)} → ${formatDay(newStart)} — changed by someone else`,
  );
  await expect(conflict).toContainText(`Last change by ${colleague}`);
  // What the admin typed is still there; the start date the form shows is now Sofia's.
  await expect(form.getByLabel('Engagement name')).toHaveValue('Fabrikam — private data plane');
  await expect(form.getByLabel('Security tier')).toHaveValue('PREMIUM');
  await expect(form.getByLabel('Start date')).toHaveValue(newStart);
  // One way to save from here: the notice's, next to the way to discard.
  await expect(form.getByRole('button', { name: 'Save engagement' })).toHaveCount(0);
  // Nothing was written over Sofia's change.
  const between = await (await adminApi.get(`/api/v1/engagements/${engagement.id}`)).json();
  expect(between).toMatchObject({ name: engagement.name, startDate: newStart });
  await page.setViewportSize({ width: 1280, height: 800 });
  await checkScreen('engagement-conflict-1280');
  await page.setViewportSize({ width: 390, height: 844 });
  await checkScreen('engagement-conflict-390');
  await page.setViewportSize({ width: 1280, height: 800 });

  // Saved again, on top of the engagement as it is now: both changes stand.
  await conflict.getByRole('button', { name: 'Save my changes again' }).click();
  await expect(form).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Fabrikam — private data plane');
  const saved = await (await adminApi.get(`/api/v1/engagements/${engagement.id}`)).json();
  expect(saved).toMatchObject({
    name: 'Fabrikam — private data plane',
    securityTier: 'PREMIUM',
    startDate: newStart,
  });
  // The history has both: Sofia's move, then the admin's rename and re-tier.
  const audit = await (
    await adminApi.get(`/api/v1/engagements/${engagement.id}/audit?limit=200`)
  ).json();
  const engagementEvents = (
    audit.items as { action: string; actor: { name: string }; changes: object }[]
  ).filter(
    (event) => event.action.startsWith('engagement.') && event.action !== 'engagement.created',
  );
  expect(engagementEvents).toEqual([
    expect.objectContaining({
      action: 'engagement.rescheduled',
      actor: expect.objectContaining({ name: colleague }),
      changes: expect.objectContaining({
        startDate: { from: engagement.startDate, to: newStart },
      }),
    }),
    expect.objectContaining({
      action: 'engagement.updated',
      actor: expect.objectContaining({ name: ADMIN.email }),
      changes: {
        name: { from: engagement.name, to: 'Fabrikam — private data plane' },
        securityTier: { from: engagement.securityTier, to: 'PREMIUM' },
      },
    }),
  ]);
});

test('an engagement edit overtaken by a task change: nothing in the form changed; discard starts afresh', async ({
  page,
  adminApi,
}) => {
  const engagement = await monthOldEngagement(adminApi, 'Litware');
  await page.goto(`/engagements/${engagement.id}`);
  await page.getByRole('button', { name: 'Edit engagement' }).click();
  const form = page.getByRole('form', { name: 'Edit engagement' });
  await form.getByLabel('Engagement name').fill('Litware — renamed');

  // Someone marks the first task done: the engagement's version moves.
  await completeTasks(adminApi, engagement.id, ['subscription-prerequisites']);

  await form.getByRole('button', { name: 'Save engagement' }).click();
  const conflict = form.getByRole('alert');
  await expect(conflict).toContainText(
    'Nothing in this form changed: the other change was to its tasks.',
  );
  await expect(conflict.getByRole('term')).toHaveCount(0);
  await expect(form.getByLabel('Engagement name')).toHaveValue('Litware — renamed');

  // Discarded: the form starts again from the engagement as it is, with nothing of the rename.
  await conflict.getByRole('button', { name: 'Discard my changes' }).click();
  await expect(form.getByRole('alert')).toHaveCount(0);
  await expect(form.getByLabel('Engagement name')).toHaveValue(engagement.name);
  await expect(taskCard(page, FIRST).getByText('Done', { exact: true })).toBeVisible();
  await form.getByRole('button', { name: 'Save engagement' }).click();
  await expect(form).toHaveCount(0);
  const now = await (await adminApi.get(`/api/v1/engagements/${engagement.id}`)).json();
  expect(now.name).toBe(engagement.name);
});

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
function formatDay(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

test('name a missing primary contact, rename and re-tier, meet a conflict, then cancel the engagement', async ({
  page,
  adminApi,
  checkScreen,
}) => {
  const { id: customerId } = await createCustomer(adminApi, `Contoso ${unique()}`);
  const engagement = await createEngagement(adminApi, {
    customerId,
    templateKey: MODEL,
    startDate: daysAgo(30),
    contacts: [
      { party: 'WSO2', name: 'Priya Raman', email: 'priya.raman@wso2.example', primary: true },
    ],
  });
  await page.goto(`/engagements/${engagement.id}`);
  const contacts = page.getByRole('region', { name: 'Primary contacts' });
  await expect(contacts).toContainText('Customer:no primary contact named');

  // Name the customer's primary contact, rename, move to the Premium tier.
  await page.getByRole('button', { name: 'Edit engagement' }).click();
  const form = page.getByRole('form', { name: 'Edit engagement' });
  await expect(form.getByLabel('Engagement name')).toBeFocused();
  await form.getByLabel('Engagement name').fill('Contoso PDP onboarding');
  await form.getByLabel('Security tier').selectOption({ label: 'Premium' });
  await form.getByRole('button', { name: 'Add Customer contact' }).click();
  // Two rows; the first (primary) removed: the one left becomes primary, not a party with none.
  await form.getByRole('button', { name: 'Add Customer contact' }).click();
  await form.getByRole('button', { name: 'Remove Customer contact 1' }).click();
  await expect(
    form.getByRole('group', { name: 'Customer contacts' }).getByLabel('Primary'),
  ).toBeChecked();
  await form.getByLabel('Customer contact 1 name').fill('Marcus Chen');
  await form.getByLabel('Customer contact 1 email').fill('not an email');
  await form.getByRole('button', { name: 'Save engagement' }).click();
  // The API's refusal is shown on the field; nothing was saved.
  // In words for the field, not the API's member name ("email must be …").
  await expect(form.getByText('Must be an email address, such as name@example.com')).toBeVisible();
  await expect(form.getByLabel('Customer contact 1 email')).toHaveAttribute('aria-invalid', 'true');
  // Pasted with spaces around it, as addresses copied from a mail often are.
  await form.getByLabel('Customer contact 1 email').fill(' marcus.chen@contoso.example ');
  await checkScreen('engagement-edit');
  await form.getByRole('button', { name: 'Save engagement' }).click();
  await expect(form).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Contoso PDP onboarding');
  await expect(contacts).toContainText('Customer:Marcus Chen marcus.chen@contoso.example');
  await expect(page.getByText('Security tier').locator('+ dd')).toHaveText('Premium');
  await expect(page.getByRole('button', { name: 'Edit engagement' })).toBeFocused();
  // The history says who became primary: that is who the overdue board names.
  const history = page.getByRole('list', { name: 'Changes, oldest first' });
  await expect(
    history.getByText(/^Contacts: .* → .*Marcus Chen \(Customer, primary\)/),
  ).toBeVisible();

  // Someone else renames it while the form is open: nothing is overwritten; reload, then save.
  await page.getByRole('button', { name: 'Edit engagement' }).click();
  await form.getByLabel('Engagement name').fill('Contoso — my name');
  await form.getByLabel('Security tier').selectOption({ label: 'Standard' });
  const current = await (await adminApi.get(`/api/v1/engagements/${engagement.id}`)).json();
  const renamed = await adminApi.patch(`/api/v1/engagements/${engagement.id}`, {
    headers: { 'If-Match': current.etag },
    data: { name: 'Contoso — their name' },
  });
  expect(renamed.status()).toBe(200);
  // The page reads the engagement again meanwhile (a task is marked done here): the form still
  // saves against the version it was opened on, so it is refused rather than undoing the rename.
  await taskCard(page, FIRST)
    .getByRole('button', { name: /^Mark done/ })
    .click();
  await expect(taskCard(page, FIRST).getByText('Done', { exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Contoso — their name');
  await form.getByRole('button', { name: 'Save engagement' }).click();
  const conflict = form.getByRole('alert');
  await expect(conflict).toContainText('changed by someone else since you opened this form');
  // Both renamed it: saving again would put this name over theirs, and the notice says so.
  await expect(conflict.getByRole('definition')).toHaveText(
    'Contoso PDP onboarding → Contoso — their name — you changed it too: saving again replaces it with yours',
  );
  await conflict.getByRole('button', { name: 'Discard my changes' }).click();
  await expect(form.getByRole('alert')).toHaveCount(0);
  await expect(form.getByLabel('Engagement name')).toHaveValue('Contoso — their name');
  await expect(form.getByLabel('Security tier')).toHaveValue('PREMIUM');
  await form.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Contoso — their name');

  // Cancel it, with a reason: it says so, and nothing can change any more.
  await page.getByRole('button', { name: 'Cancel engagement…' }).click();
  const cancel = page.getByRole('form', { name: 'Cancel engagement' });
  await cancel.getByRole('button', { name: 'Cancel engagement' }).click();
  await expect(cancel.getByText('Say why it is cancelled')).toBeVisible();
  await cancel.getByLabel('Why is it cancelled?').fill('The customer chose another provider');
  await cancel.getByRole('button', { name: 'Cancel engagement' }).click();
  await expect(cancel).toHaveCount(0);
  await expect(page.getByText('Status').locator('+ dd')).toContainText(
    'Cancelled — The customer chose another provider',
  );
  await expect(page.getByRole('button', { name: 'Edit engagement' })).toHaveCount(0);
  // Its button is gone with the form: focus lands on the page's title, not nowhere.
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await expect(page.getByRole('button', { name: 'Mark done' })).toHaveCount(0);
  const saved = await (await adminApi.get(`/api/v1/engagements/${engagement.id}`)).json();
  expect(saved).toMatchObject({
    name: 'Contoso — their name',
    // The refused save's Standard never landed.
    securityTier: 'PREMIUM',
    status: 'CANCELLED',
    cancelReason: 'The customer chose another provider',
  });
  expect(saved.contacts).toContainEqual(
    expect.objectContaining({ party: 'CUSTOMER', name: 'Marcus Chen', primary: true }),
  );
});

test('reactivate a cancelled engagement with a reason: its tasks move again and its late ones are late again', async ({
  page,
  adminApi,
  checkScreen,
  invitedPerson,
}) => {
  const engagement = await monthOldEngagement(adminApi, 'Fabrikam');
  const cancelled = await adminApi.patch(`/api/v1/engagements/${engagement.id}`, {
    data: { status: 'CANCELLED', reason: 'Budget frozen' },
  });
  expect(cancelled.status()).toBe(200);

  // A customer's engineer reads the cancelled engagement, and is offered nothing to change.
  const marcus = await invitedPerson(
    {
      email: `marcus.${unique()}@example.com`,
      role: 'CUSTOMER',
      customerId: engagement.customerId,
    },
    'Marcus Chen',
  );
  await marcus.goto(`/engagements/${engagement.id}`);
  await expect(marcus.getByText('Status', { exact: true }).locator('+ dd')).toContainText(
    'Cancelled — Budget frozen',
  );
  await expect(marcus.getByRole('button', { name: /^Reactivate/ })).toHaveCount(0);
  await marcus.context().close();

  await page.goto(`/engagements/${engagement.id}`);
  const status = page.getByText('Status', { exact: true }).locator('+ dd');
  await expect(status).toContainText('Cancelled — Budget frozen');
  await expect(page.getByRole('button', { name: 'Edit engagement' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Mark done/ })).toHaveCount(0);

  // Reactivate it: the reason is asked for first.
  await page.getByRole('button', { name: 'Reactivate engagement…' }).click();
  const form = page.getByRole('form', { name: 'Reactivate engagement' });
  await expect(form.getByLabel('Why is it reactivated?')).toBeFocused();
  await form.getByRole('button', { name: 'Reactivate engagement' }).click();
  await expect(form.getByText('Say why it is reactivated')).toBeVisible();
  await form.getByLabel('Why is it reactivated?').fill('Budget approved for Q3');
  await checkScreen('engagement-reactivate');
  await form.getByRole('button', { name: 'Reactivate engagement' }).click();
  await expect(form).toHaveCount(0);

  // Active again, the cancel reason gone; its tasks can be worked on, and late ones say so.
  await expect(status).toHaveText('Active');
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await expect(page.getByRole('button', { name: 'Edit engagement' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Reactivate engagement…' })).toHaveCount(0);
  await expect(page.getByText(/\d+ tasks? late\./)).toBeVisible();
  await expect(taskCard(page, FIRST)).toContainText(/\d+ days late/);
  await expect(taskCard(page, FIRST).getByRole('button', { name: /^Mark done/ })).toBeEnabled();
  // The history says who reactivated it, what changed and why.
  const history = page.getByRole('list', { name: 'Changes, oldest first' });
  const event = history.getByRole('listitem').filter({ hasText: 'Reactivated the engagement' });
  await expect(event).toContainText('Status: Cancelled → Active');
  await expect(event).toContainText('Reason: Budget approved for Q3');
  await checkScreen('engagement-reactivated');
  const saved = await (await adminApi.get(`/api/v1/engagements/${engagement.id}`)).json();
  expect(saved).toMatchObject({ status: 'ACTIVE', cancelReason: null });
});

test('a page opened before the engagement was cancelled catches up at the first refused action', async ({
  page,
  adminApi,
}) => {
  const engagement = await monthOldEngagement(adminApi, 'Tailspin Toys');
  await page.goto(`/engagements/${engagement.id}`);
  await expect(page.getByRole('button', { name: 'Edit engagement' })).toBeVisible();
  // Someone else cancels it meanwhile.
  const current = await (await adminApi.get(`/api/v1/engagements/${engagement.id}`)).json();
  const cancelled = await adminApi.patch(`/api/v1/engagements/${engagement.id}`, {
    headers: { 'If-Match': current.etag },
    data: { status: 'CANCELLED', reason: 'Contract ended' },
  });
  expect(cancelled.status()).toBe(200);
  // Mark done here is refused (409), and the page reads the engagement again: it shows Cancelled
  // and offers no more actions.
  await taskCard(page, FIRST)
    .getByRole('button', { name: /^Mark done/ })
    .click();
  await expect(page.getByText('Status').locator('+ dd')).toContainText(
    'Cancelled — Contract ended',
  );
  await expect(page.getByRole('button', { name: 'Edit engagement' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Mark done/ })).toHaveCount(0);
});

test('what was typed stays on screen when someone else cancels the engagement meanwhile', async ({
  page,
  adminApi,
}) => {
  const engagement = await monthOldEngagement(adminApi, 'Wingtip Toys');
  await page.goto(`/engagements/${engagement.id}`);
  // A note on a task, and a new name for the engagement, typed and not saved yet.
  const card = taskCard(page, SECOND);
  await card.getByRole('button', { name: /^Edit details/ }).click();
  const details = card.getByRole('form', { name: /^Edit details/ });
  await details.getByLabel('Note').fill('Quota request #4711 filed with the cloud team');
  await page.getByRole('button', { name: 'Edit engagement' }).click();
  const edit = page.getByRole('form', { name: 'Edit engagement' });
  await edit.getByLabel('Engagement name').fill('Wingtip renamed');

  const current = await (await adminApi.get(`/api/v1/engagements/${engagement.id}`)).json();
  const cancelled = await adminApi.patch(`/api/v1/engagements/${engagement.id}`, {
    headers: { 'If-Match': current.etag },
    data: { status: 'CANCELLED', reason: 'Contract ended' },
  });
  expect(cancelled.status()).toBe(200);

  // The engagement's form says what happened and keeps the name typed.
  await edit.getByRole('button', { name: 'Save engagement' }).click();
  await expect(edit.getByRole('alert')).toContainText('Cancelled');
  await expect(edit.getByRole('alert')).toContainText(
    'It is cancelled now: nothing here can be saved until it is reactivated.',
  );
  await expect(edit.getByRole('button', { name: 'Save my changes again' })).toHaveCount(0);
  await expect(edit.getByLabel('Engagement name')).toHaveValue('Wingtip renamed');
  // The task's form too: refused (the engagement is cancelled), the note still there to copy.
  await details.getByRole('button', { name: 'Save details' }).click();
  await expect(details.getByRole('alert')).toContainText(/cancelled/i);
  await expect(details.getByLabel('Note')).toHaveValue(
    'Quota request #4711 filed with the cloud team',
  );
  expect((await readTask(adminApi, engagement.id, engagement.tasks[1].key)).note).toBeNull();
  // Discarded, the form closes: it no longer applies to a cancelled engagement.
  await edit.getByRole('button', { name: 'Discard my changes' }).click();
  await expect(edit).toHaveCount(0);
});

test('cancelling an engagement someone else cancelled first says it is decided, and keeps the reason typed', async ({
  page,
  adminApi,
}) => {
  const engagement = await monthOldEngagement(adminApi, 'Proseware');
  await page.goto(`/engagements/${engagement.id}`);
  await page.getByRole('button', { name: 'Cancel engagement…' }).click();
  const form = page.getByRole('form', { name: 'Cancel engagement' });
  await form.getByLabel('Why is it cancelled?').fill('Budget frozen until spring');
  const current = await (await adminApi.get(`/api/v1/engagements/${engagement.id}`)).json();
  const cancelled = await adminApi.patch(`/api/v1/engagements/${engagement.id}`, {
    headers: { 'If-Match': current.etag },
    data: { status: 'CANCELLED', reason: 'Contract ended' },
  });
  expect(cancelled.status()).toBe(200);
  await form.getByRole('button', { name: 'Cancel engagement' }).click();
  const notice = form.getByRole('alert');
  await expect(notice).toContainText('someone else decided it first');
  await expect(notice).toContainText('That is decided already, so there is nothing to save again.');
  await expect(form.getByRole('button', { name: 'Cancel engagement anyway' })).toHaveCount(0);
  await expect(form.getByLabel('Why is it cancelled?')).toHaveValue('Budget frozen until spring');
});

test('move the start of a late engagement: the form says what will move, the open tasks move, the history says so', async ({
  page,
  adminApi,
  checkScreen,
}) => {
  const engagement = await monthOldEngagement(adminApi, 'Northwind');
  const [done, open] = engagement.tasks;
  await completeTasks(adminApi, engagement.id, [done.key]);
  await page.goto(`/engagements/${engagement.id}`);
  await expect(page.getByText(/\d+ tasks? late\./)).toBeVisible();

  await page.getByRole('button', { name: 'Edit engagement' }).click();
  const form = page.getByRole('form', { name: 'Edit engagement' });
  const start = form.getByLabel('Start date');
  await expect(start).toHaveValue(daysAgo(30));
  await expect(form).toContainText('Moving it moves the due dates of the 15 open tasks with it');
  // Before anything is saved, the form says what the new date does to the plan.
  await start.fill(daysAgo(0));
  await expect(form).toContainText(
    '15 open tasks move 30 days later; done and not applicable tasks keep their dates',
  );
  await start.fill(daysAgo(37));
  await expect(form).toContainText('15 open tasks move 7 days earlier');
  await start.fill(daysAgo(0));
  await checkScreen('engagement-reschedule');
  await form.getByRole('button', { name: 'Save engagement' }).click();
  await expect(form).toHaveCount(0);

  // The page shows the new plan: nothing late any more, open tasks at their new dates, the done
  // one where it was.
  await expect(page.getByText(/\d+ tasks? late\./)).toHaveCount(0);
  const moved = addDaysIso(open.dueDate, 30);
  await expect(taskCard(page, SECOND)).toContainText(formatDay(moved));
  await expect(taskCard(page, SECOND)).not.toContainText(/\d+ days? late/);
  await expect(taskCard(page, FIRST)).toContainText(formatDay(done.dueDate));
  expect(await readTask(adminApi, engagement.id, open.key)).toMatchObject({ dueDate: moved });

  // The history says it in words: the start, how many tasks moved by how much; and each task's
  // own history explains its new date.
  const history = page.getByRole('list', { name: 'Changes, oldest first' });
  const event = history
    .getByRole('listitem')
    .filter({ hasText: 'Moved the start of the engagement' });
  await expect(event).toContainText(
    `Start date: ${formatDay(daysAgo(30))} → ${formatDay(daysAgo(0))}`,
  );
  await expect(event).toContainText('Due dates: 15 open tasks moved 30 days later');
  await page.getByLabel('Show').selectOption({ label: `2. ${SECOND}` });
  const taskEvent = history.getByRole('listitem').filter({ hasText: 'Changed the details' });
  // Until the task's own page of history is in, the whole engagement's is still shown.
  await expect(taskEvent).toHaveCount(1);
  await expect(taskEvent).toContainText(
    `Due date: ${formatDay(open.dueDate)} → ${formatDay(moved)}`,
  );
  await expect(taskEvent).toContainText(
    `Reason: start date moved from ${formatDay(daysAgo(30))} to ${formatDay(daysAgo(0))}`,
  );
  await checkScreen('engagement-rescheduled');
});

function addDaysIso(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

test('primary contacts are listed WSO2 first, then the customer, whatever the model', async ({
  page,
  adminApi,
}) => {
  for (const templateKey of ['customer-self-managed', MODEL]) {
    const { id: customerId } = await createCustomer(adminApi, `Order Co ${unique()}`);
    const engagement = await createEngagement(adminApi, {
      customerId,
      templateKey,
      startDate: daysAgo(1),
      contacts: [
        { party: 'CUSTOMER', name: 'Marcus Chen', email: 'marcus.chen@example.com', primary: true },
        { party: 'WSO2', name: 'Priya Raman', email: 'priya.raman@wso2.example', primary: true },
      ],
    });
    await page.goto(`/engagements/${engagement.id}`);
    const contacts = page.getByRole('region', { name: 'Primary contacts' }).getByRole('listitem');
    await expect(contacts).toHaveText([/^WSO2:\s*Priya Raman/, /^Customer:\s*Marcus Chen/]);
  }
});

test('move a task later than the tasks that wait for it: the form says which move and to when, they move, the history says why', async ({
  page,
  adminApi,
  checkScreen,
}) => {
  // The tester's engagement: remote access due in a week, network management (waits for it) a
  // week later, firewall rules (waits for that) three days after; provisioning is well after.
  const engagement = await engagementFrom(adminApi, 'Fabrikam', daysAgo(0));
  const provisioning = await adminApi.patch(
    `/api/v1/engagements/${engagement.id}/tasks/infrastructure-provisioning`,
    {
      data: { dueDate: daysFromNow(60), moveDependents: true },
      headers: { 'If-Match': '"v1"' },
    },
  );
  expect(provisioning.status(), await provisioning.text()).toBe(200);
  const network = daysFromNow(14);
  const firewall = daysFromNow(17);
  await page.goto(`/engagements/${engagement.id}`);

  const remote = taskCard(page, SECOND);
  await remote.getByRole('button', { name: /^Edit details/ }).click();
  const form = remote.getByRole('form', { name: `Edit details: ${SECOND}` });
  // Still before network management: nothing else moves, nothing is said.
  await form.getByLabel('Due date').fill(daysFromNow(12));
  await expect(form.getByText(/wait for this one/)).toHaveCount(0);
  // Two weeks later, as the tester did: both tasks waiting for it would be due before it.
  await form.getByLabel('Due date').fill(daysFromNow(21));
  await expect(form).toContainText(
    '2 tasks wait for this one and would be due before it. Saving moves them 14 days later too:',
  );
  await expect(form.getByRole('listitem')).toHaveText([
    `${THIRD}: due ${formatDay(network)} → ${formatDay(daysFromNow(28))}`,
    `Firewall rules/access control: due ${formatDay(firewall)} → ${formatDay(daysFromNow(31))}`,
  ]);
  await checkScreen('task-move-waiting-tasks');
  await form.getByRole('button', { name: 'Save details' }).click();
  await expect(form).toHaveCount(0);

  // The task list shows the new dates; what waits only for moved tasks with time in hand stays.
  await expect(remote).toContainText(formatDay(daysFromNow(21)));
  await expect(taskCard(page, THIRD)).toContainText(formatDay(daysFromNow(28)));
  await expect(taskCard(page, 'Firewall rules/access control')).toContainText(
    formatDay(daysFromNow(31)),
  );
  await expect(taskCard(page, 'Infrastructure provisioning')).toContainText(
    formatDay(daysFromNow(60)),
  );
  expect(await readTask(adminApi, engagement.id, 'network-management')).toMatchObject({
    dueDate: daysFromNow(28),
  });

  // Network management's own history says why its date moved.
  const history = page.getByRole('list', { name: 'Changes, oldest first' });
  await page.getByLabel('Show').selectOption({ label: `3. ${THIRD}` });
  const event = history.getByRole('listitem').filter({ hasText: 'Changed the details' });
  await expect(event).toHaveCount(1);
  await expect(event).toContainText(
    `Due date: ${formatDay(network)} → ${formatDay(daysFromNow(28))}`,
  );
  await expect(event).toContainText(
    `Reason: due date of “${SECOND}” moved from ${formatDay(daysFromNow(7))} to ${formatDay(daysFromNow(21))}; this task waits for it`,
  );
  await checkScreen('task-moved-waiting-tasks');
});

test('a page behind on the tasks that wait: the refused save reads them again and says which move', async ({
  page,
  adminApi,
  checkScreen,
}) => {
  const engagement = await engagementFrom(adminApi, 'Tailspin', daysAgo(0));
  await page.goto(`/engagements/${engagement.id}`);
  const remote = taskCard(page, SECOND);
  await remote.getByRole('button', { name: /^Edit details/ }).click();
  const form = remote.getByRole('form', { name: `Edit details: ${SECOND}` });

  // Someone else brings network management (which waits for remote access) forward meanwhile.
  const network = await readTask(adminApi, engagement.id, 'network-management');
  const earlier = await adminApi.patch(
    `/api/v1/engagements/${engagement.id}/tasks/network-management`,
    { data: { dueDate: daysFromNow(10) }, headers: { 'If-Match': network.etag } },
  );
  expect(earlier.status(), await earlier.text()).toBe(200);

  // By this page's reading nothing waits before the new date, so nothing is said…
  await form.getByLabel('Due date').fill(daysFromNow(12));
  await expect(form.getByText(/wait for this one/)).toHaveCount(0);
  await form.getByRole('button', { name: 'Save details' }).click();
  // …the service refuses, the page reads the engagement again and names the task that would move.
  await expect(form).toContainText(
    'A task waits for this one and would be due before it. Saving moves it 5 days later too:',
  );
  await expect(form.getByRole('listitem')).toHaveText([
    `${THIRD}: due ${formatDay(daysFromNow(10))} → ${formatDay(daysFromNow(15))}`,
  ]);
  // Said once, in that notice, not again as a refusal at the field.
  await expect(form.getByLabel('Due date')).not.toHaveAttribute('aria-invalid', 'true');
  await checkScreen('task-move-caught-up');
  await form.getByRole('button', { name: 'Save details' }).click();
  await expect(form).toHaveCount(0);
  expect(await readTask(adminApi, engagement.id, 'network-management')).toMatchObject({
    dueDate: daysFromNow(15),
  });
});
