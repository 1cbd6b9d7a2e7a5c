import { createCustomer, createEngagement, daysAgo, unique } from './data';
import { expect, signedInTest as test } from './fixtures';

test.use({ viewport: { width: 390, height: 844 } });

test('on a phone-sized screen no page is wider than the screen: tables scroll in their box, long words wrap', async ({
  page,
  adminApi,
  checkScreen,
}) => {
  const customer = await createCustomer(adminApi, `Narrow ${unique()}`);
  const engagement = await createEngagement(adminApi, {
    customerId: customer.id,
    templateKey: 'customer-self-managed',
    startDate: daysAgo(40),
    contacts: [],
    // A name without spaces (a pasted project code) must wrap in the heading, not be cut off.
    name: `PDP-${'x'.repeat(150)}`,
  });
  // A pasted URL or token without spaces, as people put in notes.
  const task = engagement.tasks[0];
  const patched = await adminApi.patch(`/api/v1/engagements/${engagement.id}/tasks/${task.key}`, {
    headers: { 'If-Match': task.etag },
    data: { note: `https://example.com/${'x'.repeat(600)}`, assignee: 'y'.repeat(190) },
  });
  expect(patched.status(), await patched.text()).toBe(200);

  for (const [url, heading] of [
    ['/overdue', 'Overdue'],
    ['/engagements', 'Engagements'],
    ['/templates/customer-self-managed', /Customer self-managed/],
    ['/admin/users', 'Users'],
    ['/admin/api-keys', 'API keys'],
    [`/engagements/${engagement.id}`, engagement.name],
  ] as const) {
    await page.goto(url);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expect(page.getByText(/Loading/)).toHaveCount(0);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect({ url, width }).toEqual({ url, width: 390 });
    const title = await page.getByRole('heading', { level: 1 }).evaluate((h1) => ({
      overflow: h1.scrollWidth - h1.clientWidth,
      right: h1.getBoundingClientRect().right,
    }));
    expect({ url, ...title, fits: title.right <= 390 }).toEqual({
      url,
      ...title,
      overflow: 0,
      fits: true,
    });
  }
  // A table wider than the screen scrolls in its box, which the keyboard can reach and scroll.
  await page.goto('/templates/customer-self-managed');
  const matrixBox = page.getByRole('region', { name: 'RACI matrix' });
  await matrixBox.focus();
  await expect(matrixBox).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => matrixBox.evaluate((box) => box.scrollLeft)).toBeGreaterThan(0);
  await page.goto(`/engagements/${engagement.id}`);
  // The engagement's own form, with a contact row, fits too.
  await page.getByRole('button', { name: 'Edit engagement' }).click();
  await page.getByRole('button', { name: 'Add Customer contact' }).click();
  await expect(page.getByLabel('Customer contact 1 email')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(390);
  await checkScreen('engagement-narrow');

  // WCAG's reflow width, 320 px: the engagements page with its search and filters still fits.
  await page.setViewportSize({ width: 320, height: 800 });
  await page.goto('/engagements');
  await expect(page.getByRole('button', { name: 'Search' })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(320);
});
