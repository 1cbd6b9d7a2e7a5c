import { createCustomer, PASSWORD, signInInvited, unique } from './data';
import { expect, signIn, test } from './fixtures';

test('locked out, a reset link sets a new password that signs in at once, keeping the name', async ({
  page,
  adminApi,
  checkScreen,
}) => {
  const customer = await createCustomer(adminApi, `Reset Co ${unique()}`);
  const email = `rita.${unique()}@resetco.example`;
  const { userId } = await signInInvited(adminApi, page, 'Rita Reyes', {
    email,
    role: 'CUSTOMER',
    customerId: customer.id,
  });
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);

  // No self-service reset: the page says whom to ask.
  await expect(page.getByText('Forgot your password? Ask your WSO2 contact')).toBeVisible();
  // Five wrong passwords lock the email; the wait is said in minutes.
  for (let i = 0; i < 5; i++) {
    const answer = page.waitForResponse((r) => r.url().endsWith('/auth/login'));
    await signIn(page, email, `Wrong-guess-${i}-password`);
    expect((await answer).status()).toBe(401);
  }
  await signIn(page, email, PASSWORD);
  await expect(page.getByRole('alert')).toContainText(
    'Too many failed sign-ins; try again in 15 minutes',
  );
  await checkScreen('sign-in-locked');

  // Her WSO2 contact makes her a new link: a reset, not an invitation.
  const res = await adminApi.post(`/api/v1/users/${userId}/invitation`);
  expect(res.status(), await res.text()).toBe(201);
  const resetUrl = ((await res.json()) as { url: string }).url;
  await page.goto(resetUrl);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Set a new password');
  await expect(page.getByRole('main')).toContainText(email);
  await expect(page.getByLabel('Name')).toHaveCount(0);
  await checkScreen('password-reset');
  const newPassword = 'Harbour-violet-62-spindle';
  await page.getByLabel('New password').fill(newPassword);
  await page.getByRole('button', { name: 'Set password and sign in' }).click();
  await expect(page).toHaveURL(/\/my-tasks$/);
  await expect(page.getByRole('banner')).toContainText('Rita Reyes');

  // The lock went with the old password: the new one signs in straight away.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, email, newPassword);
  await expect(page).toHaveURL(/\/my-tasks$/);

  // A used link says whom a customer can ask for another.
  await page.goto(resetUrl);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This link cannot be used');
  await expect(page.getByRole('main')).not.toContainText(/invitation/i);
  await expect(page.getByRole('alert')).toContainText('unknown, already used or expired');
  await expect(page.getByText('Ask your WSO2 contact or an administrator')).toBeVisible();
  await checkScreen('password-reset-used');
  // Someone who already used it only needs to sign in.
  await page.getByRole('link', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await signIn(page, email, newPassword);
  await expect(page).toHaveURL(/\/my-tasks$/);
});
