import type { Page } from '@playwright/test';
import { createCustomer, invite, PASSWORD, unique } from './data';
import { expect, signIn, signedInTest as test } from './fixtures';

/** What the person's own browser gets from the API on its next request. */
async function meOf(person: Page) {
  const res = await person.request.get('/api/v1/me');
  return {
    status: res.status(),
    role: res.ok() ? ((await res.json()) as { role: string }).role : null,
  };
}

test('an admin opens a person from the list: role, name, disable, sign out everywhere, and the history in words', async ({
  page,
  checkScreen,
  invitedPerson,
}) => {
  const email = `grace.${unique()}@wso2.example`;
  const grace = await invitedPerson({ email, role: 'STAFF' }, 'Grace Hopper');

  await page.goto('/admin/users');
  const row = page.getByTestId('user-row').filter({ hasText: email });
  await row.getByRole('link', { name: 'Grace Hopper' }).click();
  await expect(page).toHaveURL(/\/admin\/users\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Grace Hopper');
  const facts = page.locator('dl.facts');
  await expect(facts).toContainText('Staff');
  await expect(facts).toContainText('Active');
  await expect(facts).toContainText('Signs in withPassword');
  const history = page.getByRole('list', { name: 'Account history, latest first' });
  const entries = history.locator(':scope > li');
  // Latest first: her sign-in with the link, her acceptance, the invitation by the admin key.
  await expect(entries).toHaveCount(3);
  await expect(entries.nth(0)).toContainText('Grace Hopper · Signed in with their invitation link');
  await expect(entries.nth(1)).toContainText('Grace Hopper · Accepted the invitation');
  await expect(entries.nth(2)).toContainText('bootstrap-admin (API key) · Invited Grace Hopper');
  await expect(entries.nth(2)).toContainText('Role: Staff');
  await checkScreen('admin-user');
  await page.setViewportSize({ width: 390, height: 800 });
  await checkScreen('admin-user-narrow');
  await page.setViewportSize({ width: 1280, height: 800 });

  // A new role: the history says so, and her very next request is an ADMIN's.
  const details = page.getByRole('region', { name: 'Details' });
  expect(await meOf(grace)).toEqual({ status: 200, role: 'STAFF' });
  await details.getByLabel('Role').selectOption({ label: 'Admin' });
  await expect(details).toContainText('The new role holds from their next click in the app.');
  await details.getByRole('button', { name: 'Save role' }).click();
  await expect(facts).toContainText('RoleAdmin');
  await expect(entries.first()).toContainText("Changed Grace Hopper's account");
  await expect(entries.first()).toContainText('Role: Staff → Admin');
  expect(await meOf(grace)).toEqual({ status: 200, role: 'ADMIN' });

  // The name, protected while typed and not saved.
  const name = details.getByRole('textbox', { name: 'Name' });
  await name.fill('Grace B. Hopper');
  await page.getByRole('link', { name: 'All users' }).click();
  const leave = page.getByRole('dialog', { name: 'Leave this page?' });
  await expect(leave).toContainText('What you typed in “Name” is not saved.');
  await leave.getByRole('button', { name: 'Stay' }).click();
  await expect(name).toHaveValue('Grace B. Hopper');
  await details.getByRole('button', { name: 'Save name' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Grace B. Hopper');
  await expect(entries.first()).toContainText('Name: Grace Hopper → Grace B. Hopper');
  // A name of spaces only is refused at the field, in the API's words.
  await name.fill('   ');
  await details.getByRole('button', { name: 'Save name' }).click();
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(name).toBeFocused();
  await expect(details).toContainText('Should not be empty');
  await name.fill('Grace B. Hopper');
  await expect(name).not.toHaveAttribute('aria-invalid', 'true');

  // Disabling asks first; "Keep it" changes nothing.
  const access = page.getByRole('region', { name: 'Access' });
  await access.getByRole('button', { name: 'Disable Grace B. Hopper' }).click();
  await expect(access).toContainText('Disable Grace B. Hopper? They are signed out at once');
  await expect(access.getByRole('button', { name: 'Keep it' })).toBeFocused();
  await checkScreen('admin-user-disable-question');
  await access.getByRole('button', { name: 'Keep it' }).click();
  await expect(access.getByRole('button', { name: 'Yes, disable' })).toHaveCount(0);
  await expect(facts).toContainText('Active');
  expect((await meOf(grace)).status).toBe(200);
  await access.getByRole('button', { name: 'Disable Grace B. Hopper' }).click();
  await access.getByRole('button', { name: 'Yes, disable' }).click();
  await expect(facts).toContainText('Disabled');
  await expect(entries.first()).toContainText("Disabled Grace B. Hopper's account");
  expect((await meOf(grace)).status).toBe(401);
  await access.getByRole('button', { name: 'Enable Grace B. Hopper' }).click();
  await expect(facts).toContainText('Active');
  await expect(entries.first()).toContainText("Enabled Grace B. Hopper's account");

  // Signed in again, then signed out everywhere from here.
  await grace.goto('/login');
  await signIn(grace, email, PASSWORD);
  await expect(grace).toHaveURL(/\/overdue$/);
  await access.getByRole('button', { name: 'Sign out everywhere (Grace B. Hopper)' }).click();
  await access.getByRole('button', { name: 'Yes, sign out' }).click();
  await expect(access.getByRole('status')).toHaveText('Signed out: 1 session ended.');
  await expect(entries.first()).toContainText('Signed Grace B. Hopper out everywhere');
  await expect(entries.first()).toContainText('Sessions ended: 1');
  expect((await meOf(grace)).status).toBe(401);
  await checkScreen('admin-user-after-changes');
});

test('the last active admin keeps their role and access: the refusal says why at the field, in words', async ({
  page,
  checkScreen,
  invitedPerson,
}) => {
  const email = `ada.${unique()}@wso2.example`;
  await invitedPerson({ email, role: 'ADMIN' }, 'Ada Lovelace');
  await page.goto('/admin/users');
  await page
    .getByTestId('user-row')
    .filter({ hasText: email })
    .getByRole('link', { name: 'Ada Lovelace' })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ada Lovelace');
  const id = new URL(page.url()).pathname.split('/').pop()!;

  // Whoever asks is an active admin too and may not change their own role or status, so in a
  // browser the API refuses this only when two admins take each other away at the same moment.
  // Its refusal, as test/last-admin.e2e-spec.ts has it, is answered here.
  await page.route(`**/api/v1/users/${id}`, async (route) => {
    if (route.request().method() !== 'PATCH') return route.continue();
    const field = 'role' in route.request().postDataJSON() ? 'role' : 'status';
    const change = field === 'role' ? 'Another role for' : 'Disabling';
    await route.fulfill({
      status: 409,
      contentType: 'application/problem+json',
      json: {
        type: 'https://onboarding-tracker.dev/problems/conflict',
        title: 'Conflict',
        status: 409,
        detail: `${change} the last active ADMIN person would leave nobody to manage people, keys and templates: make someone else an ADMIN first`,
        instance: `/api/v1/users/${id}`,
        errors: [{ field, message: 'would leave no active ADMIN person' }],
      },
    });
  });
  const why =
    'Ada Lovelace is the only active admin left. Make someone else an admin first, so that someone can still manage people, API keys and templates.';
  const facts = page.locator('dl.facts');

  // Another role: refused at the Role field, which takes the focus.
  const details = page.getByRole('region', { name: 'Details' });
  const role = details.getByLabel('Role');
  await role.selectOption({ label: 'Staff' });
  await details.getByRole('button', { name: 'Save role' }).click();
  await expect(role).toHaveAttribute('aria-invalid', 'true');
  await expect(role).toHaveAccessibleDescription(why);
  await expect(role).toBeFocused();
  await expect(details).not.toContainText('ADMIN');
  await expect(facts).toContainText('RoleAdmin');
  await checkScreen('admin-user-last-admin-role');
  // Another role chosen: the refusal was about the one sent, and goes.
  await role.selectOption({ label: 'Admin' });
  await expect(role).not.toHaveAttribute('aria-invalid', 'true');

  // Disabling: refused under the question, which stays to say no.
  const access = page.getByRole('region', { name: 'Access' });
  await access.getByRole('button', { name: 'Disable Ada Lovelace' }).click();
  await access.getByRole('button', { name: 'Yes, disable' }).click();
  await expect(access.getByRole('alert')).toHaveText(`Not disabled: ${why}`);
  await expect(facts).toContainText('Active');
  await checkScreen('admin-user-last-admin-disable');

  // With the service's own answer (the signed-in admin is still one), she is disabled: the
  // shared service is left with no more active admins than before.
  await page.unroute(`**/api/v1/users/${id}`);
  await access.getByRole('button', { name: 'Yes, disable' }).click();
  await expect(facts).toContainText('Disabled');
});

test('a WSO2 engineer (STAFF) manages a customer’s engineer on their page, and nothing more', async ({
  adminApi,
  checkScreen,
  invitedPerson,
}) => {
  const first = await createCustomer(adminApi, `Fabrikam ${unique()}`);
  const second = await createCustomer(adminApi, `Northwind ${unique()}`);
  const email = `omar.${unique()}@fabrikam.example`;
  await invite(adminApi, { email, role: 'CUSTOMER', customerId: first.id });
  const lena = await invitedPerson(
    { email: `lena.${unique()}@wso2.example`, role: 'STAFF' },
    'Lena Staff',
  );

  await lena.goto('/admin/users');
  const row = lena.getByTestId('user-row').filter({ hasText: email });
  await row.getByRole('link', { name: `(not yet set) ${email}` }).click();
  await expect(lena.getByRole('heading', { level: 1 })).toHaveText(email);
  const facts = lena.locator('dl.facts');
  await expect(facts).toContainText('Invited');
  await expect(facts).toContainText('None yet: the invitation is not accepted');
  await expect(facts).toContainText(first.name);

  // STAFF may not give another role: only the customer is offered.
  const details = lena.getByRole('region', { name: 'Details' });
  await expect(details.getByLabel('Role')).toHaveCount(0);
  await details.getByLabel('Customer').selectOption({ label: second.name });
  await details.getByRole('button', { name: 'Save customer' }).click();
  await expect(facts).toContainText(second.name);
  const entries = lena
    .getByRole('list', { name: 'Account history, latest first' })
    .locator(':scope > li');
  await expect(entries.first()).toContainText(`Lena Staff · Changed ${email}'s account`);
  await expect(entries.first()).toContainText(`Customer: ${first.name} → ${second.name}`);

  // An invitee cannot be signed out (they have no session) but can get a new link.
  const access = lena.getByRole('region', { name: 'Access' });
  await expect(access.getByRole('button')).toHaveText([/^Disable/, /^New link/]);
  await access.getByRole('button', { name: `New link for ${email}` }).click();
  await expect(access.getByRole('region', { name: `New link for ${email}` })).toBeVisible();
  await expect(entries.first()).toContainText(`Lena Staff · Made a new link for ${email}`);
  await checkScreen('admin-user-staff', lena);

  // Another WSO2 engineer or an admin is not STAFF's to manage: as if there were none.
  const me = (await (await adminApi.get('/api/v1/users?role=ADMIN&limit=1')).json()) as {
    items: { id: string }[];
  };
  await lena.goto(`/admin/users/${me.items[0].id}`);
  await expect(lena.getByRole('heading', { level: 1 })).toHaveText('Person not found');
});
