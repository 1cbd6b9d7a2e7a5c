import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';

/** What a phone-sized screen must show of a table: helpers for the narrow-screen checks. */

/** Neither the table's box nor the page scrolls sideways at this width. */
export async function expectNoSidewaysScroll(table: Locator, width: number) {
  const widths = await table.evaluate((element) => ({
    box: element.parentElement!.scrollWidth - element.parentElement!.clientWidth,
    page: document.documentElement.scrollWidth,
  }));
  expect(widths).toEqual({ box: 0, page: width });
}

/** Visible, and wholly within the screen's width. */
export async function expectOnScreen(element: Locator, width: number) {
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
export async function accessibilityTree(page: Page, selector: string): Promise<string[]> {
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

/**
 * Every row read on a phone: each cell with something in it, each link and each button wholly on
 * screen, and each button a finger's target (44 px, WCAG 2.5.5). Measured in the page in one go:
 * a matrix of 16 rows has over a hundred of them.
 */
export async function expectRowsOnScreen(rows: Locator, width: number) {
  await expect(rows.first()).toBeVisible();
  const misplaced = await rows.evaluateAll(
    (trs, screenWidth) =>
      trs.flatMap((tr) =>
        Array.from(tr.querySelectorAll<HTMLElement>(':scope > th, :scope > td, a, button'))
          .filter((element) => element.innerText.trim() !== '')
          .map((element) => {
            const box = element.getBoundingClientRect();
            const button = element.tagName === 'BUTTON';
            return {
              text: element.innerText.trim(),
              left: box.left,
              right: box.right,
              fits: box.width > 0 && box.left >= 0 && box.right <= screenWidth,
              tall: !button || box.height >= 44,
            };
          })
          .filter((shown) => !shown.fits || !shown.tall),
      ),
    width,
  );
  expect(misplaced).toEqual([]);
}

/**
 * A table on phones (390 and 320 px) after a desktop (1280 px): neither it nor the page scrolls
 * sideways, every row is whole on screen, and assistive tech is given the same table as on the
 * desktop. `selector` finds the table for the accessibility tree; `screen` names the screenshots.
 */
export async function expectTableOnPhones(
  page: Page,
  {
    table,
    selector,
    rows,
    screen,
  }: {
    table: Locator;
    selector: string;
    /** The rows to read (all, or the ones the test made). */
    rows: Locator;
    screen: (name: string) => Promise<void>;
  },
) {
  await page.setViewportSize({ width: 1280, height: 800 });
  const desktop = await accessibilityTree(page, selector);
  await screen('1280');
  for (const width of [390, 320]) {
    await page.setViewportSize({ width, height: 844 });
    await expectNoSidewaysScroll(table, width);
    await expectRowsOnScreen(rows, width);
    expect(await accessibilityTree(page, selector)).toEqual(desktop);
    await screen(String(width));
  }
}
