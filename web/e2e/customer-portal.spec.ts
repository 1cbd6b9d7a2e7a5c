import fs from 'node:fs';
import {
  createCustomer,
  createEngagement,
  csrfHeader,
  daysAgo,
  readTask,
  signInInvited,
  unique,
  type Contact,
  type Engagement,
} from './data';
import { expect, tabTo, test } from './fixtures';

const contacts = (customerPerson: string, domain: string): Contact[] => [
  { party: 'WSO2', name: 'Daniel Okafor', email: 'daniel.okafor@wso2.example', primary: true },
  {
    party: 'CUSTOMER',
    name: customerPerson,
    email: `${customerPerson.split(' ')[0].toLowerCase()}@${domain}`,
    primary: true,
  },
];

/** The customer's open tasks where CUSTOMER is Responsible or Accountable, soonest first. */
function expectedTasks(engagements: Engagement[]) {
  return engagements
    .flatMap((e) => e.tasks.map((task, position) => ({ task, position, engagement: e })))
    .filter(({ task }) =>
      [...task.raci.responsible, ...task.raci.accountable].some((r) => r.party === 'CUSTOMER'),
    )
    .filter(({ task }) => task.status !== 'DONE' && task.status !== 'NOT_APPLICABLE')
    .sort(
      (a, b) =>
        a.task.dueDate.localeCompare(b.task.dueDate) ||
        a.engagement.name.localeCompare(b.engagement.name) ||
        a.position - b.position,
    );
}

