import type { Dialog, Page } from '@playwright/test';
import {
  createCustomer,
  createEngagement,
  csrfHeader,
  daysAgo,
  PASSWORD,
  readTask,
  unique,
} from './data';
import { expect, signIn, signedInTest, test } from './fixtures';

const MODEL = 'WSO2 fully managed (infrastructure and PDP in WSO2 subscription)';

/** Starts a new engagement for `customer` and names it, without creating it. */
async function startEngagement(page: Page, customer: string, name: string) {
  await page.getByLabel('Customer', { exact: true }).selectOption({ label: customer });
  await page.getByLabel('Management model').selectOption({ label: MODEL });
  await page.getByLabel('Engagement name').fill(name);
}

async function finishEngagement(page: Page) {
  await page.getByLabel('Cloud provider').selectOption({ label: 'AWS' });
  await page.getByLabel('Security tier').selectOption({ label: 'Standard' });
  await page.getByRole('button', { name: 'Create engagement' }).click();
  await expect(page).toHaveURL(/\/engagements\/[0-9a-f-]{36}$/);
}

const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });
const leaveDialog = (page: Page) => page.getByRole('dialog', { name: 'Leave this page?' });

/** The browser's own questions (beforeunload), answered "stay". */
function watchDialogs(page: Page): string[] {
  const asked: string[] = [];
  page.on('dialog', (dialog: Dialog) => {
    asked.push(dialog.type());
    void dialog.dismiss();
  });
  return asked;
}

signedInTest(
  'a half-filled new engagement asks before it is left (link, Back, closing the tab), not once created',
  async ({ page, adminApi, checkScreen }) => {
    const customer = await createCustomer(adminApi, `Fabrikam Rail ${unique()}`);
    const name = `Fabrikam rollout ${unique()}`;
    await page.goto('/engagements');
    await page.getByRole('link', { name: 'New engagement' }).click();
    await expect(page).toHaveURL(/\/engagements\/new$/);
    // Untouched, it holds nothing to lose: leaving does not ask.
    await nav(page, 'Overdue').click();
    await expect(page).toHaveURL(/\/overdue$/);
    await page.goBack();
    await expect(page).toHaveURL(/\/engagements\/new$/);
    await startEngagement(page, customer.name, name);

    // A link in the app asks, naming the form; Stay keeps everything typed.
    await nav(page, 'Overdue').click();
    const dialog = leaveDialog(page);
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('What you typed in “New engagement” is not saved.');
    await expect(dialog.getByRole('button', { name: 'Stay' })).toBeFocused();
    await checkScreen('leave-unsaved-form');
    await dialog.getByRole('button', { name: 'Stay' }).click();
    await expect(dialog).toBeHidden();
    await expect(page).toHaveURL(/\/engagements\/new$/);
    await expect(page.getByLabel('Engagement name')).toHaveValue(name);

    // So does Back (Escape is Stay too).
    await page.goBack();
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(page).toHaveURL(/\/engagements\/new$/);
    await expect(page.getByLabel('Engagement name')).toHaveValue(name);

    // Closing the tab (or reloading) asks the browser's "Leave site?"; answered Stay, all is here.
    const asked = watchDialogs(page);
    await page.close({ runBeforeUnload: true });
    await expect.poll(() => asked).toEqual(['beforeunload']);
    expect(page.isClosed()).toBe(false);
    await expect(page.getByLabel('Engagement name')).toHaveValue(name);

    // Leave leaves.
    await nav(page, 'Overdue').click();
    await dialog.getByRole('button', { name: 'Leave' }).click();
    await expect(page).toHaveURL(/\/overdue$/);

    // Created, nothing is unsaved: no question on the way to it, nor after.
    await page.goto('/engagements/new');
    await startEngagement(page, customer.name, name);
    await finishEngagement(page);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(name);
    await nav(page, 'Engagements').click();
    await expect(page).toHaveURL(/\/engagements$/);
    await expect(dialog).toHaveCount(0);
    await page.close({ runBeforeUnload: true });
    await expect.poll(() => page.isClosed()).toBe(true);
    expect(asked).toEqual(['beforeunload']);
  },
);

