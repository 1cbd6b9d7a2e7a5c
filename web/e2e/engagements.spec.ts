import { createCustomer, createEngagement, daysAgo, unique } from './data';
import { expect, signedInTest as test } from './fixtures';

const WSO2_MODEL = 'WSO2 fully managed (infrastructure and PDP in WSO2 subscription)';
const WSO2_CUSTOMER_MODEL = 'WSO2 fully managed (infrastructure and PDP in customer subscription)';

test('create a customer and an engagement through the form, then find it by search', async ({
  page,
  adminApi,
  checkScreen,
}) => {
  const customer = `Acme Web ${Date.now()}`;
  await page.goto('/engagements');
  await expect(page.getByRole('heading', { name: 'Engagements' })).toBeVisible();
  await checkScreen('engagements');

  // The page's own button: on an empty list, its notice links to New engagement too.
  await page.getByRole('link', { name: 'New engagement' }).first().click();
  await expect(page).toHaveURL(/\/engagements\/new$/);
  await expect(page.getByRole('button', { name: 'Create engagement' })).toBeVisible();
  await checkScreen('new-engagement');

  // Sent empty: each choice still to make is named next to its field, in the form's words.
  await page.getByRole('button', { name: 'Create engagement' }).click();
  await expect(page.getByLabel('Customer')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Customer')).toBeFocused();
  await expect(page.getByText('Choose a customer', { exact: true })).toBeVisible();
  await expect(page.getByLabel('Cloud provider')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Choose a cloud provider', { exact: true })).toBeVisible();
  await expect(page.getByText(/must be a UUID|should not be empty/)).toHaveCount(0);
  await checkScreen('new-engagement-errors');

  await page.getByLabel('Customer', { exact: true }).selectOption({ label: 'New customer…' });
  await page.getByLabel('New customer name').fill(customer);
  await page.getByLabel('Management model').selectOption({ label: WSO2_MODEL });
  // This model runs only on the three public clouds.
  const clouds = await page.getByLabel('Cloud provider').locator('option').allTextContents();
  expect(clouds).toEqual(['Choose…', 'Azure', 'AWS', 'Google Cloud']);
  await page.getByLabel('Cloud provider').selectOption({ label: 'AWS' });
  await page.getByLabel('Security tier').selectOption({ label: 'Standard' });
  await page.getByLabel('Start date').fill('2026-01-05');

  // Added with the keyboard, a contact's row takes the focus in its first field.
  await page.getByRole('button', { name: 'Add WSO2 contact' }).press('Enter');
  await expect(page.getByLabel('WSO2 contact 1 name')).toBeFocused();
  await page.getByLabel('WSO2 contact 1 name').fill('Wendy Engineer');
  await page.getByLabel('WSO2 contact 1 email').fill('wendy@wso2.example');
  await page.getByRole('button', { name: 'Add Customer contact' }).click();
  await expect(page.getByLabel('Customer contact 1 name')).toBeFocused();
  await page.getByLabel('Customer contact 1 name').fill('Carlos Ops');
  await page.getByLabel('Customer contact 1 email').fill('carlos@acme.example');
  await page.getByRole('button', { name: 'Create engagement' }).click();

  await expect(page).toHaveURL(/\/engagements\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(customer);
  await checkScreen('engagement');

  await page.goto('/engagements');
  await page.getByLabel('Search').fill(customer.toLowerCase());
  await page.getByLabel('Search').press('Enter');
  await expect(page).toHaveURL(/q=acme/);
  const rows = page.getByRole('table').getByRole('row');
  await expect(rows).toHaveCount(2); // the header and our engagement
  await expect(rows.nth(1)).toContainText(customer);
  await expect(rows.nth(1)).toContainText('AWS');
  await expect(rows.nth(1)).toContainText('Standard');

  // Without a chosen order the list is what its select says: newest first.
  const later = await createCustomer(adminApi, `Zeta Later ${unique()}`);
  await createEngagement(adminApi, {
    customerId: later.id,
    templateKey: 'customer-self-managed',
    startDate: daysAgo(1),
    contacts: [],
  });
  await page.goto('/engagements');
  await expect(page.getByLabel('Sort by')).toHaveValue('-createdAt');
  const listed = page.getByRole('table').getByRole('row');
  await expect(listed.nth(1)).toContainText(later.name);
  await expect(listed.nth(2)).toContainText(customer);
});

test('the number of results is announced once they are in', async ({ page, adminApi }) => {
  const name = `Counted Co ${unique()}`;
  const customer = await createCustomer(adminApi, name);
  for (const templateKey of ['customer-self-managed', 'wso2-managed-customer-subscription']) {
    await createEngagement(adminApi, {
      customerId: customer.id,
      templateKey,
      startDate: daysAgo(3),
      contacts: [],
    });
  }
  await page.goto('/engagements');
  const count = page.getByRole('status').filter({ hasText: /engagement/ });
  const search = page.getByLabel('Search');

  // Held until checked: while the results are on their way the region says nothing, and the
  // rows shown are still the previous ones.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/api\/v1\/engagements\?.*q=Counted/, async (route) => {
    await held;
    await route.continue();
  });
  await search.fill(name);
  await search.press('Enter');
  await expect(page).toHaveURL(/q=Counted/);
  await expect(page.locator('p[role="status"].visually-hidden')).toHaveText('');
  release();
  await expect(count).toHaveText('2 engagements.');
  await page.unroute(/\/api\/v1\/engagements\?.*q=Counted/);

  await page.getByLabel('Model').selectOption({ label: WSO2_CUSTOMER_MODEL });
  await expect(count).toHaveText('1 engagement.');
  await page.getByLabel('Status').selectOption({ label: 'Cancelled' });
  await expect(count).toHaveText('No engagements match these filters.');
});

test('the page of the list survives opening an engagement and coming back, and a reload', async ({
  page,
  adminApi,
}) => {
  const name = `Paged Co ${unique()}`;
  const customer = await createCustomer(adminApi, name);
  for (let i = 0; i < 27; i++) {
    await createEngagement(adminApi, {
      customerId: customer.id,
      templateKey: 'customer-self-managed',
      startDate: daysAgo(3),
      contacts: [],
      name: `${name} PDP ${String(i + 1).padStart(2, '0')}`,
    });
  }
  await page.goto(`/engagements?q=${encodeURIComponent(name)}&sort=customer`);
  const count = page.getByRole('status').filter({ hasText: /engagement/ });
  await expect(count).toHaveText('25 engagements on page 1, more on the next page.');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(count).toHaveText('2 engagements on page 2, the last page.');
  const links = page.getByRole('table').getByRole('link');
  const onPage2 = await links.allTextContents();
  expect(onPage2).toHaveLength(2);

  // Open one and come back: still page 2, with the same rows.
  await page.getByRole('link', { name: onPage2[0] }).click();
  await expect(page).toHaveURL(/\/engagements\/[0-9a-f-]{36}$/);
  await page.goBack();
  await expect(count).toHaveText('2 engagements on page 2, the last page.');
  await expect(links).toHaveText(onPage2);
  await page.reload();
  await expect(count).toHaveText('2 engagements on page 2, the last page.');

  await page.getByRole('button', { name: 'Previous' }).click();
  await expect(count).toHaveText('25 engagements on page 1, more on the next page.');
  // A new search starts again at page one.
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Search').fill(`${name} PDP 2`);
  await page.getByLabel('Search').press('Enter');
  await expect(count).toHaveText(/^\d+ engagements?\.$/);
});

// A time zone where today is not UTC's today at this hour (UTC−12 before noon UTC, UTC+14 after).
const zone = new Date().getUTCHours() < 12 ? 'Etc/GMT+12' : 'Pacific/Kiritimati';

test.describe(`in a time zone whose today is not UTC's (${zone})`, () => {
  test.use({ timezoneId: zone });

  test("a new engagement starts today where the person is, not UTC's today", async ({ page }) => {
    const local = new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date());
    expect(local).not.toBe(new Date().toISOString().slice(0, 10));
    await page.goto('/engagements/new');
    await expect(page.getByLabel('Start date')).toHaveValue(local);
  });
});

