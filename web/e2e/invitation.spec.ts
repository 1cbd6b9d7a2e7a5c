import { expect, test } from './fixtures';
import { startService, type RunningService } from './service';

// A service of its own, started without a bootstrap admin: it prints the first-ADMIN setup link.
let service: RunningService;
test.beforeAll(async () => {
  service = await startService({ bootstrapAdmin: false });
});
test.afterAll(async () => {
  await service?.stop();
});

test('the first admin accepts the setup invitation and is signed in', async ({
  page,
  checkScreen,
}) => {
  const link = /(https?:\/\/\S+\/invitations\/[A-Za-z0-9_-]+)/.exec(service.output())?.[1];
  expect(link, 'the setup link printed at start').toBeTruthy();
  await page.goto(link!);
  await expect(page.getByRole('heading', { name: 'Accept your invitation' })).toBeVisible();
  await checkScreen('invitation');

  // The setup link has no email: the form asks for it. A weak password is refused by the API.
  await page.getByLabel('Email').fill('first.admin@onboarding.test');
  await page.getByLabel('Name').fill('Farah First');
  await page.getByLabel('Password').fill('password');
  await page.getByRole('button', { name: 'Accept and sign in' }).click();
  await expect(page.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true');
  await checkScreen('invitation-refused');

  await page.getByLabel('Password').fill('Quartz-meadow-41-harbour');
  await page.getByRole('button', { name: 'Accept and sign in' }).click();
  await expect(page).toHaveURL(/\/overdue$/);
  await expect(page.getByRole('banner')).toContainText('Farah First');

  // The link is used up.
  await page.goto(link!);
  await expect(page.getByRole('alert')).toBeVisible();
});
