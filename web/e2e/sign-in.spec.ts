import {
  acceptInvitation,
  createCustomer,
  createEngagement,
  daysAgo,
  freshContext,
  invite,
  PASSWORD,
  readTask,
  unique,
} from './data';
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

test('a link to one task, opened signed out, lands on that task after sign-in', async ({
  page,
  adminApi,
}) => {
  const customer = await createCustomer(adminApi, `Task Link Co ${unique()}`);
  const engagement = await createEngagement(adminApi, {
    customerId: customer.id,
    templateKey: 'customer-self-managed',
    startDate: daysAgo(10),
    contacts: [],
  });
  // A task far down the page, so that landing on it is not landing at the top.
  const task = engagement.tasks[engagement.tasks.length - 1];
  await page.goto(`/engagements/${engagement.id}#task-${task.key}`);
  await expect(page).toHaveURL(
    new RegExp(`/login\\?returnTo=%2Fengagements%2F${engagement.id}%23task-${task.key}$`),
  );
  await signIn(page);
  await expect(page).toHaveURL(new RegExp(`/engagements/${engagement.id}#task-${task.key}$`));
  const heading = page.locator(`#task-${task.key}`).getByRole('heading', { level: 3 });
  await expect(heading).toContainText(task.title);
  await expect(heading).toBeFocused();
  await expect(heading).toBeInViewport();
});

test('a return address that would leave the site is not followed: the person lands on their home page', async ({
  page,
}) => {
  // "/\t/evil.example" is "//evil.example" once the browser drops the tab: another site. So is
  // "/.//evil.example" once its dot segment is resolved.
  for (const returnTo of [
    '%2F%09%2Fevil.example',
    '%2F%0A%2Fevil.example',
    '%2F%2Fevil.example',
    '%2F.%2F%2Fevil.example%2Fx',
    '%2F..%2F%2Fevil.example',
  ]) {
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
  // A sign-in link that would lead to another site afterwards, followed: the sign-in page says it
  // was not used (no problem document), and keeps nothing of it.
  await page.goto('/auth/oidc/login?returnTo=%2F%2Fevil.example%2Fx');
  await expect(page).toHaveURL(/\/login\?error=sso_invalid_link$/);
  await expect(page.getByRole('alert')).toHaveText(
    'This sign-in link was not used: it is not one this site makes, and could have taken you to another site afterwards. Sign in here instead.',
  );
  await expect(page.getByText('evil.example')).toHaveCount(0);
});

test('a save after the session ended keeps what was typed: sign in again in a new tab, then save again', async ({
  adminApi,
  browser,
  baseURL,
  checkScreen,
  watchPage,
}) => {
  const { id: customerId } = await createCustomer(adminApi, `Halvorsen Shipping ${unique()}`);
  const engagement = await createEngagement(adminApi, {
    customerId,
    templateKey: 'wso2-managed-wso2-subscription',
    startDate: daysAgo(3),
    contacts: [
      { party: 'WSO2', name: 'Priya Raman', email: 'priya.raman@wso2.example', primary: true },
      { party: 'CUSTOMER', name: 'Lars Berg', email: 'lars.berg@example.com', primary: true },
    ],
  });
  const email = `noor.${unique()}@wso2.example`;
  const { url } = await invite(adminApi, { email, role: 'STAFF' });
  // Two tabs of one browser: one session for both.
  const browserContext = await freshContext(browser, baseURL);
  const first = await browserContext.newPage();
  const second = await browserContext.newPage();
  watchPage(first);
  watchPage(second);
  await acceptInvitation(first, url, `Noor Haddad ${unique()}`);

  // In the second tab she starts blocking a task and explains why.
  await second.goto(`/engagements/${engagement.id}`);
  const task = second.getByRole('article', { name: /^\d+\. Network management$/ });
  await task.getByRole('button', { name: /^Change status/ }).click();
  const form = task.getByRole('form', { name: 'Change status: Network management' });
  await form.getByLabel('New status').selectOption({ label: 'Blocked' });
  const reason = 'Waiting for the customer to open port 443 to the control plane';
  await form.getByLabel('Reason').fill(reason);

  // Meanwhile the session ends: she signs out in the first tab.
  await first.getByRole('button', { name: 'Sign out' }).click();
  await expect(first).toHaveURL(/\/login$/);
  // A deliberate sign-out is no news: the sign-in page does not call it an ended session.
  await expect(first.getByRole('status')).toHaveCount(0);

  // Her save is refused, and says so; the page, the form and her reason stay.
  await form.getByRole('button', { name: 'Save status' }).click();
  const alert = form.getByRole('alert');
  await expect(alert).toContainText('Your session has ended, so this was not saved.');
  await expect(second).toHaveURL(new RegExp(`/engagements/${engagement.id}$`));
  await expect(form.getByLabel('Reason')).toHaveValue(reason);
  await expect(form.getByLabel('New status')).toHaveValue('BLOCKED');
  await checkScreen('session-ended-save', second);
  const key = 'network-management';
  expect((await readTask(adminApi, engagement.id, key)).status).toBe('NOT_STARTED');

  // She signs in again in the tab the notice opens, which says why she is there.
  const [signInTab] = await Promise.all([
    browserContext.waitForEvent('page'),
    alert.getByRole('link', { name: 'Sign in again (opens in a new tab)' }).click(),
  ]);
  watchPage(signInTab);
  await expect(signInTab.getByRole('status')).toHaveText('Your session has ended. Sign in again.');
  await checkScreen('session-ended-sign-in', signInTab);
  await signIn(signInTab, email, PASSWORD);
  await expect(signInTab).toHaveURL(new RegExp(`/engagements/${engagement.id}$`));

  // Back in her tab, Save again: saved, with the reason she typed before.
  await form.getByRole('button', { name: 'Save status' }).click();
  await expect(form).toHaveCount(0);
  await expect(task.locator('.task-reason')).toHaveText(`Blocked: ${reason}`);
  const saved = (await readTask(adminApi, engagement.id, key)) as unknown as Record<
    string,
    unknown
  >;
  expect(saved).toMatchObject({ status: 'BLOCKED', statusReason: reason });

  // A read after the session ended still goes to sign in, which says why.
  await signInTab.getByRole('button', { name: 'Sign out' }).click();
  await expect(signInTab).toHaveURL(/\/login$/);
  await second
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Admin' })
    .click();
  await expect(second).toHaveURL(/\/login\?returnTo=%2Fadmin%2Fusers&reason=session_ended$/);
  await expect(second.getByRole('status')).toHaveText('Your session has ended. Sign in again.');
  await browserContext.close();
});