test('a long name without spaces wraps in its cell: every column stays in view, at 1280 px and zoomed to 200 %', async ({
  page,
  adminApi,
  checkScreen,
}) => {
  const customer = await createCustomer(adminApi, `Donaudampfschifffahrtsgesellschaft${unique()}`);
  await createEngagement(adminApi, {
    customerId: customer.id,
    templateKey: 'customer-self-managed',
    startDate: daysAgo(3),
    contacts: [],
    name: `PDP-${'Supercalifragilisticexpialidocious'.repeat(3)}`,
  });
  await page.goto(`/engagements?customerId=${customer.id}`);
  const table = page.getByRole('table', { name: 'Engagements' });
  await expect(table.getByRole('row')).toHaveCount(2);
  // 1280 px, and the same screen at 200 % zoom: 640 CSS pixels.
  for (const width of [1280, 640]) {
    await page.setViewportSize({ width, height: 800 });
    const shown = await table.evaluate((element) => {
      const box = element.parentElement!.getBoundingClientRect();
      return {
        scrolls: element.parentElement!.scrollWidth > element.parentElement!.clientWidth,
        cut: Array.from(element.querySelectorAll('thead th'))
          .filter((th) => th.getBoundingClientRect().right > box.right + 1)
          .map((th) => th.textContent),
      };
    });
    expect({ width, ...shown }).toEqual({ width, scrolls: false, cut: [] });
    await checkScreen(`engagements-long-name-${width}`);
  }
});

