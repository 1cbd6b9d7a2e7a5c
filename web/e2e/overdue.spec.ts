import fs from 'node:fs';
import zlib from 'node:zlib';
import type { APIRequestContext, Locator } from '@playwright/test';
import { createCustomer, createEngagement, unique, type Contact } from './data';
import { expect, signedInTest as test } from './fixtures';

const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString().slice(0, 10);

/**
 * A customer (a new one, or `existing`) with an engagement started months ago, so most of its
 * tasks are overdue.
 */
async function lateEngagement(
  api: APIRequestContext,
  existing?: { customerId: string; customerName: string },
) {
  let customerId: string;
  let customerName: string;
  if (existing) {
    ({ customerId, customerName } = existing);
  } else {
    const customer = await api.post('/api/v1/customers', {
      data: { name: `Late Co ${Date.now()}` },
    });
    expect(customer.status()).toBe(201);
    ({ id: customerId, name: customerName } = await customer.json());
  }
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

test('a drill-down says how many tasks the group has, and pages through them', async ({
  page,
  adminApi,
}) => {
  // Engagements of one customer until a group has more tasks than one page (20) shows.
  const first = await lateEngagement(adminApi);
  type Group = { party: string; contact: { name: string } | null; count: number };
  let largest: Group | undefined;
  for (let engagements = 1; engagements <= 4; engagements++) {
    const summary = await adminApi.get(
      `/api/v1/reports/overdue/summary?customerId=${first.customerId}`,
    );
    const groups = (await summary.json()).groups as Group[];
    largest = groups.reduce((a, b) => (b.count > a.count ? b : a));
    if (largest.count > 20) break;
    await lateEngagement(adminApi, first);
  }
  expect(largest!.count).toBeGreaterThan(20);
  const { count } = largest!;
  const who = largest!.contact?.name ?? 'No contact named';
  const party = largest!.party === 'WSO2' ? 'WSO2' : 'Customer';

  await page.goto(`/overdue?customerId=${first.customerId}`);
  await page
    .getByRole('button', { name: new RegExp(`Show tasks of ${who}.*\\(${party}\\)$`) })
    .click();
  await expect(
    page.getByRole('heading', { name: new RegExp(`^Overdue tasks of ${who}.*\\(${count}\\)$`) }),
  ).toBeVisible();
  const pager = page.getByRole('navigation', { name: 'Overdue task pages' });
  const pages = Math.ceil(count / 20);
  await expect(pager).toContainText(`Page 1 of ${pages}`);
  await expect(page.getByTestId('overdue-item')).toHaveCount(20);
  await pager.getByRole('button', { name: 'Next' }).click();
  await expect(pager).toContainText(`Page 2 of ${pages}`);
  await expect(page.getByTestId('overdue-item')).toHaveCount(Math.min(count - 20, 20));
});

test('a party typed in lower case in a link is that party, and shows as chosen', async ({
  page,
  adminApi,
}) => {
  const late = await lateEngagement(adminApi);
  const summary = await adminApi.get(
    `/api/v1/reports/overdue/summary?customerId=${late.customerId}&party=WSO2`,
  );
  const wso2 = (await summary.json()).totalOverdue as number;
  expect(wso2).toBeGreaterThan(0);
  await page.goto(`/overdue?customerId=${late.customerId}&party=wso2`);
  await expect(page.getByLabel('Party')).toHaveValue('WSO2');
  await expect(page.getByText(new RegExp(`^${wso2} tasks? overdue as of`))).toBeVisible();
  // A party no template has: the select says what the board is filtered by, not "All parties".
  await page.goto(`/overdue?customerId=${late.customerId}&party=PARTNER`);
  await expect(page.getByLabel('Party')).toHaveValue('PARTNER');
  await expect(page.getByLabel('Party').locator('option:checked')).toHaveText(
    'PARTNER (none such)',
  );
});

test('the chart draws the 15 people with the most overdue tasks, and says how many more the table has', async ({
  page,
  adminApi,
}) => {
  const customer = await createCustomer(adminApi, `Many Owners ${unique()}`);
  // Sixteen WSO2 people, each the primary contact of one late engagement; the customer names
  // nobody: seventeen groups.
  for (let i = 1; i <= 16; i++) {
    await createEngagement(adminApi, {
      customerId: customer.id,
      templateKey: 'customer-self-managed',
      startDate: daysAgo(120),
      contacts: [
        {
          party: 'WSO2',
          name: `Owner ${String(i).padStart(2, '0')}`,
          email: `owner${i}.${unique()}@wso2.example`,
          primary: true,
        },
      ],
    });
  }
  await page.goto(`/overdue?customerId=${customer.id}`);
  await expect(page.getByTestId('overdue-group')).toHaveCount(17);
  const chart = page.locator('figure.chart').first();
  await expect(chart.locator('figcaption')).toHaveText(
    'Overdue tasks by person and age: the 15 with the most',
  );
  await expect(chart.locator('.chart-row')).toHaveCount(15);
  await expect(chart).toContainText('2 more in the table.');
});

test('a long e-mail address without break points wraps in its group, inside the table', async ({
  page,
  adminApi,
  checkScreen,
}) => {
  const customer = await createCustomer(adminApi, `Long Address ${unique()}`);
  // As long as an address may be, in parts: a 64-character local part and a long domain.
  const email = `${'onboarding.engineering.for.private.data.planes.'.padEnd(56, 'x')}${unique().slice(-8)}@customer-success-and-platform-operations.eu-west-1.wso2.example`;
  await createEngagement(adminApi, {
    customerId: customer.id,
    templateKey: 'customer-self-managed',
    startDate: daysAgo(120),
    contacts: [{ party: 'WSO2', name: 'Lee Long', email, primary: true }],
  });
  await page.goto(`/overdue?customerId=${customer.id}`);
  const groups = page.getByRole('table', { name: /accountable/i });
  const address = groups.locator('.person-email', { hasText: email });
  await expect(address).toBeVisible();
  // The table stays inside its half of the board, and the address inside the table.
  const fits = await groups.evaluate((table) => {
    const column = table.closest('.board > *')!.getBoundingClientRect();
    const box = table.getBoundingClientRect();
    return {
      inColumn: box.right <= column.right + 1,
      scrolls: table.scrollWidth > table.clientWidth,
    };
  });
  expect(fits).toEqual({ inColumn: true, scrolls: false });
  const right = await address.evaluate((el) => el.getBoundingClientRect().right);
  expect(right).toBeLessThanOrEqual(
    (await groups.boundingBox())!.x + (await groups.boundingBox())!.width + 1,
  );
  await checkScreen('overdue-long-address');
});

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
  // Chasing starts here: each named person's address is a mail link.
  for (const expected of report.byAccountable.filter(
    (g: { contact: unknown }) => g.contact !== null,
  )) {
    const email = (expected.contact as { email: string }).email;
    await expect(groups.getByRole('link', { name: email, exact: true })).toHaveAttribute(
      'href',
      `mailto:${email}`,
    );
  }
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
  // The list is named by its heading, so a screen reader's table list says whose tasks these are.
  await expect(
    page
      .getByRole('table', { name: /^Overdue tasks of Wanda Accountable/ })
      .getByTestId('overdue-item'),
  ).toHaveCount(Math.min(wanda.count, 20));
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
  // Back on the board, the focus is on the task link that was followed, not at the top.
  await expect(taskLink).toBeFocused();
  await expect(taskLink).toBeInViewport();
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
      // A long name: cut short with an ellipsis beside the bar, wrapped above it on a phone.
      name: 'Cara Bandaranaike-Wickremesinghe Jayawardena',
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
    await expect(row.locator('.chart-count:visible')).toHaveText(
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
  const caraLabel = byPerson.locator('.chart-label', { hasText: 'Cara' });
  const fullLabel = `${contacts[1].name} (Customer)`;
  await expect(caraLabel).toHaveAttribute('title', fullLabel);
  expect(await labelLines(caraLabel)).toEqual({ lines: 1, cut: true });
  // On a phone the text keeps its size and the bars take the screen's width, counts and all.
  for (const width of [390, 320]) {
    await page.setViewportSize({ width, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(width);
    for (const figure of [byPerson, byAge]) await expectReadableOnPhone(figure);
    await expectBarsAsSummary(byPerson, summary.groups);
    await expect(byAge.locator('.chart-value')).toHaveText(
      BANDS.map((band) => String(summary.bands[band])),
    );
    await expectCountsInsideSegments(byPerson);
    expect(await labelLines(caraLabel)).toEqual({ lines: 2, cut: false });
    await checkScreen(`overdue-bands-${width}`);
  }
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
    await expect(row.locator('.chart-count:visible')).toHaveText(
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
    const bar = await segment.boundingBox();
    const count = segment.locator('.chart-count:visible');
    if ((await count.count()) === 0) continue;
    const text = await count.boundingBox();
    const label = `count ${await count.textContent()} in a segment ${bar!.width}px wide`;
    expect(text!.x, label).toBeGreaterThanOrEqual(bar!.x);
    expect(text!.x + text!.width, label).toBeLessThanOrEqual(bar!.x + bar!.width);
  }
}

/** What a count needs to be written on its segment: 7.5px a digit and 4px either side. */
const countRoom = (count: number) => String(count).length * 7.5 + 8;

/**
 * Each person's bar has a segment for each band with tasks, youngest first, and its total; a
 * segment shows the summary's count for it when the count fits at the width it is drawn.
 */
async function expectBarsAsSummary(figure: Locator, groups: SummaryGroup[]) {
  for (const group of groups) {
    const counts = segmentCounts(group);
    const row = figure.locator('.chart-row').filter({ hasText: group.contact!.name });
    await expect(row.locator('.chart-value')).toHaveText(String(counts.reduce((a, b) => a + b)));
    const segments = row.locator('.chart-segment');
    await expect(segments).toHaveCount(counts.length);
    for (const [i, count] of counts.entries()) {
      const width = (await segments.nth(i).boundingBox())!.width;
      const written = segments.nth(i).locator('.chart-count:visible');
      const label = `${group.contact!.name}: segment of ${count} drawn ${width}px wide`;
      // The thin gap before a segment takes 1.5px of it: near the limit either is right.
      if (counts.length > 1 && width >= countRoom(count) + 1.5) {
        await expect(written, label).toHaveText(String(count));
      } else if (counts.length === 1 || width < countRoom(count)) {
        await expect(written, label).toHaveCount(0);
      }
    }
  }
}

/**
 * A chart on a phone: its labels, totals and counts are drawn at 12px or more (the size on the
 * screen, a scaled drawing's text counted at its scale), and its longest bar with its total
 * takes most of the chart's width.
 */
async function expectReadableOnPhone(figure: Locator) {
  const small = await figure
    .locator('.chart-label, .chart-value, .chart-count')
    .evaluateAll((texts) =>
      texts
        .filter((text) => text.getClientRects().length > 0)
        .map((text) => {
          const svg = text instanceof SVGElement ? text.ownerSVGElement : null;
          const drawn = svg?.viewBox.baseVal?.width;
          const scale = svg && drawn ? svg.getBoundingClientRect().width / drawn : 1;
          const size = parseFloat(getComputedStyle(text).fontSize) * scale;
          return { text: text.textContent, size: Math.round(size * 10) / 10 };
        })
        .filter(({ size }) => size < 12),
    );
  expect(small, 'chart text smaller than 12px').toEqual([]);
  const widths = await figure.evaluate((chart) => {
    const width = (element: Element) => element.getBoundingClientRect().width;
    const bars = Array.from(chart.querySelectorAll('.chart-row'), (row) =>
      Array.from(row.querySelectorAll('.chart-segment'), width).reduce((a, b) => a + b, 0),
    );
    return { chart: width(chart), longest: Math.max(...bars) };
  });
  expect(widths.longest, `longest bar of a chart ${widths.chart}px wide`).toBeGreaterThan(
    widths.chart * 0.75,
  );
}

/** How many lines a chart's label takes, and whether some of it is cut off. */
async function labelLines(label: Locator) {
  return label.evaluate((element) => ({
    lines: Math.round(element.clientHeight / parseFloat(getComputedStyle(element).lineHeight)),
    cut: element.scrollWidth > element.clientWidth,
  }));
}

test('in forced colours (Windows high contrast) the bars and their legend stay visible, band by band, and the current page is marked', async ({
  page,
  adminApi,
  checkScreen,
}) => {
  const customer = await createCustomer(adminApi, `Contrast Co ${unique()}`);
  // 6 to 60 days late: every age band has tasks.
  await createEngagement(adminApi, {
    customerId: customer.id,
    templateKey: 'customer-self-managed',
    startDate: daysAgo(65),
    contacts: [
      {
        party: 'WSO2',
        name: 'Hana Contrast',
        email: `hana-${unique()}@wso2.example`,
        primary: true,
      },
    ],
  });
  await page.emulateMedia({ forcedColors: 'active' });
  await page.goto(`/overdue?customerId=${customer.id}`);
  const byAge = page.getByRole('figure', { name: 'All overdue tasks by age' });
  await expect(byAge.locator('.chart-segment')).toHaveCount(4);
  const drawn = await byAge.evaluate((figure) => {
    const page = getComputedStyle(document.body).backgroundColor;
    const bands = ['band-1', 'band-2', 'band-3', 'band-4'].map((band) => {
      const segment = getComputedStyle(figure.querySelector(`.chart-segment.${band}`)!);
      const swatch = getComputedStyle(figure.querySelector(`.chart-legend .${band} rect`)!);
      return {
        fill: segment.backgroundColor,
        outlined: segment.outlineStyle !== 'none' && segment.outlineColor !== page,
        swatch: swatch.fill,
      };
    });
    return { page, bands };
  });
  // Each band drawn (a fill other than the page's, or an outline), in a colour of its own, and its
  // swatch in the legend the same colour as its segments.
  for (const band of drawn.bands) {
    expect(band.fill !== drawn.page || band.outlined, JSON.stringify(band)).toBe(true);
    expect(band.swatch).toBe(band.fill);
  }
  expect(new Set(drawn.bands.map((band) => band.fill)).size).toBe(4);
  // The current page's link does not look like the others.
  const nav = page.getByRole('navigation', { name: 'Main' });
  const look = (link: Locator) =>
    link.evaluate((a) => {
      const style = getComputedStyle(a);
      return `${style.backgroundColor} ${style.color} ${style.textDecorationLine}`;
    });
  await expect(nav.getByRole('link', { name: 'Overdue' })).toHaveAttribute('aria-current', 'page');
  expect(await look(nav.getByRole('link', { name: 'Overdue' }))).not.toBe(
    await look(nav.getByRole('link', { name: 'Engagements' })),
  );
  await checkScreen('overdue-forced-colors');
  await page.setViewportSize({ width: 390, height: 844 });
  await checkScreen('overdue-forced-colors-390');
});

test('Download CSV keeps the focus while the file is fetched and after', async ({
  page,
  adminApi,
}) => {
  const late = await lateEngagement(adminApi);
  await page.goto(`/overdue?customerId=${late.customerId}`);
  const button = page.getByRole('button', { name: 'Download CSV' });
  // Held until checked: the focus stays on the button while the file is on its way.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let fetched = 0;
  await page.route(/\/api\/v1\/reports\/overdue\?/, async (route) => {
    fetched += 1;
    await held;
    await route.continue();
  });
  await button.focus();
  const downloading = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  await expect(button).toHaveAttribute('aria-disabled', 'true');
  await expect(button).toBeFocused();
  // Pressed again meanwhile, it fetches nothing more.
  await page.keyboard.press('Enter');
  release();
  await downloading;
  await expect(button).not.toHaveAttribute('aria-disabled');
  await expect(button).toBeFocused();
  expect(fetched).toBe(1);
});

test('an empty board points staff to the engagements', async ({ page, adminApi, checkScreen }) => {
  const customer = await createCustomer(adminApi, `Nothing Late ${unique()}`);
  await page.goto(`/overdue?customerId=${customer.id}`);
  await expect(page.getByText(/^Nothing is overdue as of/)).toBeVisible();
  await checkScreen('overdue-empty');
  await page.setViewportSize({ width: 390, height: 844 });
  await checkScreen('overdue-empty-390');
  await page.getByRole('main').getByRole('link', { name: 'Engagements' }).click();
  await expect(page).toHaveURL(/\/engagements$/);
});
