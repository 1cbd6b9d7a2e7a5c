import { acceptInvitation, createCustomer, freshContext, unique } from './data';
import { expect, signedInTest as test } from './fixtures';

test('invite a colleague, hand over the link, replace it, disable and enable them', async ({
  page,
  adminApi,
  browser,
  baseURL,
  checkScreen,
  watchPage,
}) => {
  // The customer exists before the page loads its list of customers, as it would for a person.
  const customer = await createCustomer(adminApi, `Woodgrove Bank ${unique()}`);
  await page.goto('/admin');
  await expect(page).toHaveURL(/\/admin\/users$/);
  const form = page.getByRole('region', { name: 'Invite someone' });

  // A customer's person needs their customer: the API says so next to the field.
  await form.getByLabel('Email').fill(`ravi.${unique()}@woodgrove.example`);
  await form.getByLabel('Role').selectOption({ label: 'Customer' });
  await form.getByRole('button', { name: 'Invite' }).click();
  await expect(form.getByLabel('Customer')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByText('Choose a customer', { exact: true })).toBeVisible();
  await form.getByLabel('Customer').selectOption({ label: customer.name });
  await form.getByRole('button', { name: 'Invite' }).click();
  await expect(form.getByRole('region', { name: /^Invitation link for ravi\./ })).toBeVisible();
  await form.getByRole('button', { name: 'Done, hide it' }).click();
  // Its button gone with it, the focus is ready for the next person, not dropped to the page.
  await expect(form.getByLabel('Email')).toBeFocused();

  const email = `grace.${unique()}@wso2.example`;
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Role').selectOption({ label: 'Staff' });
  await form.getByRole('button', { name: 'Invite' }).click();
  const shown = form.getByRole('region', { name: `Invitation link for ${email}` });
  // Shown once: the focus is on it, so nobody tabs past it unawares.
  await expect(shown.getByRole('textbox')).toBeFocused();
  const firstLink = await shown.getByRole('textbox').inputValue();
  expect(firstLink).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/invitations\/[A-Za-z0-9_-]+$/);
  const row = page.getByTestId('user-row').filter({ hasText: email });
  await expect(row).toContainText('Staff');
  await expect(row).toContainText('Invited');
  await checkScreen('admin-users');

  // A new link, on her page: the first one stops working.
  await row.getByRole('link', { name: `(not yet set) ${email}` }).click();
  await page.getByRole('button', { name: `New link for ${email}` }).click();
  const newLink = await page
    .getByRole('region', { name: `New link for ${email}` })
    .getByRole('textbox')
    .inputValue();
  expect(newLink).not.toBe(firstLink);
  const context = await freshContext(browser, baseURL);
  const grace = await context.newPage();
  watchPage(grace);
  await grace.goto(firstLink);
  await expect(grace.getByRole('alert')).toContainText('unknown, already used or expired');
  await acceptInvitation(grace, newLink, 'Grace Hopper');
  await expect(grace).toHaveURL(/\/overdue$/);

  // Disabled (once confirmed): her session ends at once. Enabled: she may sign in again.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Grace Hopper');
  const access = page.getByRole('region', { name: 'Access' });
  await access.getByRole('button', { name: 'Disable Grace Hopper' }).click();
  await access.getByRole('button', { name: 'Yes, disable' }).click();
  await expect(page.locator('dl.facts')).toContainText('Disabled');
  await grace.goto('/engagements');
  await expect(grace).toHaveURL(/\/login\?returnTo=%2Fengagements$/);
  await page.getByRole('link', { name: 'All users' }).click();
  await expect(row).toContainText('Grace Hopper');
  await expect(row).toContainText('Disabled');
  await row.getByRole('link', { name: 'Grace Hopper' }).click();
  await access.getByRole('button', { name: 'Enable Grace Hopper' }).click();
  await expect(page.locator('dl.facts')).toContainText('Active');
  await page.getByRole('link', { name: 'All users' }).click();
  await expect(row).toContainText('Active');
  await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Disabled' });
  await expect(page).toHaveURL(/status=DISABLED/);
  await expect(page.getByTestId('user-row').filter({ hasText: email })).toHaveCount(0);
  await context.close();
});

