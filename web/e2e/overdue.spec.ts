import fs from 'node:fs';
import zlib from 'node:zlib';
import type { APIRequestContext, Locator } from '@playwright/test';
import { createCustomer, createEngagement, unique, type Contact } from './data';
import { expect, signedInTest as test } from './fixtures';

const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString().slice(0, 10);

/** A customer with an engagement started months ago, so most of its tasks are overdue. */
async function lateEngagement(api: APIRequestContext) {
  const suffix = Date.now();
  const customer = await api.post('/api/v1/customers', { data: { name: `Late Co ${suffix}` } });
  expect(customer.status()).toBe(201);
  const { id: customerId, name: customerName } = await customer.json();
  const engagement = await api.post('/api/v1/engagements', {
    data: {
      customerId,
      templateKey: 'customer-self-managed',
      cloudProvider: 'AWS',
      securityTier: 'BASIC',
      startDate: daysAgo(120),
      // WSO2 has a named primary contact; the customer has a contact but no primary one.
      contacts: [
        { party: 'WSO2', name: 'Wanda Accountable', email: 'wanda@wso2.example', primary: true },
        { party: 'CUSTOMER', name: 'Cody Helper', email: 'cody@late.example', primary: false },
      ],
    },
  });
  expect(engagement.status()).toBe(201);
  return { customerId, customerName, engagement: await engagement.json() };
}

test('a task marked done leaves the board at once, not when a cache expires', async ({
  page,
  adminApi,
}) => {
  const late = await lateEngagement(adminApi);
  const summary = await adminApi.get(
    `/api/v1/reports/overdue/summary?customerId=${late.customerId}`,
  );
  const before = (await summary.json()).totalOverdue as number;
  await page.goto(`/overdue?customerId=${late.customerId}`);
  await expect(page.getByText(`${before} tasks overdue`)).toBeVisible();

  // Within the app (the board stays in its cache): to the engagement, its first task done, back.
  await page.getByRole('button', { name: /Show tasks of Wanda Accountable/ }).click();
  await page
    .getByTestId('overdue-item')
    .first()
    .getByRole('link', { name: late.engagement.name })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(late.engagement.name);
  const first = page.getByRole('article').first();
  await first.getByRole('button', { name: /^Mark done/ }).click();
  await expect(first.getByText('Done', { exact: true })).toBeVisible();
  await page.goBack();
  await expect(page.getByText(`${before - 1} tasks overdue`)).toBeVisible();
  await expect(page.getByText(`${before} tasks overdue`)).toHaveCount(0);
});