test('an empty list says why: filters that match nothing can be cleared; with none, where engagements and customers are made', async ({
  page,
  adminApi,
  checkScreen,
}) => {
  await createEngagement(adminApi, {
    customerId: (await createCustomer(adminApi, `Listed Co ${unique()}`)).id,
    templateKey: 'customer-self-managed',
    startDate: daysAgo(3),
    contacts: [],
  });
  await page.goto(`/engagements?q=${unique()}&overdue=true`);
  const empty = page.locator('p.empty');
  await expect(empty).toContainText('No engagements match these filters.');
  await expect(page.getByRole('status').filter({ hasText: /engagements/ })).toHaveText(
    'No engagements match these filters.',
  );
  await checkScreen('engagements-none-match');
  await empty.getByRole('button', { name: 'Clear the filters' }).click();
  await expect(page).toHaveURL(/\/engagements$/);
  await expect(page.getByRole('table', { name: 'Engagements' })).toBeVisible();
  await expect(page.getByLabel('Search')).toHaveValue('');
  await expect(page.getByLabel('Search')).toBeFocused();

  // A fresh install: no engagement at all (the shared service has some, so the list is answered
  // empty here), and no filter set.
  await page.route(/\/api\/v1\/engagements\?/, (route) =>
    route.fulfill({ json: { items: [], nextCursor: null } }),
  );
  await page.reload();
  await expect(empty).toContainText('No engagements yet.');
  await expect(empty.getByRole('button', { name: 'Clear the filters' })).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: /engagements/ })).toHaveText(
    'No engagements yet.',
  );
  await checkScreen('engagements-none-yet');
  await page.setViewportSize({ width: 390, height: 844 });
  await checkScreen('engagements-none-yet-390');
  await empty.getByRole('link', { name: 'New engagement' }).click();
  await expect(page).toHaveURL(/\/engagements\/new$/);
});

test("the new engagement form says what is wrong in the form's words: a taken customer name, an address too long before @, a date out of range", async ({
  page,
  adminApi,
  checkScreen,
}) => {
  const existing = await createCustomer(adminApi, `Tailspin Toys ${unique()}`);
  await page.goto('/engagements/new');
  await page.getByLabel('Customer', { exact: true }).selectOption({ label: 'New customer…' });
  // Another case of a name that exists: it is there to choose, not to make again.
  await page.getByLabel('New customer name').fill(existing.name.toUpperCase());
  await page.getByLabel('Management model').selectOption({ label: WSO2_CUSTOMER_MODEL });
  await page.getByLabel('Cloud provider').selectOption({ label: 'AWS' });
  await page.getByLabel('Security tier').selectOption({ label: 'Standard' });
  await page.getByRole('button', { name: 'Create engagement' }).click();
  const newName = page.getByLabel('New customer name');
  await expect(newName).toHaveAttribute('aria-invalid', 'true');
  await expect(newName).toHaveAccessibleDescription(
    `“${existing.name}” already exists: choose it from the Customer list`,
  );
  await expect(page.getByText(/must be unique/i)).toHaveCount(0);

  await page.getByLabel('Customer', { exact: true }).selectOption({ label: existing.name });
  // A date the browser shows in its own format, before 2000: the range is said in dates too.
  await page.getByLabel('Start date').fill('1999-01-01');
  await page.getByRole('button', { name: 'Add Customer contact' }).click();
  await page.getByLabel('Customer contact 1 name').fill('Lars Longaddress');
  const email = page.getByLabel('Customer contact 1 email');
  await email.fill(`${'l'.repeat(65)}@tailspin.example`);
  await page.getByRole('button', { name: 'Create engagement' }).click();
  await expect(page.getByLabel('Start date')).toHaveAccessibleDescription(
    'Must be a real date between 1 Jan 2000 and 31 Dec 2099',
  );
  await expect(email).toHaveAccessibleDescription(
    'Must be an email address whose part before @ has at most 64 characters (this one has 65)',
  );
  // The form's own notice names the fields as they are labelled, not as API paths.
  await expect(page.getByRole('alert')).toHaveText(
    /^Invalid request: check Start date, Customer contact 1 email/,
  );
  await checkScreen('new-engagement-wording');
  await page.setViewportSize({ width: 390, height: 844 });
  await checkScreen('new-engagement-wording-390');
});

