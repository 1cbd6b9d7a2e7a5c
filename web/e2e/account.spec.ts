import type { APIRequestContext, Page } from '@playwright/test';
import { freshContext, PASSWORD, signInInvited, unique } from './data';
import { expect, signIn, signedInTest, tabTo, test } from './fixtures';
import { ADMIN, startService, type RunningService } from './service';

const RULE = /^At least 12 characters, and hard to guess: not a common password/;
const NEW_PASSWORD = 'Harbour-kestrel-93-lamplight';

const accountLink = (page: Page) =>
  page.getByRole('banner').getByRole('link', { name: /^Your account/ });
const passwordForm = (page: Page) => page.getByRole('form', { name: 'Change password' });

async function passwordChanges(api: APIRequestContext, userId: string) {
  const res = await api.get(`/api/v1/users/${userId}/history`);
  expect(res.status()).toBe(200);
  const { items } = (await res.json()) as { items: { action: string }[] };
  return items.filter((event) => event.action === 'user.password_changed').length;
}

async function changePassword(page: Page, current: string, next: string, confirm = next) {
  const form = passwordForm(page);
  await form.getByLabel('Current password').fill(current);
  await form.getByLabel('New password', { exact: true }).fill(next);
  await form.getByLabel('Confirm new password').fill(confirm);
  await form.getByRole('button', { name: 'Change password' }).click();
}

async function expectFitsWidth(page: Page, width: number) {
  await page.setViewportSize({ width, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(width);
}

test.describe('the first admin, made at start-up with no name', () => {
  // A service of its own: the shared one's bootstrap admin must stay nameless for other tests.
  let service: RunningService;
  test.beforeAll(async () => {
    service = await startService();
  });
  test.afterAll(async () => {
    await service?.stop();
  });

  test('is led from "(not yet set)" in the users list to Your account, sets a name by keyboard, and is shown by it', async ({
    page,
    checkScreen,
  }) => {
    await page.goto(`${service.url}/login`);
    await signIn(page);
    await expect(page).toHaveURL(/\/overdue$/);
    await expect(accountLink(page)).toHaveText(`Your account: ${ADMIN.email}`);
    await page.goto(`${service.url}/admin/users`);
    const row = page.getByTestId('user-row').filter({ hasText: ADMIN.email });
    await expect(row).toContainText('(not yet set)');
    await row.getByRole('link', { name: 'Set your name' }).click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your account');
    const name = page.getByLabel('Name', { exact: true });
    await expect(name).toHaveValue('');
    await expect(name).toHaveAccessibleDescription(/Not set yet: others see your email/);
    await expect(page.getByRole('main')).toContainText('Admin');
    await expect(page.getByRole('main')).toContainText('Email and password');
    await page.setViewportSize({ width: 1280, height: 800 });
    await checkScreen('account-1280');

    // Keyboard only: from the page's heading to the field, type, Enter saves.
    await page.getByRole('heading', { level: 1 }).focus();
    await tabTo(page, name, 'the Name field');
    await page.keyboard.type('Ada Admin');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status').filter({ hasText: 'Your name is saved.' })).toBeVisible();
    await expect(accountLink(page)).toHaveText('Your account: Ada Admin');
    await expect(name).toHaveAccessibleDescription(/How others see you/);

    // The users list, read earlier, shows it as well.
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Admin' })
      .click();
    await expect(row).toContainText('Ada Admin');
    await expect(row).not.toContainText('(not yet set)');
  });
});

test('change the password: the rule is said first, mistakes are tied to their field, other sessions end', async ({
  page,
  adminApi,
  browser,
  baseURL,
  checkScreen,
  watchPage,
}) => {
  const email = `pat.${unique()}@wso2.example`;
  const { userId } = await signInInvited(adminApi, page, 'Pat Lee', { email, role: 'STAFF' });
  // The same person in a second browser: the change signs it out.
  const laptop = await freshContext(browser, baseURL);
  const elsewhere = await laptop.newPage();
  watchPage(elsewhere);
  await elsewhere.goto('/login');
  await signIn(elsewhere, email, PASSWORD);
  await expect(elsewhere).toHaveURL(/\/overdue$/);

  await accountLink(page).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('main')).toContainText(email);
  await expect(page.getByRole('main')).toContainText('Staff');
  const form = passwordForm(page);
  const newField = form.getByLabel('New password', { exact: true });
  // The rule is there before anything is typed.
  await expect(newField).toHaveAccessibleDescription(RULE);

  // A wrong current password: said at that field, which gets the focus; nothing changed.
  await changePassword(page, 'Not-my-password-at-all-1', NEW_PASSWORD);
  const currentField = form.getByLabel('Current password');
  await expect(currentField).toHaveAttribute('aria-invalid', 'true');
  await expect(currentField).toHaveAccessibleDescription('Is not your current password');
  await expect(currentField).toBeFocused();
  expect(await passwordChanges(adminApi, userId)).toBe(0);
  await checkScreen('account-password-refused');

  // A weak new password: the API's reason at that field, the rule still beside it.
  await changePassword(page, PASSWORD, 'password1234');
  await expect(newField).toHaveAttribute('aria-invalid', 'true');
  await expect(newField).toHaveAccessibleDescription(/^At least 12 characters.* Is too common/);
  await expect(currentField).not.toHaveAttribute('aria-invalid', 'true');

  // A mistyped confirmation is caught here, before anything is sent.
  await changePassword(page, PASSWORD, NEW_PASSWORD, `${NEW_PASSWORD}x`);
  const confirmField = form.getByLabel('Confirm new password');
  await expect(confirmField).toHaveAccessibleDescription('Does not match the new password');
  await expect(confirmField).toBeFocused();
  expect(await passwordChanges(adminApi, userId)).toBe(0);

  await changePassword(page, PASSWORD, NEW_PASSWORD);
  await expect(page.getByRole('status').filter({ hasText: 'Password changed.' })).toContainText(
    'You are signed out everywhere else; this browser stays signed in.',
  );
  await expect(currentField).toHaveValue('');
  expect(await passwordChanges(adminApi, userId)).toBe(1);
  await expectFitsWidth(page, 390);
  await checkScreen('account-390');

  // This browser goes on; the other one was signed out.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Overdue' })
    .click();
  await expect(page).toHaveURL(/\/overdue$/);
  await elsewhere.goto('/engagements');
  await expect(elsewhere).toHaveURL(/\/login\?returnTo=/);
  await laptop.close();

  // The old password no longer signs in; the new one does.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await signIn(page, email, PASSWORD);
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);
  await signIn(page, email, NEW_PASSWORD);
  await expect(page).toHaveURL(/\/overdue$/);
});

signedInTest(
  'a name or password typed but not saved asks before the page is left',
  async ({ page }) => {
    await page.goto('/account');
    await page.getByLabel('Name', { exact: true }).fill('Half typed');
    const overdue = page.getByRole('navigation', { name: 'Main' }).getByRole('link', {
      name: 'Overdue',
    });
    await overdue.click();
    const dialog = page.getByRole('dialog', { name: 'Leave this page?' });
    await expect(dialog).toContainText('What you typed in “Your name” is not saved.');
    await dialog.getByRole('button', { name: 'Stay' }).click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Half typed');

    // Emptied again, the name holds nothing to lose; a password being typed does.
    await page.getByLabel('Name', { exact: true }).fill('');
    await passwordForm(page).getByLabel('Current password').fill('something');
    await overdue.click();
    await expect(dialog).toContainText('“Change password”');
    await dialog.getByRole('button', { name: 'Leave' }).click();
    await expect(page).toHaveURL(/\/overdue$/);
  },
);