signedInTest(
  'the engagement, task, invitation and API key forms ask too, and not once saved',
  async ({ page, adminApi }) => {
    const customer = await createCustomer(adminApi, `Tailspin Toys ${unique()}`);
    const engagement = await createEngagement(adminApi, {
      customerId: customer.id,
      templateKey: 'wso2-managed-wso2-subscription',
      startDate: daysAgo(3),
      contacts: [],
    });
    const dialog = leaveDialog(page);
    await page.goto(`/engagements/${engagement.id}`);

    await page.getByRole('button', { name: 'Edit engagement' }).click();
    await page
      .getByRole('form', { name: 'Edit engagement' })
      .getByLabel('Engagement name')
      .fill('Tailspin renamed');
    await nav(page, 'Overdue').click();
    await expect(dialog).toContainText('What you typed in “Edit engagement” is not saved.');
    await dialog.getByRole('button', { name: 'Stay' }).click();
    // Escape, pressed by habit, keeps a form that holds input (untouched, it closes it).
    const edit = page.getByRole('form', { name: 'Edit engagement' });
    await edit.getByLabel('Engagement name').press('Escape');
    await expect(edit.getByLabel('Engagement name')).toHaveValue('Tailspin renamed');
    // Cancelled: nothing typed is kept, so nothing to ask about.
    await edit.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Edit engagement' }).click();
    await edit.getByLabel('Engagement name').press('Escape');
    await expect(edit).toHaveCount(0);

    const task = page.getByRole('article', { name: /^\d+\. Network management$/ });
    await task.getByRole('button', { name: /^Change status/ }).click();
    const status = task.getByRole('form', { name: 'Change status: Network management' });
    await status.getByLabel('New status').selectOption({ label: 'Blocked' });
    await status.getByLabel('Reason').fill('Port 443 still closed');
    await status.getByLabel('Reason').press('Escape');
    await expect(status.getByLabel('Reason')).toHaveValue('Port 443 still closed');
    // The other form of the task, then back: the reason is still there (switching only hides).
    await task.getByRole('button', { name: /^Edit details/ }).click();
    await expect(status).toBeHidden();
    await task.getByRole('button', { name: /^Change status/ }).click();
    await expect(status.getByLabel('Reason')).toHaveValue('Port 443 still closed');
    await task.getByRole('button', { name: /^Change status/ }).click();
    await expect(status).toBeHidden();
    await task.getByRole('button', { name: /^Change status/ }).click();
    await expect(status.getByLabel('New status')).toHaveValue('BLOCKED');
    await nav(page, 'Overdue').click();
    await expect(dialog).toContainText(
      'What you typed in “Change status: Network management” is not saved.',
    );
    await dialog.getByRole('button', { name: 'Stay' }).click();
    await status.getByRole('button', { name: 'Save status' }).click();
    await expect(status).toHaveCount(0);

    await task.getByRole('button', { name: /^Edit details/ }).click();
    const details = task.getByRole('form', { name: 'Edit details: Network management' });
    await details.getByLabel('Assignee').fill('Lars Berg');
    await details.getByLabel('Assignee').press('Escape');
    await expect(details.getByLabel('Assignee')).toHaveValue('Lars Berg');
    await nav(page, 'Overdue').click();
    await expect(dialog).toContainText(
      'What you typed in “Edit details: Network management” is not saved.',
    );
    await dialog.getByRole('button', { name: 'Stay' }).click();
    await details.getByRole('button', { name: 'Save details' }).click();
    await expect(details).toHaveCount(0);
    // Saved: leaving does not ask.
    await nav(page, 'Admin').click();
    await expect(page).toHaveURL(/\/admin\/users$/);
    await expect(dialog).toHaveCount(0);

    const invite = page.getByRole('region', { name: 'Invite someone' });
    await invite.getByLabel('Email').fill(`mei.${unique()}@tailspin.example`);
    await nav(page, 'Templates').click();
    await expect(dialog).toContainText('What you typed in “Invite someone” is not saved.');
    await dialog.getByRole('button', { name: 'Leave' }).click();
    await expect(page).toHaveURL(/\/templates$/);

    await page.goto('/admin/api-keys');
    await page.getByRole('region', { name: 'New key' }).getByLabel('Name').fill('tailspin-ci');
    await page
      .getByRole('navigation', { name: 'Admin' })
      .getByRole('link', { name: 'Users' })
      .click();
    await expect(dialog).toContainText('What you typed in “New key” is not saved.');
    await dialog.getByRole('button', { name: 'Leave' }).click();
    await expect(page).toHaveURL(/\/admin\/users$/);
  },
);