test('the overdue board names who is accountable, with counts that match the report', async ({
  page,
  adminApi,
  checkScreen,
}) => {
  const late = await lateEngagement(adminApi);
  const report = await (
    await adminApi.get(`/api/v1/reports/overdue?customerId=${late.customerId}`)
  ).json();
  expect(report.totalOverdue).toBeGreaterThan(0);

  // Counting JS while the first screen loads: the budget is 300 KB gzipped.
  const scripts = new Map<string, number>();
  page.on('response', async (response) => {
    if (response.request().resourceType() !== 'script') return;
    const body = await response.body().catch(() => Buffer.alloc(0));
    scripts.set(response.url(), zlib.gzipSync(body, { level: 9 }).length);
  });

  await page.goto(`/overdue?customerId=${late.customerId}`);
  await expect(page.getByRole('heading', { name: 'Overdue' })).toBeVisible();
  const groups = page.getByTestId('overdue-group');
  await expect(groups).toHaveCount(report.byAccountable.length);
  await expect(page.getByText(`${report.totalOverdue} tasks overdue`)).toBeVisible();
  // A jointly accountable task counts in both parties' groups; the page says why they add up to more.
  const counted = report.byAccountable.reduce(
    (sum: number, g: { count: number }) => sum + g.count,
    0,
  );
  expect(counted).toBeGreaterThan(report.totalOverdue);
  await expect(page.getByText(`so the groups add up to ${counted}`)).toBeVisible();
  await expect(page.getByText("Counted with today's statuses")).toHaveCount(0);

  for (const expected of report.byAccountable) {
    const person = expected.contact?.name ?? 'No contact named';
    const row = groups.filter({ hasText: person }).filter({
      hasText: expected.party === 'WSO2' ? 'WSO2' : 'Customer',
    });
    await expect(row).toHaveCount(1);
    await expect(row.getByRole('cell').nth(1)).toHaveText(String(expected.count));
    await expect(row.getByRole('cell').nth(2)).toHaveText(
      `${expected.maxDaysOverdue} day${expected.maxDaysOverdue === 1 ? '' : 's'}`,
    );
  }
  await expect(groups.filter({ hasText: 'Wanda Accountable' })).toHaveCount(1);
  // The customer named nobody as primary: their share is "No contact named".
  await expect(groups.filter({ hasText: 'No contact named' })).toHaveCount(1);
  await expect(page.getByRole('img', { name: /Overdue tasks by person and age/ })).toBeVisible();
  await checkScreen('overdue');

  const firstScreenJs = [...scripts.values()].reduce((a, b) => a + b, 0);
  console.log(`First screen (/overdue) JS: ${(firstScreenJs / 1024).toFixed(1)} KB gzipped`);
  expect(firstScreenJs).toBeLessThan(300 * 1024);

  // Drill-down: the tasks Wanda is accountable for, each linking to the engagement.
  const wanda = report.byAccountable.find(
    (g: { contact: { name: string } | null }) => g.contact?.name === 'Wanda Accountable',
  );
  await page.getByRole('button', { name: /Show tasks of Wanda Accountable/ }).click();
  await expect(page).toHaveURL(/group=WSO2/);
  const items = page.getByTestId('overdue-item');
  await expect(items).toHaveCount(Math.min(wanda.count, 20));
  // The focus follows to the list's heading; Close brings it back to the button.
  const drilldown = page.getByRole('heading', { name: /^Overdue tasks of Wanda Accountable/ });
  await expect(drilldown).toBeFocused();
  await page.getByRole('button', { name: 'Close' }).click();
  const showWanda = page.getByRole('button', { name: /Show tasks of Wanda Accountable/ });
  await expect(showWanda).toBeFocused();
  await showWanda.click();
  await checkScreen('overdue-drilldown');
  // A task's title opens it: its engagement's page, scrolled to the task, which has the focus.
  const taskLink = items.last().getByRole('link').first();
  const taskTitle = await taskLink.innerText();
  await taskLink.click();
  await expect(page).toHaveURL(new RegExp(`/engagements/${late.engagement.id}#task-[\\w-]+$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(late.engagement.name);
  const task = page.locator(new URL(page.url()).hash).getByRole('heading', { level: 3 });
  await expect(task).toContainText(taskTitle);
  await expect(task).toBeFocused();
  await expect(task).toBeInViewport();
  // The address is a link to the task: loaded afresh, it shows the task too.
  await page.reload();
  await expect(task).toBeFocused();
  await expect(task).toBeInViewport();
  await page.goBack();
  await items.first().getByRole('link', { name: late.engagement.name }).click();
  await expect(page).toHaveURL(new RegExp(`/engagements/${late.engagement.id}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(late.engagement.name);
  await page.goBack();

  // The CSV: the report itself, with the same filters.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^overdue-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = fs.readFileSync(await download.path(), 'utf8');
  const lines = csv.trim().split(/\r?\n/);
  expect(lines.length).toBeGreaterThan(1);
  expect(lines.slice(1).every((line) => line.includes(late.customerName))).toBe(true);
  expect(lines.some((line) => line.includes('Wanda Accountable'))).toBe(true);
  // Another date is judged with today's statuses and contacts: the board says so.
  await page.goto(`/overdue?customerId=${late.customerId}&asOf=2026-01-15`);
  await expect(page.getByText(/overdue as of 15 Jan 2026\./)).toBeVisible();
  await expect(page.getByText(/Counted with today's statuses and primary contacts/)).toBeVisible();

  // A date typed digit by digit, as people type one: the board waits for a whole year.
  const asked: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/reports/overdue/summary')) {
      asked.push(new URL(request.url()).searchParams.get('asOf') ?? '');
    }
  });
  await page.goto(`/overdue?customerId=${late.customerId}`);
  const asOf = page.getByLabel('As of');
  await asOf.focus();
  await asOf.pressSequentially('12012026');
  await expect(page).toHaveURL(/asOf=2026-12-01/);
  await expect(asOf).toHaveValue('2026-12-01');
  expect(asked.filter((date) => date !== '' && !date.startsWith('20'))).toEqual([]);
});

const BANDS = ['1-7', '8-14', '15-30', '31+'];

interface SummaryGroup {
  contact: { name: string } | null;
  bands: Record<string, number>;
}

/** A group's bands that have tasks, youngest first: the segments of its bar. */
const segmentCounts = (group: SummaryGroup) =>
  BANDS.map((band) => group.bands[band]).filter((count) => count > 0);

test('the overdue charts tell the age bands apart without colour: each segment shows its count', async ({
  page,
  adminApi,
  checkScreen,
}) => {
  const customer = await createCustomer(adminApi, `Bands Co ${unique()}`);
  const contacts: Contact[] = [
    { party: 'WSO2', name: 'Wes Bands', email: `wes-${unique()}@wso2.example`, primary: true },
    {
      party: 'CUSTOMER',
      name: 'Cara Bands',
      email: `cara-${unique()}@bands.example`,
      primary: true,
    },
  ];
  // Started 65 days ago, the template's tasks are 6 to 60 days late: every age band has some.
  await createEngagement(adminApi, {
    customerId: customer.id,
    templateKey: 'customer-self-managed',
    startDate: daysAgo(65),
    contacts,
  });
  const summaryOf = async () =>
    (await (
      await adminApi.get(`/api/v1/reports/overdue/summary?customerId=${customer.id}`)
    ).json()) as { totalOverdue: number; bands: Record<string, number>; groups: SummaryGroup[] };
  const summary = await summaryOf();
  expect(Object.values(summary.bands).every((count) => count > 0)).toBe(true);

  await page.goto(`/overdue?customerId=${customer.id}`);
  const byPerson = page.getByRole('figure', { name: 'Overdue tasks by person and age' });
  await expect(byPerson.getByRole('img')).toBeVisible();
  // Each person's bar reads its bands' counts, youngest first ("3 | 1 | 4"), as the summary has
  // them; a bar of one band has its count beside it, as the total.
  let split = 0;
  for (const group of summary.groups) {
    const counts = segmentCounts(group);
    const row = byPerson.locator('.chart-row').filter({ hasText: group.contact!.name });
    await expect(row.locator('.chart-segment')).toHaveCount(counts.length);
    await expect(row.locator('.chart-segment text')).toHaveText(
      counts.length > 1 ? counts.map(String) : [],
    );
    await expect(row.locator('.chart-value')).toHaveText(String(counts.reduce((a, b) => a + b)));
    if (counts.length > 1) split++;
  }
  expect(split).toBeGreaterThan(0);
  await expectCountsInsideSegments(byPerson);
  // All tasks by age: one bar a band, its count beside it.
  const byAge = page.getByRole('figure', { name: 'All overdue tasks by age' });
  await expect(byAge.locator('.chart-value')).toHaveText(
    BANDS.map((band) => String(summary.bands[band])),
  );
  // The legend lists the bands in the bars' order.
  await expect(byPerson.locator('.chart-legend li')).toHaveText([
    '1–7 days',
    '8–14 days',
    '15–30 days',
    '31+ days',
  ]);
  await checkScreen('overdue-bands');
  await page.setViewportSize({ width: 390, height: 844 });
  await expectCountsInsideSegments(byPerson);
  await checkScreen('overdue-bands-narrow');
  await page.setViewportSize({ width: 1280, height: 720 });

  // An older engagement makes the bars longer: a segment of one task is then too narrow for its
  // count, which is left out rather than crammed in (its title still says it); the others keep theirs.
  await createEngagement(adminApi, {
    customerId: customer.id,
    templateKey: 'customer-self-managed',
    startDate: daysAgo(150),
    contacts,
  });
  const longer = await summaryOf();
  await page.reload();
  await expect(page.getByText(`${longer.totalOverdue} tasks overdue`)).toBeVisible();
  let narrow = 0;
  for (const group of longer.groups) {
    const counts = segmentCounts(group);
    const row = byPerson.locator('.chart-row').filter({ hasText: group.contact!.name });
    await expect(row.locator('.chart-segment')).toHaveCount(counts.length);
    if (counts.length < 2) continue;
    await expect(row.locator('.chart-segment text')).toHaveText(
      counts.filter((count) => count > 1).map(String),
    );
    narrow += counts.filter((count) => count === 1).length;
  }
  expect(narrow).toBeGreaterThan(0);
  await expectCountsInsideSegments(byPerson);
  await checkScreen('overdue-bands-long');
});

/** Every count written on a segment lies inside it: it never spills over a neighbour. */
async function expectCountsInsideSegments(figure: Locator) {
  const segments = await figure.locator('.chart-segment').all();
  for (const segment of segments) {
    const bar = await segment.locator('rect').boundingBox();
    const count = segment.locator('text');
    if ((await count.count()) === 0) continue;
    const text = await count.boundingBox();
    const label = `count ${await count.textContent()} in a segment ${bar!.width}px wide`;
    expect(text!.x, label).toBeGreaterThanOrEqual(bar!.x);
    expect(text!.x + text!.width, label).toBeLessThanOrEqual(bar!.x + bar!.width);
  }
}