test('a new customer is made only with its engagement: a refused engagement leaves no customer, and what was typed stays', async ({
  page,
  adminApi,
  checkScreen,
}) => {
  const customer = `Stark Industries ${unique()}`;
  const customersNamed = async () => {
    const res = await adminApi.get('/api/v1/customers');
    expect(res.status()).toBe(200);
    return ((await res.json()) as { id: string; name: string }[]).filter(
      (c) => c.name === customer,
    );
  };
  await page.goto('/engagements/new');
  await page.getByLabel('Customer', { exact: true }).selectOption({ label: 'New customer…' });
  // Its name is asked for before anything is sent, like every choice not made yet.
  await page.getByRole('button', { name: 'Create engagement' }).click();
  await expect(page.getByLabel('New customer name')).toHaveAccessibleDescription(
    'Enter the new customer’s name',
  );
  await expect(page.getByLabel('New customer name')).toBeFocused();
  await page.getByLabel('New customer name').fill(customer);
  await page.getByLabel('Management model').selectOption({ label: WSO2_MODEL });
  await page.getByLabel('Cloud provider').selectOption({ label: 'AWS' });
  await page.getByLabel('Security tier').selectOption({ label: 'Standard' });
  await page.getByRole('button', { name: 'Add Customer contact' }).click();
  await page.getByLabel('Customer contact 1 name').fill('Pepper Potts');
  const email = page.getByLabel('Customer contact 1 email');
  await email.fill('pepper@');
  // A start the API refuses: its last tasks would fall due after 2099.
  await page.getByLabel('Start date').fill('2099-12-01');

  // Refused for the address: nothing is made, and the form stays as it was typed.
  await page.getByRole('button', { name: 'Create engagement' }).click();
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Customer', { exact: true })).toHaveValue('__new__');
  await expect(page.getByLabel('New customer name')).toHaveValue(customer);
  expect(await customersNamed()).toEqual([]);

  // Refused for the start date: still nothing made.
  await email.fill('pepper@stark.example');
  await page.getByRole('button', { name: 'Create engagement' }).click();
  await expect(page.getByLabel('Start date')).toHaveAttribute('aria-invalid', 'true');
  // Said at the field, with dates as the app writes them, and once: not again in a box below.
  await expect(page.getByLabel('Start date')).toHaveAccessibleDescription(
    /due date at 29 Jan 2100, after 31 Dec 2099, .*start on 2 Nov 2099 or earlier$/,
  );
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(email).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Customer', { exact: true })).toHaveValue('__new__');
  await expect(page.getByLabel('New customer name')).toHaveValue(customer);
  await expect(page.getByLabel('Customer', { exact: true }).locator('option')).not.toContainText([
    customer,
  ]);
  expect(await customersNamed()).toEqual([]);
  await checkScreen('new-engagement-new-customer-refused');

  // Put right, it saves: one customer, with one engagement.
  await page.getByLabel('Start date').fill('2026-01-05');
  await page.getByRole('button', { name: 'Create engagement' }).click();
  await expect(page).toHaveURL(/\/engagements\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(customer);
  const made = await customersNamed();
  expect(made).toHaveLength(1);
  const engagements = await adminApi.get(`/api/v1/engagements?customerId=${made[0].id}`);
  expect(((await engagements.json()) as { items: unknown[] }).items).toHaveLength(1);
});