test('a session that ends while a form holds input: a background read keeps the page and says so', async ({
  adminApi,
  invitedPerson,
  checkScreen,
}) => {
  const customer = await createCustomer(adminApi, `Northwind Freight ${unique()}`);
  const email = `ines.${unique()}@wso2.example`;
  const page = await invitedPerson({ email, role: 'STAFF' }, `Ines Duarte ${unique()}`);
  // Minutes pass while she types: the page's data go stale and are read again (here when the
  // network comes back, as after a laptop's sleep).
  await page.clock.install();
  await page.goto('/engagements/new');
  const name = `Northwind rollout ${unique()}`;
  await startEngagement(page, customer.name, name);
  const readAgainLater = async () => {
    await page.clock.fastForward('06:00');
    await page.context().setOffline(true);
    await page.context().setOffline(false);
  };

  // Her session ends meanwhile (signed out elsewhere).
  const signOut = async () => {
    const res = await page.request.post('/auth/logout', { headers: await csrfHeader(page) });
    expect(res.ok()).toBe(true);
  };
  await signOut();
  const reads = page.waitForResponse((res) => res.url().endsWith('/api/v1/me'));
  await readAgainLater();
  expect((await reads).status()).toBe(401);

  // The page stays with what she typed, and says why saving would not work yet.
  const notice = page.getByRole('alert').filter({ hasText: 'Your session has ended' });
  await expect(notice).toHaveText(
    'Your session has ended. What you typed here is kept, but not saved. Sign in again (opens in a new tab), then save here.',
  );
  await expect(page).toHaveURL(/\/engagements\/new$/);
  await expect(page.getByLabel('Engagement name')).toHaveValue(name);
  await expect(page.getByLabel('Management model')).toHaveValue('wso2-managed-wso2-subscription');
  await checkScreen('session-ended-unsaved-form', page);

  // Signed in again in the tab the notice opens, her save here goes through.
  const [signInTab] = await Promise.all([
    page.context().waitForEvent('page'),
    notice.getByRole('link', { name: 'Sign in again (opens in a new tab)' }).click(),
  ]);
  await signIn(signInTab, email, PASSWORD);
  await expect(signInTab).toHaveURL(/\/engagements\/new$/);
  await signInTab.close();
  await finishEngagement(page);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(name);
  await expect(notice).toHaveCount(0);

  // With nothing unsaved, an ended session still goes to sign-in at the next read.
  await signOut();
  await readAgainLater();
  await expect(page).toHaveURL(
    /\/login\?returnTo=%2Fengagements%2F[0-9a-f-]{36}&reason=session_ended$/,
  );
});

