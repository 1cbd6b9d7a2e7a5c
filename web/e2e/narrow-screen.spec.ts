import type { Locator, Page } from '@playwright/test';
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

test('on a phone the overdue board shows each accountable person whole: count, oldest and Show tasks, nothing off to the side', async ({
  page,
  adminApi,
  checkScreen,
}) => {
  const customer = await createCustomer(adminApi, `Narrow board ${unique()}`);
  await createEngagement(adminApi, {
    customerId: customer.id,
    templateKey: 'customer-self-managed',
    startDate: daysAgo(60),
    contacts: [
      {
        party: 'WSO2',
        name: 'Wanda Accountable',
        // A long address without a space: it breaks on the phone rather than widen the row.
        email: `wanda.accountable.onboarding-${unique()}@private-data-plane.wso2.example`,
        primary: true,
      },
      // The customer names nobody as primary: their row is "No contact named".
      {
        party: 'CUSTOMER',
        name: 'Cody Helper',
        email: `cody-${unique()}@x.example`,
        primary: false,
      },
    ],
  });
  const summary = (await (
    await adminApi.get(`/api/v1/reports/overdue/summary?customerId=${customer.id}`)
  ).json()) as { groups: BoardGroup[] };
  expect(summary.groups.map((g) => g.contact?.name ?? null).sort()).toEqual([
    'Wanda Accountable',
    null,
  ]);
  const wanda = summary.groups.find((g) => g.contact)!;

  // On a desktop: what assistive tech is told of the table and of the drill-down's list.
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`/overdue?customerId=${customer.id}`);
  const table = page.getByRole('table', { name: 'Accountable for overdue tasks' });
  await expect(table.getByTestId('overdue-group')).toHaveCount(summary.groups.length);
  const desktopTable = await accessibilityTree(page, 'table.groups');
  const show = page.getByRole('button', { name: /^Show tasks of Wanda Accountable/ });
  await show.click();
  const items = page.getByTestId('overdue-item');
  await expect(items).toHaveCount(Math.min(wanda.count, 20));
  const desktopItems = await accessibilityTree(page, '.drilldown table');
  await checkScreen('overdue-narrow-1280');
  await page.getByRole('button', { name: 'Close' }).click();

  for (const width of [390, 320]) {
    await page.setViewportSize({ width, height: 844 });
    await expectNoSidewaysScroll(table, width);
    for (const group of summary.groups) {
      const row = table
        .getByTestId('overdue-group')
        .filter({ hasText: group.contact?.name ?? 'No contact named' })
        .filter({ hasText: group.party === 'WSO2' ? 'WSO2' : 'Customer' });
      await expect(row).toHaveCount(1);
      const cells = row.getByRole('cell');
      await expect(cells.nth(1)).toHaveText(String(group.count));
      await expect(cells.nth(2)).toHaveText(
        `${group.maxDaysOverdue} day${group.maxDaysOverdue === 1 ? '' : 's'}`,
      );
      const button = row.getByRole('button', { name: /^Show tasks/ });
      for (const shown of [row.getByRole('rowheader'), cells.nth(1), cells.nth(2), button]) {
        await expectOnScreen(shown, width);
      }
      // A finger's target, as tall as WCAG's 44 px.
      expect((await button.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    }
    // Still a table, with the same rows, headers and cells: only the eye sees it differently.
    expect(await accessibilityTree(page, 'table.groups')).toEqual(desktopTable);
    await checkScreen(`overdue-narrow-${width}`);

    await show.click();
    await expect(page).toHaveURL(/group=WSO2/);
    await expect(page.getByRole('heading', { name: /^Overdue tasks of Wanda/ })).toBeFocused();
    await expect(items).toHaveCount(Math.min(wanda.count, 20));
    await expectNoSidewaysScroll(page.locator('.drilldown table'), width);
    for (const item of await items.all()) {
      for (const link of await item.getByRole('link').all()) await expectOnScreen(link, width);
    }
    expect(await accessibilityTree(page, '.drilldown table')).toEqual(desktopItems);
    await checkScreen(`overdue-drilldown-narrow-${width}`);
    await page.getByRole('button', { name: 'Close' }).click();
    await expect(show).toBeFocused();
  }
});

interface BoardGroup {
  party: string;
  contact: { name: string } | null;
  count: number;
  maxDaysOverdue: number;
}

/** Neither the table's box nor the page scrolls sideways at this width. */
async function expectNoSidewaysScroll(table: Locator, width: number) {
  const widths = await table.evaluate((element) => ({
    box: element.parentElement!.scrollWidth - element.parentElement!.clientWidth,
    page: document.documentElement.scrollWidth,
  }));
  expect(widths).toEqual({ box: 0, page: width });
}

/** Visible, and wholly within the screen's width. */
async function expectOnScreen(element: Locator, width: number) {
  await expect(element).toBeVisible();
  const box = (await element.boundingBox())!;
  const where = { text: await element.innerText(), left: box.x, right: box.x + box.width };
  expect({ ...where, fits: box.x >= 0 && box.x + box.width <= width }).toEqual({
    ...where,
    fits: true,
  });
}

/**
 * Chromium's own accessibility tree under an element (what a screen reader is given, not
 * Playwright's reading of the DOM): the tables, rows, headers, cells and controls, with their
 * names. Ignored nodes are skipped, their children kept.
 */
async function accessibilityTree(page: Page, selector: string): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { result } = await cdp.send('Runtime.evaluate', {
      expression: `document.querySelector(${JSON.stringify(selector)})`,
    });
    const { node } = await cdp.send('DOM.describeNode', { objectId: result.objectId });
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const byId = new Map(nodes.map((n) => [n.nodeId, n]));
    const lines: string[] = [];
    const KEPT = ['table', 'row', 'columnheader', 'rowheader', 'cell', 'button', 'link'];
    const visit = (id: string, depth: number) => {
      const n = byId.get(id);
      if (!n) return;
      const role = String(n.role?.value ?? '');
      const kept = !n.ignored && KEPT.includes(role);
      if (kept) lines.push(`${'  '.repeat(depth)}${role} "${String(n.name?.value ?? '').trim()}"`);
      for (const child of n.childIds ?? []) visit(child, kept ? depth + 1 : depth);
    };
    const root = nodes.find((n) => n.backendDOMNodeId === node.backendNodeId);
    expect(root, `${selector} in the accessibility tree`).toBeDefined();
    visit(root!.nodeId, 0);
    return lines;
  } finally {
    await cdp.detach();
  }
}
