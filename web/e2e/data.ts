import {
  expect,
  type APIRequestContext,
  type Browser,
  type Page,
  type Response,
} from '@playwright/test';

/** Test data made the way people make it: through the API (as the admin key). */

const DAY = 24 * 60 * 60 * 1000;
export const daysAgo = (days: number) =>
  new Date(Date.now() - days * DAY).toISOString().slice(0, 10);
export const daysFromNow = (days: number) => daysAgo(-days);

/** A suffix that keeps names and emails of different runs and tests apart. */
export const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** A password the policy accepts, for people the tests invite. */
export const PASSWORD = 'Copper-lantern-58-meadow';

export interface Contact {
  party: 'WSO2' | 'CUSTOMER';
  name: string;
  email: string;
  primary: boolean;
}

export interface Task {
  key: string;
  title: string;
  status: string;
  dueDate: string;
  daysOverdue: number;
  etag: string;
  note: string | null;
  raci: Record<'responsible' | 'accountable', { party: string }[]>;
}

export interface Engagement {
  id: string;
  name: string;
  customerId: string;
  /** YYYY-MM-DD. */
  startDate: string;
  securityTier: string;
  tasks: Task[];
}

export async function createCustomer(api: APIRequestContext, name: string) {
  const res = await api.post('/api/v1/customers', { data: { name } });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as { id: string; name: string };
}

export async function createEngagement(
  api: APIRequestContext,
  input: {
    customerId: string;
    templateKey: string;
    startDate: string;
    contacts: Contact[];
    cloudProvider?: string;
    securityTier?: string;
    name?: string;
  },
): Promise<Engagement> {
  const res = await api.post('/api/v1/engagements', {
    data: { cloudProvider: 'AWS', securityTier: 'STANDARD', ...input },
  });
  expect(res.status(), await res.text()).toBe(201);
  return res.json();
}

/** Marks tasks done in the order given (each one's dependencies must be done before). */
export async function completeTasks(api: APIRequestContext, engagementId: string, keys: string[]) {
  for (const key of keys) {
    const res = await api.post(`/api/v1/engagements/${engagementId}/tasks/${key}/complete`, {
      data: {},
    });
    expect(res.status(), await res.text()).toBe(200);
  }
}

export async function readTask(api: APIRequestContext, engagementId: string, key: string) {
  const res = await api.get(`/api/v1/engagements/${engagementId}/tasks/${key}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as Task & { version: number; assignee: string | null };
}

/** Invites a person; the answer holds the one-time link the admin would hand over. */
export async function invite(
  api: APIRequestContext,
  input: { email: string; role: 'ADMIN' | 'STAFF' | 'CUSTOMER'; customerId?: string },
) {
  const res = await api.post('/api/v1/users', { data: input });
  expect(res.status(), await res.text()).toBe(201);
  const body = await res.json();
  return { userId: body.user.id as string, url: body.invitation.url as string };
}

/** The invited person opens their link, sets name and password, and is signed in. */
export async function acceptInvitation(page: Page, url: string, name: string) {
  await page.goto(url);
  await expect(page.getByRole('heading', { name: 'Accept your invitation' })).toBeVisible();
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Password').fill(PASSWORD);
  // Once accepted, the link is used: the app must not read it again (a 404 in the console).
  const readAgain: string[] = [];
  const watch = (res: Response) => {
    if (res.request().method() === 'GET' && /\/auth\/invitations\//.test(res.url())) {
      if (res.status() === 404) readAgain.push(res.url());
    }
  };
  page.on('response', watch);
  await page.getByRole('button', { name: 'Accept and sign in' }).click();
  await expect(page).not.toHaveURL(/\/invitations\//);
  await expect(page.getByRole('banner')).toContainText(name);
  await page.waitForLoadState('networkidle');
  page.off('response', watch);
  expect(readAgain, 'the used invitation read again').toEqual([]);
}

/** Invites a person and signs them in on `page` through their link; returns their user id. */
export async function signInInvited(
  api: APIRequestContext,
  page: Page,
  name: string,
  invitation: Parameters<typeof invite>[1],
): Promise<{ userId: string }> {
  const { userId, url } = await invite(api, invitation);
  await acceptInvitation(page, url, name);
  return { userId };
}

/** The CSRF token a signed-in browser sends with writes (read from its cookie). */
export async function csrfHeader(page: Page): Promise<Record<string, string>> {
  const cookie = (await page.context().cookies()).find((c) => c.name === 'ot_csrf');
  if (!cookie) throw new Error('not signed in: no ot_csrf cookie');
  return { 'X-CSRF-Token': decodeURIComponent(cookie.value) };
}

/**
 * A second browser for another person. Empty on purpose: in Playwright Test, `newContext`
 * otherwise starts with the test's options — the admin's session — and signing in there would
 * end that session.
 */
export function freshContext(browser: Browser, baseURL: string | undefined) {
  return browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
}