test('a customer sees only their own engagements and can complete only their own tasks', async ({
  page,
  adminApi,
  checkScreen,
}) => {
  const contoso = await createCustomer(adminApi, `Contoso Retail ${unique()}`);
  const fabrikam = await createCustomer(adminApi, `Fabrikam Health ${unique()}`);
  // Contoso runs the PDP in its own subscription (shared duties) and a self-managed one.
  const shared = await createEngagement(adminApi, {
    customerId: contoso.id,
    templateKey: 'wso2-managed-customer-subscription',
    startDate: daysAgo(20),
    contacts: contacts('Marcus Chen', 'contoso.example'),
  });
  const selfManaged = await createEngagement(adminApi, {
    customerId: contoso.id,
    templateKey: 'customer-self-managed',
    cloudProvider: 'AZURE',
    startDate: daysAgo(2),
    contacts: contacts('Marcus Chen', 'contoso.example'),
  });
  const foreign = await createEngagement(adminApi, {
    customerId: fabrikam.id,
    templateKey: 'customer-self-managed',
    startDate: daysAgo(10),
    contacts: contacts('Hannah Weber', 'fabrikam.example'),
  });

  // Marcus accepts his invitation and lands on his tasks.
  await signInInvited(adminApi, page, 'Marcus Chen', {
    email: `marcus.${unique()}@contoso.example`,
    role: 'CUSTOMER',
    customerId: contoso.id,
  });
  await expect(page).toHaveURL(/\/my-tasks$/);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link')).toHaveText(['My tasks', 'Overdue']);
  await expect(page.getByRole('banner')).toContainText(contoso.name);

  const expected = expectedTasks([shared, selfManaged]);
  const rows = page.getByTestId('my-task');
  await expect(rows).toHaveCount(expected.length);
  await expect(rows.getByRole('rowheader')).toHaveText(expected.map(({ task }) => task.title));
  const engagements = page.getByRole('list').filter({ hasText: shared.name });
  // The one with the earliest next due task first.
  await expect(engagements.getByRole('link')).toHaveText([shared.name, selfManaged.name]);
  await expect(page.getByText(fabrikam.name)).toHaveCount(0);
  // Every cell fills its row: the action cell once stopped short of it, and so did its border.
  const cellHeights = await rows
    .first()
    .evaluate((row) => Array.from(row.children, (cell) => cell.getBoundingClientRect().height));
  expect(new Set(cellHeights).size).toBe(1);
  await checkScreen('my-tasks');

  // His first task: done from the list, and gone from it.
  const firstRow = rows.first();
  const first = expected[0];
  await expect(firstRow.getByRole('button', { name: /^Mark done/ })).toBeEnabled();
  // A task waiting for another says so.
  const waiting = rows.filter({ hasText: 'Network management' }).first();
  await expect(waiting.getByRole('button', { name: /^Mark done/ })).toBeDisabled();
  await expect(waiting).toContainText('Waiting for Remote access for installation (Customer)');
  await firstRow.getByRole('button', { name: /^Mark done/ }).click();
  await expect(rows).toHaveCount(expected.length - 1);
  const said = page.getByRole('status').filter({ hasText: 'is done' });
  await expect(said).toHaveText(`“${first.task.title}” is done.`);
  await expect(said).toBeFocused();
  expect((await readTask(adminApi, first.engagement.id, first.task.key)).status).toBe('DONE');
  const counts = page.locator('p.lead');
  await expect(counts).toContainText(`${expected.length - 1} open task`);
  await page.getByLabel('Include finished tasks').check();
  await expect(page).toHaveURL(/finished=show/);
  await expect(rows).toHaveCount(expected.length);
  // The counts stay as they were: a finished task is neither open nor late.
  await expect(counts).toContainText(`${expected.length - 1} open task`);

  // In the engagement, WSO2's tasks are read-only for him; his own have their actions.
  await page.getByRole('link', { name: shared.name }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(shared.name);
  const wso2Task = page.getByRole('article', { name: /Infrastructure provisioning$/ });
  await expect(wso2Task).toContainText('Read-only: WSO2 is responsible for this task.');
  await expect(wso2Task.getByRole('button', { name: /Mark done|Change status|Edit/ })).toHaveCount(
    0,
  );
  const ownTask = page.getByRole('article', { name: /Remote access for installation$/ });
  await expect(ownTask.getByRole('button', { name: /^Mark done/ })).toBeEnabled();
  await checkScreen('engagement-as-customer');

  // A duty WSO2 answers for too: he may work on it, not waive it or move its date alone.
  const joint = shared.tasks.find(
    (t) =>
      t.status === 'NOT_STARTED' &&
      ['WSO2', 'CUSTOMER'].every((party) => t.raci.accountable.some((e) => e.party === party)),
  )!;
  const jointTask = page.getByRole('article', { name: new RegExp(`${joint.title}$`) });
  await jointTask.getByRole('button', { name: /^Change status/ }).click();
  const statusForm = jointTask.getByRole('form', { name: `Change status: ${joint.title}` });
  await expect(statusForm.getByLabel('New status').locator('option')).not.toContainText([
    'Not applicable',
  ]);
  await statusForm.getByRole('button', { name: 'Cancel' }).click();
  await jointTask.getByRole('button', { name: /^Edit details/ }).click();
  const details = jointTask.getByRole('form', { name: `Edit details: ${joint.title}` });
  await expect(details.getByLabel('Due date')).toHaveAttribute('readonly', '');
  await expect(details).toContainText('Set with WSO2, who answers for this task');
  await expect(details.getByLabel('Assignee')).toBeFocused();
  await details.getByRole('button', { name: 'Cancel' }).click();

  // Another customer's engagement by its address: not found, like one that does not exist.
  await page.goto(`/engagements/${foreign.id}`);
  await expect(page.getByRole('heading', { name: 'Engagement not found' })).toBeVisible();
  await expect(page.getByText(fabrikam.name)).toHaveCount(0);
  await checkScreen('engagement-not-found');

  // And the API refuses him the same way, whatever he sends.
  const csrf = await csrfHeader(page);
  expect((await page.request.get(`/api/v1/engagements/${foreign.id}`)).status()).toBe(404);
  const foreignDone = await page.request.post(
    `/api/v1/engagements/${foreign.id}/tasks/subscription-prerequisites/complete`,
    { headers: csrf, data: {} },
  );
  expect(foreignDone.status()).toBe(404);
  const list = await (await page.request.get('/api/v1/engagements?limit=200')).json();
  expect(list.items.map((e: { id: string }) => e.id).sort()).toEqual(
    [shared.id, selfManaged.id].sort(),
  );
  // WSO2's task in his own engagement: refused, and unchanged.
  const notHis = await page.request.post(
    `/api/v1/engagements/${shared.id}/tasks/infrastructure-provisioning/complete`,
    { headers: csrf, data: {} },
  );
  expect(notHis.status()).toBe(403);
  expect((await readTask(adminApi, shared.id, 'infrastructure-provisioning')).status).toBe(
    'NOT_STARTED',
  );
  expect((await readTask(adminApi, foreign.id, 'subscription-prerequisites')).status).toBe(
    'NOT_STARTED',
  );

  // Staff screens are not his either.
  await page.goto('/admin/users');
  await expect(page.getByRole('alert')).toHaveText('This page is not available to your role.');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Not available');
  await expect(page).toHaveTitle('Not available · Onboarding Tracker');
  expect((await page.request.get('/api/v1/users')).status()).toBe(403);
});

test("a customer sees who is accountable for what is late in their own onboarding, and no one else's", async ({
  page,
  adminApi,
  checkScreen,
}) => {
  const contoso = await createCustomer(adminApi, `Contoso Retail ${unique()}`);
  const fabrikam = await createCustomer(adminApi, `Fabrikam Health ${unique()}`);
  const jose = { name: 'José Müller', email: 'jose.muller@contoso.example' };
  // Started 65 days ago: tasks 6 to 60 days late, on both sides.
  const own = await createEngagement(adminApi, {
    customerId: contoso.id,
    templateKey: 'customer-self-managed',
    startDate: daysAgo(65),
    contacts: [
      { party: 'WSO2', name: 'Daniel Okafor', email: 'daniel.okafor@wso2.example', primary: true },
      { party: 'CUSTOMER', ...jose, primary: true },
    ],
  });
  const ingrid = { name: 'Ingrid Lindqvist', email: `ingrid.${unique()}@wso2.example` };
  const foreign = await createEngagement(adminApi, {
    customerId: fabrikam.id,
    templateKey: 'customer-self-managed',
    startDate: daysAgo(90),
    contacts: [
      { party: 'WSO2', ...ingrid, primary: true },
      { party: 'CUSTOMER', name: 'Hannah Weber', email: 'hannah@fabrikam.example', primary: true },
    ],
  });
  const summary = await (
    await adminApi.get(`/api/v1/reports/overdue/summary?customerId=${contoso.id}`)
  ).json();
  expect(summary.groups.map((g: { contact: { name: string } }) => g.contact.name).sort()).toEqual([
    'Daniel Okafor',
    'José Müller',
  ]);

  await signInInvited(adminApi, page, 'Marcus Chen', {
    email: `marcus.${unique()}@contoso.example`,
    role: 'CUSTOMER',
    customerId: contoso.id,
  });
  // He still starts on his tasks; the board is in the navigation, by keyboard too.
  await expect(page).toHaveURL(/\/my-tasks$/);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await tabTo(page, nav.getByRole('link', { name: 'Overdue' }), 'Overdue in the navigation');
  await page.keyboard.press('Enter');
  const heading = page.getByRole('heading', { level: 1, name: 'Overdue in your onboarding' });
  await expect(heading).toBeFocused();
  await expect(page).toHaveTitle('Overdue in your onboarding · Onboarding Tracker');
  await expect(page.getByText(`Tasks in ${contoso.name}'s engagements`)).toBeVisible();
  await expect(page.getByText(`${summary.totalOverdue} tasks overdue`)).toBeVisible();

  // One customer: nothing to choose but the party and the date.
  const filters = page.getByRole('form', { name: 'Filters' });
  await expect(filters.getByRole('combobox')).toHaveCount(1);
  await expect(filters.getByLabel('Party')).toBeVisible();
  await expect(filters.getByLabel('As of')).toBeVisible();

  // Who is accountable, by name, as the report counts them.
  const groups = page.getByTestId('overdue-group');
  await expect(groups).toHaveCount(summary.groups.length);
  for (const group of summary.groups) {
    const row = groups.filter({ hasText: group.contact.name });
    await expect(row.getByRole('cell').nth(0)).toHaveText(
      group.party === 'WSO2' ? 'WSO2' : 'Customer',
    );
    await expect(row.getByRole('cell').nth(1)).toHaveText(String(group.count));
  }
  await expect(page.getByRole('img', { name: /Overdue tasks by person and age/ })).toBeVisible();
  await expect(page.getByText(fabrikam.name)).toHaveCount(0);
  await expect(page.getByText(ingrid.name)).toHaveCount(0);
  await checkScreen('overdue-as-customer');

  // Drill-down by keyboard: José's tasks, each in Contoso's engagement; no customer column.
  const josesGroup = summary.groups.find(
    (g: { contact: { name: string } }) => g.contact.name === jose.name,
  );
  const showJose = page.getByRole('button', { name: /Show tasks of José Müller/ });
  await tabTo(page, showJose, 'Show tasks');
  await page.keyboard.press('Enter');
  await expect(
    page.getByRole('heading', { name: 'Overdue tasks of José Müller (Customer)' }),
  ).toBeFocused();
  const items = page.getByTestId('overdue-item');
  await expect(items).toHaveCount(Math.min(josesGroup.count, 20));
  await expect(items.getByRole('link', { name: own.name })).toHaveCount(
    Math.min(josesGroup.count, 20),
  );
  await expect(page.getByRole('columnheader', { name: 'Customer' })).toHaveCount(0);
  await checkScreen('overdue-as-customer-drilldown');
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(390);
  await checkScreen('overdue-as-customer-390');
  await page.setViewportSize({ width: 1280, height: 720 });
  const firstTask = items.first().getByRole('link').first();
  const firstTitle = await firstTask.innerText();
  await firstTask.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(own.name);
  const task = page.locator(new URL(page.url()).hash).getByRole('heading', { level: 3 });
  await expect(task).toContainText(firstTitle);
  await expect(task).toBeFocused();
  await page.goBack();

  // The party filter: only his own people's share.
  await page.getByLabel('Party').selectOption('CUSTOMER');
  await expect(groups).toHaveCount(1);
  await expect(groups).toContainText(jose.name);
  await page.getByLabel('Party').selectOption('');

  // The CSV: his customer's rows only, and it opens in a spreadsheet with the names as written.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  const bytes = fs.readFileSync(await (await downloading).path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const rows = new TextDecoder('utf-8').decode(bytes).trim().split('\r\n');
  expect(rows[0]).toMatch(/^asOf,engagementId,/);
  expect(rows.length).toBeGreaterThan(1);
  expect(
    rows.slice(1).every((row) => row.includes(`,${own.id},`) && row.includes(contoso.id)),
  ).toBe(true);
  expect(rows.some((row) => row.includes(jose.name))).toBe(true);

  // Another customer by the address: a staff link naming Fabrikam, or Ingrid's group, shows
  // him his own board and nothing of theirs.
  await page.goto(`/overdue?customerId=${fabrikam.id}`);
  await expect(page.getByText(`${summary.totalOverdue} tasks overdue`)).toBeVisible();
  await expect(groups).toHaveCount(summary.groups.length);
  await page.goto(`/overdue?customerId=${fabrikam.id}&group=WSO2&contact=${ingrid.email}`);
  await expect(page.getByRole('heading', { name: /^Overdue tasks of/ })).toBeVisible();
  await page.waitForLoadState('networkidle');
  await expect(items).toHaveCount(0);
  // An empty group says so rather than showing a bare table.
  await expect(page.getByText('No overdue tasks in this group with these filters.')).toBeVisible();
  await expect(page.getByRole('table', { name: /^Overdue tasks of/ })).toHaveCount(0);
  await expect(page.getByText(fabrikam.name)).toHaveCount(0);
  await expect(page.getByText(ingrid.name)).toHaveCount(0);
  await expect(page.getByText(foreign.name)).toHaveCount(0);

  // And the API, asked for Fabrikam by every route, answers him nothing of it.
  const get = async (path: string, headers?: Record<string, string>) => {
    const res = await page.request.get(path, { headers });
    expect(res.status()).toBe(200);
    return res;
  };
  const foreignSummary = await (
    await get(`/api/v1/reports/overdue/summary?customerId=${fabrikam.id}`)
  ).json();
  expect(foreignSummary.totalOverdue).toBe(0);
  const ingridsItems = await (
    await get(`/api/v1/reports/overdue/items?party=WSO2&contactEmail=${ingrid.email}`)
  ).json();
  expect(ingridsItems.items).toEqual([]);
  const foreignCsv = await get(`/api/v1/reports/overdue?customerId=${fabrikam.id}`, {
    Accept: 'text/csv',
  });
  expect((await foreignCsv.text()).trim().split('\r\n')).toHaveLength(1);
  const report = await (await get('/api/v1/reports/overdue')).json();
  expect(new Set(report.items.map((i: { customerId: string }) => i.customerId))).toEqual(
    new Set([contoso.id]),
  );
});