test('create an API key, see its secret once, use it, and revoke it', async ({
  page,
  playwright,
  baseURL,
  checkScreen,
}) => {
  await page.goto('/admin/api-keys');
  const name = `crm-sync-${unique()}`;
  const form = page.getByRole('region', { name: 'New key' });
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Role').selectOption({ label: 'Staff' });
  await form.getByRole('button', { name: 'Create key' }).click();
  const secret = await form
    .getByRole('region', { name: `Secret of the key “${name}”` })
    .getByRole('textbox')
    .inputValue();
  const row = page.getByTestId('api-key-row').filter({ hasText: name });
  await expect(row).toContainText('Active');
  const prefix = (await row.getByRole('code').textContent())!.replace('…', '');
  expect(secret.startsWith(prefix)).toBe(true);
  await checkScreen('admin-api-keys');
  await form.getByRole('button', { name: 'Done, hide it' }).press('Enter');
  await expect(form.getByRole('region', { name: /^Secret of the key/ })).toHaveCount(0);
  await expect(form.getByLabel('Name')).toBeFocused();

  // The key works for another system...
  const system = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { Authorization: `Bearer ${secret}` },
  });
  const me = await system.get('/api/v1/me');
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({ kind: 'key', name, role: 'STAFF' });

  // ...and is never shown again.
  await page.reload();
  await expect(page.getByRole('heading', { name: /^Secret of the key/ })).toHaveCount(0);
  await expect(row.getByRole('cell').nth(4)).not.toHaveText('Never');

  // Revoking asks first; then the key is refused.
  await row.getByRole('button', { name: `Revoke ${name}` }).click();
  // The safe answer has the focus; Escape gives it too.
  await expect(row.getByRole('button', { name: 'Keep it' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(row.getByRole('button', { name: 'Yes, revoke' })).toHaveCount(0);
  await row.getByRole('button', { name: `Revoke ${name}` }).click();
  await row.getByRole('button', { name: 'Keep it' }).click();
  await expect(row).toContainText('Active');
  await row.getByRole('button', { name: `Revoke ${name}` }).click();
  await row.getByRole('button', { name: 'Yes, revoke' }).click();
  await expect(row).toContainText('Revoked');
  expect((await system.get('/api/v1/me')).status()).toBe(401);
  await system.dispose();
});

test("a WSO2 engineer (STAFF) invites a customer's engineer from the app, and sees only customers' people", async ({
  adminApi,
  checkScreen,
  invitedPerson,
}) => {
  const customer = await createCustomer(adminApi, `Adventure Works ${unique()}`);
  const page = await invitedPerson(
    { email: `lena.${unique()}@wso2.example`, role: 'STAFF' },
    'Lena Staff',
  );

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
  await expect(page).toHaveURL(/\/admin\/users$/);
  const subnav = page.getByRole('navigation', { name: 'Admin' });
  await expect(subnav.getByRole('link')).toHaveText(['Users', 'Notifications']);
  const form = page.getByRole('region', { name: 'Invite someone' });
  // Customers' engineers are the only people STAFF may invite: the role is chosen already.
  await expect(form.getByLabel('Role').locator('option')).toHaveText([
    'Choose a role…',
    'Customer',
  ]);
  await expect(form.getByLabel('Role')).toHaveValue('CUSTOMER');
  const email = `jun.${unique()}@adventure-works.example`;
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Customer').selectOption({ label: customer.name });
  await form.getByRole('button', { name: 'Invite' }).click();
  await expect(form.getByRole('region', { name: `Invitation link for ${email}` })).toBeVisible();
  const row = page.getByTestId('user-row').filter({ hasText: email });
  await expect(row).toContainText(customer.name);
  // The list holds customers' people only: not the admin, not Lena herself.
  await expect(page.getByTestId('user-row').filter({ hasText: 'Staff' })).toHaveCount(0);
  await expect(page.getByTestId('user-row').filter({ hasText: 'Admin' })).toHaveCount(0);
  await checkScreen('admin-users-staff', page);

  await subnav.getByRole('link', { name: 'Notifications' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Notifications');
  await page.goto('/admin/api-keys');
  await expect(page.getByRole('alert')).toHaveText('This page is not available to your role.');
});

test('the invitation form says where a customer is added: with its first engagement, linked', async ({
  page,
  checkScreen,
}) => {
  await page.goto('/admin/users');
  const form = page.getByRole('region', { name: 'Invite someone' });
  await form.getByLabel('Role').selectOption({ label: 'Customer' });
  const customer = form.getByLabel('Customer');
  await expect(customer).toHaveAccessibleDescription(
    /a customer is added with its first engagement, under New engagement\.$/i,
  );
  await checkScreen('invite-customer-hint');
  await page.setViewportSize({ width: 390, height: 844 });
  await checkScreen('invite-customer-hint-390');
  await form.getByRole('link', { name: 'New engagement' }).click();
  await expect(page).toHaveURL(/\/engagements\/new\?customer=new$/);
  // The page starts with a new customer to name, and leaving it untouched asks nothing.
  await expect(page.getByLabel('Customer', { exact: true })).toHaveValue('__new__');
  await expect(page.getByLabel('New customer name')).toBeVisible();
  await page.getByRole('link', { name: 'Engagements' }).click();
  await expect(page).toHaveURL(/\/engagements$/);
});

test('an invitation given with a name opens with it filled in; a refused password is said once, at its field', async ({
  adminApi,
  browser,
  baseURL,
  watchPage,
}) => {
  const email = `named.${unique()}@wso2.example`;
  const res = await adminApi.post('/api/v1/users', {
    data: { email, role: 'STAFF', name: 'Nimal Perera' },
  });
  expect(res.status(), await res.text()).toBe(201);
  const { url } = (await res.json()).invitation as { url: string };
  const context = await freshContext(browser, baseURL);
  const page = await context.newPage();
  watchPage(page);
  await page.goto(url);
  await expect(page.getByLabel('Name')).toHaveValue('Nimal Perera');
  // Theirs to correct: what they type is what is saved.
  await page.getByLabel('Name').fill('Nimal K. Perera');
  await page.getByLabel('Password').fill('NimalPerera2026');
  await page.getByRole('button', { name: 'Accept and sign in' }).click();
  await expect(page.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Password')).toHaveAccessibleDescription(/your name/);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.getByLabel('Password').fill('Quartz-meadow-41-harbour');
  await page.getByRole('button', { name: 'Accept and sign in' }).click();
  await expect(page.getByRole('banner')).toContainText('Nimal K. Perera');
  await context.close();
});