test('signing out with unsaved input asks first: Stay keeps the form and the session', async ({
  adminApi,
  invitedPerson,
}) => {
  const customer = await createCustomer(adminApi, `Tailspin Toys ${unique()}`);
  const page = await invitedPerson(
    { email: `omar.${unique()}@wso2.example`, role: 'STAFF' },
    `Omar Haddad ${unique()}`,
  );
  await page.goto('/engagements/new');
  const name = `Tailspin rollout ${unique()}`;
  await startEngagement(page, customer.name, name);
  const signedIn = async () => (await page.request.get('/api/v1/me')).status();

  await page.getByRole('button', { name: 'Sign out' }).click();
  const dialog = leaveDialog(page);
  await expect(dialog).toContainText('What you typed in “New engagement” is not saved.');
  await dialog.getByRole('button', { name: 'Stay' }).click();
  await expect(page).toHaveURL(/\/engagements\/new$/);
  await expect(page.getByLabel('Engagement name')).toHaveValue(name);
  expect(await signedIn()).toBe(200);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await dialog.getByRole('button', { name: 'Leave' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByLabel('Email')).toBeVisible();
  expect(await signedIn()).toBe(401);
});

test('a read refused because the session ended says it could not load, not that something was not saved', async ({
  adminApi,
  invitedPerson,
}) => {
  const customer = await createCustomer(adminApi, `Litware ${unique()}`);
  const engagement = await createEngagement(adminApi, {
    customerId: customer.id,
    templateKey: 'wso2-managed-wso2-subscription',
    startDate: daysAgo(3),
    contacts: [],
  });
  const page = await invitedPerson(
    { email: `noor.${unique()}@wso2.example`, role: 'STAFF' },
    `Noor Aziz ${unique()}`,
  );
  await page.goto(`/engagements/${engagement.id}`);
  // A note typed on one task, then her session ends elsewhere.
  const first = page.getByRole('article').first();
  await first.getByRole('button', { name: /^Edit details/ }).click();
  await first.getByLabel('Note').fill('Waiting for the quota');
  const res = await page.request.post('/auth/logout', { headers: await csrfHeader(page) });
  expect(res.ok()).toBe(true);

  // Another task's history cannot load: it says so, in words about loading.
  await page
    .getByRole('article')
    .nth(1)
    .getByRole('button', { name: /^History/ })
    .click();
  const history = page.getByRole('region', { name: /History/ });
  await expect(history.getByRole('alert')).toHaveText(
    'Your session has ended, so this could not be loaded. Sign in again (opens in a new tab), then try again here.',
  );
  await expect(first.getByLabel('Note')).toHaveValue('Waiting for the quota');
});

signedInTest(
  'a status form kept hidden goes with Mark done, and an untouched one follows the task',
  async ({ page, adminApi }) => {
    const customer = await createCustomer(adminApi, `Contoso Pharma ${unique()}`);
    const engagement = await createEngagement(adminApi, {
      customerId: customer.id,
      templateKey: 'wso2-managed-wso2-subscription',
      startDate: daysAgo(3),
      contacts: [],
    });
    await page.goto(`/engagements/${engagement.id}`);
    const first = page.getByRole('article').first();
    const status = first.getByRole('form', { name: /^(Change status|Reopen):/ });
    // A reason for Blocked, typed and hidden behind the details form; then the task is done.
    await first.getByRole('button', { name: /^Change status/ }).click();
    await status.getByLabel('New status').selectOption({ label: 'Blocked' });
    await status.getByLabel('Reason').fill('Waiting for the firewall team');
    await first.getByRole('button', { name: /^Edit details/ }).click();
    await first.getByRole('button', { name: /^Mark done/ }).click();
    await expect(first.getByText('Done', { exact: true })).toBeVisible();
    // Reopening starts afresh: that reason was about Blocked, not about reopening.
    await first.getByRole('button', { name: /^Reopen/ }).click();
    await expect(status.getByLabel('Reason')).toHaveValue('');

    // Opened and untouched while someone else moves the task on: it holds nothing to lose.
    const second = page.getByRole('article').nth(1);
    await second.getByRole('button', { name: /^Change status/ }).click();
    const untouched = second.getByRole('form', { name: /^Change status:/ });
    await expect(untouched).toBeVisible();
    const key = engagement.tasks[1].key;
    const task = await readTask(adminApi, engagement.id, key);
    const moved = await adminApi.patch(`/api/v1/engagements/${engagement.id}/tasks/${key}`, {
      data: { status: 'IN_PROGRESS' },
      headers: { 'If-Match': task.etag },
    });
    expect(moved.status()).toBe(200);
    await page.reload();
    await second.getByRole('button', { name: /^Change status/ }).click();
    await untouched.getByLabel('New status').press('Escape');
    await expect(untouched).toHaveCount(0);
  },
);
