import { expect, signIn, test } from './fixtures';
import { ADMIN } from './service';

test('an unauthenticated visit goes to sign-in and comes back after it', async ({
  page,
  checkScreen,
}) => {
  await page.goto('/engagements?status=ACTIVE');
  await expect(page).toHaveURL(/\/login\?returnTo=%2Fengagements%3Fstatus%3DACTIVE$/);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await checkScreen('sign-in');

  await signIn(page);
  await expect(page).toHaveURL(/\/engagements\?status=ACTIVE$/);
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const item of ['Overdue', 'Engagements', 'Templates', 'Admin']) {
    await expect(nav.getByRole('link', { name: item })).toBeVisible();
  }
  await expect(nav.getByRole('link', { name: 'My tasks' })).toHaveCount(0);
  const me = await (await page.request.get('/api/v1/me')).json();
  expect(me).toMatchObject({ kind: 'user', role: 'ADMIN', email: ADMIN.email });
  await expect(page.getByRole('banner')).toContainText(me.name);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto('/overdue');
  await expect(page).toHaveURL(/\/login\?returnTo=%2Foverdue$/);
});

test('a return address that would leave the site is not followed: the person lands on their home page', async ({
  page,
}) => {
  // "/\t/evil.example" is "//evil.example" once the browser drops the tab: another site.
  for (const returnTo of ['%2F%09%2Fevil.example', '%2F%0A%2Fevil.example', '%2F%2Fevil.example']) {
    await page.context().clearCookies();
    await page.goto(`/login?returnTo=${returnTo}`);
    await signIn(page, ADMIN.email, ADMIN.password);
    await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/overdue$/);
  }
});

test('sign-in works with the keyboard alone', async ({ page }) => {
  await page.goto('/login?returnTo=%2Ftemplates');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Email')).toBeFocused();
  // Enter on the empty form: the missing fields say so, and the focus is on the first.
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Email')).toBeFocused();
  await page.keyboard.type(ADMIN.email);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Password')).toBeFocused();
  await page.keyboard.type(ADMIN.password);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/templates$/);
  await expect(page.getByRole('heading', { name: 'Templates' })).toBeVisible();
});

test('a refused sign-in shows the API problem detail', async ({ page, checkScreen }) => {
  await page.goto('/login');
  await signIn(page, ADMIN.email, 'not the password');
  const alert = page.getByRole('alert');
  await expect(alert).toBeVisible();
  await expect(alert).not.toBeEmpty();
  await expect(page).toHaveURL(/\/login$/);
  await checkScreen('sign-in-refused');
});

test('single sign-on refusals are explained', async ({ page }) => {
  await page.goto('/login?error=sso_unknown_user');
  await expect(page.getByRole('alert')).toContainText('not registered here');
  await page.goto('/login?error=sso_unverified_email');
  await expect(page.getByRole('alert')).toContainText('did not confirm your email address');
  await page.goto('/login?error=sso_disabled_user');
  await expect(page.getByRole('alert')).toContainText('disabled');
  await page.goto('/login?error=sso_not_started');
  await expect(page.getByRole('alert')).toContainText('Start it again here');
  await page.goto('/login?error=sso_state_mismatch');
  await expect(page.getByRole('alert')).toContainText('started in another tab or browser');
  // Text of someone else's making is never shown: a phishing link gets the general message.
  await page.goto(
    '/login?error=Your%20password%20expired.%20Reset%20it%20at%20https://evil.example',
  );
  await expect(page.getByRole('alert')).toHaveText(
    'Single sign-on did not complete. Try again, or sign in with your password.',
  );
  await expect(page.getByText('evil.example')).toHaveCount(0);
  await page.goto('/login?error=constructor');
  await expect(page.getByRole('alert')).toContainText('Single sign-on did not complete');
});
