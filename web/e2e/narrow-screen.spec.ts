import { createCustomer, createEngagement, daysAgo, invite, unique } from './data';
import { expect, signedInTest as test } from './fixtures';
import {
  accessibilityTree,
  expectNoSidewaysScroll,
  expectOnScreen,
  expectTableOnPhones,
} from './narrow';

test.use({ viewport: { width: 390, height: 844 } });

test('on a phone-sized screen no page is wider than the screen: long words wrap, wide tables scroll in their box on a tablet', async ({
  page,
  adminApi,
  checkScreen,
}) => {
  const customer = await createCustomer(adminApi, `Narrow ${unique()}`);
  const engagement = await createEngagement(adminApi, {
    customerId: customer.id,
    templateKey: 'customer-self-managed',
    startDate: daysAgo(40),
    contacts: [],
    // A name without spaces (a pasted project code) must wrap in the heading, not be cut off.
    name: `PDP-${'x'.repeat(150)}`,
  });
  // A pasted URL or token without spaces, as people put in notes.
  const task = engagement.tasks[0];
  const patched = await adminApi.patch(`/api/v1/engagements/${engagement.id}/tasks/${task.key}`, {
    headers: { 'If-Match': task.etag },
    data: { note: `https://example.com/${'x'.repeat(600)}`, assignee: 'y'.repeat(190) },
  });
  expect(patched.status(), await patched.text()).toBe(200);

  for (const [url, heading] of [
    ['/overdue', 'Overdue'],
    ['/engagements', 'Engagements'],
    ['/templates/customer-self-managed', /Customer self-managed/],
    ['/admin/users', 'Users'],
    ['/admin/api-keys', 'API keys'],
    [`/engagements/${engagement.id}`, engagement.name],
  ] as const) {
    await page.goto(url);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expect(page.getByText(/Loading/)).toHaveCount(0);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect({ url, width }).toEqual({ url, width: 390 });
    const title = await page.getByRole('heading', { level: 1 }).evaluate((h1) => ({
      overflow: h1.scrollWidth - h1.clientWidth,
      right: h1.getBoundingClientRect().right,
    }));
    expect({ url, ...title, fits: title.right <= 390 }).toEqual({
      url,
      ...title,
      overflow: 0,
      fits: true,
    });
  }
  // A table wider than the screen scrolls in its box, which the keyboard can reach and scroll:
  // on a tablet, as on a phone tables read row by row.
  await page.setViewportSize({ width: 700, height: 1000 });
  await page.goto('/templates/customer-self-managed');
  const matrixBox = page.getByRole('region', { name: 'RACI matrix' });
  await matrixBox.focus();
  await expect(matrixBox).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => matrixBox.evaluate((box) => box.scrollLeft)).toBeGreaterThan(0);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(700);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/engagements/${engagement.id}`);
  // The engagement's own form, with a contact row, fits too.
  await page.getByRole('button', { name: 'Edit engagement' }).click();
  await page.getByRole('button', { name: 'Add Customer contact' }).click();
  await expect(page.getByLabel('Customer contact 1 email')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(390);
  await checkScreen('engagement-narrow');

  // WCAG's reflow width, 320 px: the engagements page with its search and filters still fits.
  await page.setViewportSize({ width: 320, height: 800 });
  await page.goto('/engagements');
  await expect(page.getByRole('button', { name: 'Search' })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(320);
});

test('on a phone the overdue board shows each accountable person whole: count, oldest and Show tasks, nothing off to the side', async ({
  page,
  adminApi,
  checkScreen,
}) => {
  const customer = await createCustomer(adminApi, `Narrow board ${unique()}`);
  await createEngagement(adminApi, {
    customerId: customer.id,
    templateKey: 'customer-self-managed',
    startDate: daysAgo(60),
    contacts: [
      {
        party: 'WSO2',
        name: 'Wanda Accountable',
        // A long address without a space: it breaks on the phone rather than widen the row.
        email: `wanda.accountable.onboarding-${unique()}@private-data-plane.wso2.example`,
        primary: true,
      },
      // The customer names nobody as primary: their row is "No contact named".
      {
        party: 'CUSTOMER',
        name: 'Cody Helper',
        email: `cody-${unique()}@x.example`,
        primary: false,
      },
    ],
  });
  const summary = (await (
    await adminApi.get(`/api/v1/reports/overdue/summary?customerId=${customer.id}`)
  ).json()) as { groups: BoardGroup[] };
  expect(summary.groups.map((g) => g.contact?.name ?? null).sort()).toEqual([
    'Wanda Accountable',
    null,
  ]);
  const wanda = summary.groups.find((g) => g.contact)!;

  // On a desktop: what assistive tech is told of the table and of the drill-down's list.
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`/overdue?customerId=${customer.id}`);
  const table = page.getByRole('table', { name: 'Accountable for overdue tasks' });
  await expect(table.getByTestId('overdue-group')).toHaveCount(summary.groups.length);
  const desktopTable = await accessibilityTree(page, 'table.groups');
  const show = page.getByRole('button', { name: /^Show tasks of Wanda Accountable/ });
  await show.click();
  const items = page.getByTestId('overdue-item');
  await expect(items).toHaveCount(Math.min(wanda.count, 20));
  const desktopItems = await accessibilityTree(page, '.drilldown table');
  await checkScreen('overdue-narrow-1280');
  await page.getByRole('button', { name: 'Close' }).click();

  for (const width of [390, 320]) {
    await page.setViewportSize({ width, height: 844 });
    await expectNoSidewaysScroll(table, width);
    for (const group of summary.groups) {
      const row = table
        .getByTestId('overdue-group')
        .filter({ hasText: group.contact?.name ?? 'No contact named' })
        .filter({ hasText: group.party === 'WSO2' ? 'WSO2' : 'Customer' });
      await expect(row).toHaveCount(1);
      const cells = row.getByRole('cell');
      await expect(cells.nth(1)).toHaveText(String(group.count));
      await expect(cells.nth(2)).toHaveText(
        `${group.maxDaysOverdue} day${group.maxDaysOverdue === 1 ? '' : 's'}`,
      );
      const button = row.getByRole('button', { name: /^Show tasks/ });
      for (const shown of [row.getByRole('rowheader'), cells.nth(1), cells.nth(2), button]) {
        await expectOnScreen(shown, width);
      }
      // A finger's target, as tall as WCAG's 44 px.
      expect((await button.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    }
    // Still a table, with the same rows, headers and cells: only the eye sees it differently.
    expect(await accessibilityTree(page, 'table.groups')).toEqual(desktopTable);
    await checkScreen(`overdue-narrow-${width}`);

    await show.click();
    await expect(page).toHaveURL(/group=WSO2/);
    await expect(page.getByRole('heading', { name: /^Overdue tasks of Wanda/ })).toBeFocused();
    await expect(items).toHaveCount(Math.min(wanda.count, 20));
    await expectNoSidewaysScroll(page.locator('.drilldown table'), width);
    for (const item of await items.all()) {
      for (const link of await item.getByRole('link').all()) await expectOnScreen(link, width);
    }
    expect(await accessibilityTree(page, '.drilldown table')).toEqual(desktopItems);
    await checkScreen(`overdue-drilldown-narrow-${width}`);
    await page.getByRole('button', { name: 'Close' }).click();
    await expect(show).toBeFocused();
  }
});

interface BoardGroup {
  party: string;
  contact: { name: string } | null;
  count: number;
  maxDaysOverdue: number;
}

test('on a phone every list reads row by row: engagements, the RACI matrix, users, API keys and my tasks whole on screen, the same tables to a screen reader', async ({
  page,
  adminApi,
  checkScreen,
  invitedPerson,
}) => {
  test.setTimeout(120_000);
  const customer = await createCustomer(adminApi, `Narrow lists ${unique()}`);
  const contacts = [
    {
      party: 'CUSTOMER' as const,
      name: 'Lena Listreader',
      email: `lena-${unique()}@narrow.example`,
      primary: true,
    },
  ];
  await createEngagement(adminApi, {
    customerId: customer.id,
    templateKey: 'customer-self-managed',
    startDate: daysAgo(40),
    contacts,
    // A pasted project code without spaces: it breaks inside the row, not past the screen.
    name: `PDP-${'y'.repeat(80)}`,
  });
  await createEngagement(adminApi, {
    customerId: customer.id,
    templateKey: 'wso2-managed-customer-subscription',
    cloudProvider: 'AZURE',
    startDate: daysAgo(5),
    contacts,
  });

  // Engagements: every cell of every row, the link to it included.
  await page.goto(`/engagements?customerId=${customer.id}`);
  const engagements = page.getByRole('table', { name: 'Engagements' });
  await expect(engagements.getByRole('row')).toHaveCount(3);
  await expectTableOnPhones(page, {
    table: engagements,
    selector: 'main table',
    rows: engagements.getByRole('row').filter({ has: page.getByRole('cell') }),
    screen: (width) => checkScreen(`engagements-narrow-${width}`),
  });

  // The RACI matrix: on a phone each task is a block, its checklist under its title, then who is
  // Responsible, Accountable, Consulted and Informed, a line each (see the commit).
  await page.goto('/templates/customer-self-managed');
  const matrix = page.getByRole('table', { name: /^RACI matrix/ });
  await expect(matrix.getByTestId('raci-row')).toHaveCount(16);
  await expectTableOnPhones(page, {
    table: matrix,
    selector: 'table.raci-matrix',
    rows: matrix.getByTestId('raci-row'),
    screen: (width) => checkScreen(`template-narrow-${width}`),
  });
  const firstTask = matrix.getByTestId('raci-row').first();
  await expect(firstTask.getByRole('cell').nth(1)).toHaveText('Customer');
  await expect(firstTask.getByRole('cell').nth(5)).toHaveText('5');

  // Users: a long address without spaces, each person a link to their page.
  const email = `someone.with.a.long.address-${unique()}@customer-private-data-plane.example`;
  await invite(adminApi, { email, role: 'CUSTOMER', customerId: customer.id });
  await page.goto('/admin/users');
  const users = page.getByRole('table', { name: 'Users' });
  const invited = users.getByTestId('user-row').filter({ hasText: email });
  await expect(invited).toHaveCount(1);
  await expectTableOnPhones(page, {
    table: users,
    selector: 'main table',
    rows: invited.or(
      users.getByTestId('user-row').filter({ has: page.getByText('You', { exact: true }) }),
    ),
    screen: (width) => checkScreen(`users-narrow-${width}`),
  });
  await expect(invited.getByRole('link')).toHaveText(`(not yet set) ${email}`);

  // API keys: one revoked (its badge says when), and one being revoked (the question and its two
  // answers in the row).
  const keyName = `ci-pipeline-of-the-narrow-screen-${unique()}`;
  const created = await adminApi.post('/api/v1/api-keys', {
    data: { name: keyName, role: 'STAFF' },
  });
  expect(created.status()).toBe(201);
  const revokedName = `revoked-${unique()}`;
  const revoked = await adminApi.post('/api/v1/api-keys', {
    data: { name: revokedName, role: 'STAFF' },
  });
  expect(
    (
      await adminApi.delete(`/api/v1/api-keys/${((await revoked.json()) as { id: string }).id}`)
    ).status(),
  ).toBe(200);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/admin/api-keys');
  const keys = page.getByRole('table', { name: 'API keys' });
  const key = keys.getByTestId('api-key-row').filter({ hasText: keyName });
  await key.getByRole('button', { name: `Revoke ${keyName}` }).click();
  await expect(key.getByRole('button', { name: 'Keep it' })).toBeFocused();
  await expectTableOnPhones(page, {
    table: keys,
    selector: 'main table',
    rows: keys.getByTestId('api-key-row'),
    screen: (width) => checkScreen(`api-keys-narrow-${width}`),
  });
  await expect(keys.getByTestId('api-key-row').filter({ hasText: revokedName })).toContainText(
    /Revoked \d/,
  );
  await expect(key.getByRole('button')).toHaveText(['Yes, revoke', 'Keep it']);

  // My tasks, as the customer's engineer: each task with its Mark done.
  const lena = await invitedPerson(
    { email: `lena.${unique()}@narrow.example`, role: 'CUSTOMER', customerId: customer.id },
    'Lena Listreader',
  );
  await expect(lena).toHaveURL(/\/my-tasks$/);
  const tasks = lena.getByRole('table', { name: /^My tasks/ });
  await expect(tasks.getByTestId('my-task').first()).toBeVisible();
  await expectTableOnPhones(lena, {
    table: tasks,
    selector: 'table.my-tasks',
    rows: tasks.getByTestId('my-task'),
    screen: (width) => checkScreen(`my-tasks-narrow-${width}`, lena),
  });
  await expect(tasks.getByRole('button', { name: /^Mark done/ }).first()).toBeEnabled();
});

test("at 320 and 390 px a long name and customer wrap in the header and the engagement's facts: Sign out and every fact on screen, no page wider than the screen", async ({
  adminApi,
  checkScreen,
  invitedPerson,
}) => {
  // Long words without a break point, as German company names and some family names are.
  const customer = await createCustomer(adminApi, `Donaudampfschifffahrtsgesellschaft${unique()}`);
  const engagement = await createEngagement(adminApi, {
    customerId: customer.id,
    templateKey: 'customer-self-managed',
    startDate: daysAgo(20),
    contacts: [],
  });
  const person = await invitedPerson(
    { email: `max.${unique()}@narrow.example`, role: 'CUSTOMER', customerId: customer.id },
    'Maximilianekonstantinopouloswittgenstein Abendroth',
  );
  for (const width of [390, 320]) {
    await person.setViewportSize({ width, height: 800 });
    for (const url of ['/my-tasks', '/overdue', `/engagements/${engagement.id}`]) {
      await person.goto(url);
      await expect(person.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(person.getByText(/Loading/)).toHaveCount(0);
      const pageWidth = await person.evaluate(() => document.documentElement.scrollWidth);
      expect({ url, pageWidth }).toEqual({ url, pageWidth: width });
      await expectOnScreen(person.getByRole('button', { name: 'Sign out' }), width);
      await expectOnScreen(person.locator('.whoami-name'), width);
    }
    // The facts of the engagement: the customer's name wraps, and what follows it is whole.
    const facts = person.locator('dl.facts dd');
    for (const fact of await facts.all()) await expectOnScreen(fact, width);
    await expect(facts.filter({ hasText: '(version 1)' })).toHaveCount(1);
    await checkScreen(`engagement-long-names-${width}`, person);
  }
});

test("on a phone a task's forms take the card's width", async ({ page, adminApi }) => {
  const { id: customerId } = await createCustomer(adminApi, `Phone Form Co ${unique()}`);
  const engagement = await createEngagement(adminApi, {
    customerId,
    templateKey: 'wso2-managed-wso2-subscription',
    startDate: daysAgo(3),
    contacts: [],
  });
  await page.goto(`/engagements/${engagement.id}`);
  const card = page.getByRole('article', { name: /^1\. / });
  await card.getByRole('button', { name: /^Edit details/ }).click();
  const form = card.getByRole('form', { name: /^Edit details/ });
  await expect(form).toBeVisible();
  const [cardBox, formBox] = [await card.boundingBox(), await form.boundingBox()];
  // The card's padding aside, the form is as wide as the card (it was 235 of 340 px).
  expect(formBox!.width).toBeGreaterThan(cardBox!.width * 0.85);
  await expect(card.getByRole('button', { name: /^History/ })).toBeVisible();
});
