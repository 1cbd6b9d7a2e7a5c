import { createCustomer, createEngagement, daysAgo, unique } from './data';
import { expect, signedInTest as test } from './fixtures';

const TITLE = ' · Onboarding Tracker';

test('a new page takes the focus on its heading; filters on the same page keep it', async ({
  page,
  adminApi,
}) => {
  const customer = await createCustomer(adminApi, `Focus Co ${unique()}`);
  const engagement = await createEngagement(adminApi, {
    customerId: customer.id,
    templateKey: 'customer-self-managed',
    startDate: daysAgo(10),
    contacts: [],
  });

  // The first load is the browser's to announce: the focus is left alone.
  await page.goto(`/engagements?q=${encodeURIComponent(customer.name)}`);
  const link = page.getByRole('link', { name: engagement.name });
  await expect(link).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).not.toBeFocused();

  // Following a link: the engagement loads, then its h1 has the focus and names the page.
  await link.click();
  const engagementHeading = page.getByRole('heading', { level: 1, name: engagement.name });
  await expect(engagementHeading).toBeFocused();
  await expect(page).toHaveTitle(engagement.name + TITLE);
  // Once: the next Tab goes on from the heading, and the focus stays where it went.
  await page.keyboard.press('Tab');
  const edit = page.getByRole('button', { name: 'Edit engagement' });
  await expect(edit).toBeFocused();
  await page.waitForLoadState('networkidle');
  await expect(edit).toBeFocused();

  // By keyboard, from the navigation bar.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Templates' })
    .focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Templates' })).toBeFocused();
  await expect(page).toHaveTitle('Templates' + TITLE);

  // Back is a navigation too.
  await page.goBack();
  await expect(engagementHeading).toBeFocused();
  await expect(page).toHaveTitle(engagement.name + TITLE);

  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Engagements' })
    .click();
  const listHeading = page.getByRole('heading', { level: 1, name: 'Engagements' });
  await expect(listHeading).toBeFocused();
  await expect(page).toHaveTitle('Engagements' + TITLE);

  // Searching, filtering and sorting change only the query string: the focus stays put.
  const search = page.getByLabel('Search');
  await search.focus();
  await page.keyboard.type(customer.name);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/q=Focus/);
  await expect(page.getByRole('table').getByRole('row')).toHaveCount(2);
  await expect(search).toBeFocused();
  const sort = page.getByLabel('Sort by');
  await sort.focus();
  await page.keyboard.press('ArrowDown');
  await expect(page).toHaveURL(/sort=createdAt/);
  await page.waitForLoadState('networkidle');
  await expect(sort).toBeFocused();
});
