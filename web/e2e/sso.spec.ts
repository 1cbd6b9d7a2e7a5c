import { freePort } from '../../test/helpers/free-port';
import {
  startOidcProvider,
  TEST_PASSWORD,
  type RunningProvider,
} from '../../test/helpers/oidc-provider';
import { expect, signIn, test } from './fixtures';
import { ADMIN, startService, type RunningService } from './service';

/**
 * Single sign-on in a real browser, against a real provider (test/oidc/provider.mjs), with the
 * redirect URL registered at `localhost` while people open the app at `127.0.0.1`: two origins,
 * each with its own cookies, as with a second host name at a proxy.
 */
const CLIENT = { id: 'onboarding-tracker', secret: 'a-client-secret-for-the-browser-test' };
const PERSON = { sub: 'ada', email: 'ada@wso2.test', emailVerified: true, name: 'Ada Lovelace' };
/** The admin at the provider, which does not confirm the address: refused, with a password here. */
const UNCONFIRMED_ADMIN = { sub: 'admin', email: ADMIN.email, emailVerified: false };

let provider: RunningProvider;
let service: RunningService;
let configured: string;

test.beforeAll(async () => {
  const port = await freePort();
  configured = `http://localhost:${port}`;
  const redirectUrl = `${configured}/auth/oidc/callback`;
  provider = await startOidcProvider({
    clientId: CLIENT.id,
    clientSecret: CLIENT.secret,
    redirectUris: [redirectUrl],
    postLogoutRedirectUris: [`${configured}/login?reason=signed_out`],
    accounts: [PERSON, UNCONFIRMED_ADMIN],
  });
  service = await startService({
    port,
    env: {
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: CLIENT.id,
      OIDC_CLIENT_SECRET: CLIENT.secret,
      OIDC_REDIRECT_URL: redirectUrl,
      OIDC_AUTO_PROVISION_DOMAINS: 'wso2.test',
    },
  });
});
test.afterAll(async () => {
  await service?.stop();
  await provider?.stop();
});

test('single sign-on started at another address of the app signs in at the configured one', async ({
  page,
  checkScreen,
}) => {
  // service.url is the 127.0.0.1 address; the provider sends people back to localhost.
  await page.goto(`${service.url}/login?returnTo=%2Fengagements`);
  await page.getByRole('link', { name: 'Sign in with SSO' }).click();

  await expect(page).toHaveURL(new RegExp(`^${provider.issuer}/interaction/`));
  await page.getByLabel('Email').fill(PERSON.email);
  await page.getByLabel('Password').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();

  await expect(page).toHaveURL(`${configured}/engagements`);
  await expect(page.getByRole('banner')).toContainText(PERSON.name);
  await checkScreen('sso-signed-in');
});

test('an answer that comes back without its sign-in says to start again here', async ({
  page,
  checkScreen,
}) => {
  await page.goto(`${configured}/login`);
  await page.getByRole('link', { name: 'Sign in with SSO' }).click();
  await expect(page).toHaveURL(new RegExp(`^${provider.issuer}/interaction/`));
  // The browser loses the app's cookies meanwhile (cleared, or a sign-in older than they live).
  await page.context().clearCookies({ domain: 'localhost' });
  await page.getByLabel('Email').fill(PERSON.email);
  await page.getByLabel('Password').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();

  await expect(page).toHaveURL(`${configured}/login?error=sso_not_started`);
  await expect(page.getByRole('alert')).toContainText('Start it again here');
  await checkScreen('sso-not-started');

  // Doing what it says works (the provider remembers the person: straight back).
  await page.getByRole('link', { name: 'Sign in with SSO' }).click();
  await expect(page.getByRole('banner')).toContainText(PERSON.name);
});

test('a refused single sign-on keeps the page being opened for a password sign-in', async ({
  page,
  checkScreen,
}) => {
  // A link to a page, opened while signed out (a task link from an email).
  await page.goto(`${configured}/engagements?status=ACTIVE`);
  await expect(page).toHaveURL(`${configured}/login?returnTo=%2Fengagements%3Fstatus%3DACTIVE`);
  await page.getByRole('link', { name: 'Sign in with SSO' }).click();
  await page.getByLabel('Email').fill(UNCONFIRMED_ADMIN.email);
  await page.getByLabel('Password').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();

  await expect(page).toHaveURL(
    `${configured}/login?error=sso_unverified_email&returnTo=%2Fengagements%3Fstatus%3DACTIVE`,
  );
  await expect(page.getByRole('alert')).toContainText('did not confirm your email address');
  await checkScreen('sso-refused-keeps-return-to');

  await signIn(page);
  await expect(page).toHaveURL(`${configured}/engagements?status=ACTIVE`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});

test('an answer for a sign-in of another tab says to start again here, and keeps the page', async ({
  page,
  context,
  checkScreen,
}) => {
  await page.goto(`${configured}/login?returnTo=%2Fengagements`);
  await page.getByRole('link', { name: 'Sign in with SSO' }).click();
  await expect(page).toHaveURL(new RegExp(`^${provider.issuer}/interaction/`));
  // Meanwhile the app's cookies are cleared and another tab starts a sign-in of its own: the
  // browser's binding is now that tab's.
  await context.clearCookies({ domain: 'localhost' });
  const otherTab = await context.newPage();
  await otherTab.goto(`${configured}/login?returnTo=%2Foverdue`);
  await otherTab.getByRole('link', { name: 'Sign in with SSO' }).click();
  await expect(otherTab).toHaveURL(new RegExp(`^${provider.issuer}/interaction/`));
  await otherTab.close();

  await page.getByLabel('Email').fill(PERSON.email);
  await page.getByLabel('Password').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();

  await expect(page).toHaveURL(
    `${configured}/login?error=sso_state_mismatch&returnTo=%2Fengagements`,
  );
  await expect(page.getByRole('alert')).toHaveText(
    'This single sign-on was started in another tab or browser, or has expired. ' +
      'Start it again here with “Sign in with SSO”.',
  );
  await checkScreen('sso-state-mismatch');

  // Doing what it says works and opens the page (the provider remembers the person).
  await page.getByRole('link', { name: 'Sign in with SSO' }).click();
  await expect(page).toHaveURL(`${configured}/engagements`);
  await expect(page.getByRole('banner')).toContainText(PERSON.name);
});

test('signing out after single sign-on signs out at the provider too: the next one asks again', async ({
  page,
  checkScreen,
}) => {
  await page.goto(`${configured}/login`);
  await page.getByRole('link', { name: 'Sign in with SSO' }).click();
  await page.getByLabel('Email').fill(PERSON.email);
  await page.getByLabel('Password').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('banner')).toContainText(PERSON.name);

  // Unsaved input asks first, as with any sign-out: Stay keeps it, signed in here and there.
  await page.goto(`${configured}/account`);
  await page.getByLabel('Name', { exact: true }).fill('Ada King');
  await page.getByRole('button', { name: 'Sign out' }).click();
  const leave = page.getByRole('dialog', { name: 'Leave this page?' });
  await leave.getByRole('button', { name: 'Stay' }).click();
  await expect(page).toHaveURL(`${configured}/account`);
  expect((await page.request.get(`${configured}/api/v1/me`)).status()).toBe(200);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await leave.getByRole('button', { name: 'Leave' }).click();
  // The provider asks, as it does for any sign-out request; the person says yes.
  await expect(page).toHaveURL(new RegExp(`^${provider.issuer}/session/end`));
  await page.getByRole('button', { name: 'Yes, sign me out' }).click();

  await expect(page).toHaveURL(`${configured}/login?reason=signed_out`);
  await expect(page.getByRole('status')).toHaveText('You are signed out.');
  expect((await page.request.get(`${configured}/api/v1/me`)).status()).toBe(401);
  await checkScreen('sso-signed-out');

  // Single sign-on asks who they are again instead of signing them straight back in.
  await page.getByRole('link', { name: 'Sign in with SSO' }).click();
  await expect(page).toHaveURL(new RegExp(`^${provider.issuer}/interaction/`));
  await expect(page.getByLabel('Password')).toBeVisible();
});

// Last: it stops the provider, which every test above needs.
test('signing out after single sign-on while the provider is down signs out here and says what is left', async ({
  page,
  checkScreen,
}) => {
  await page.goto(`${configured}/login`);
  await page.getByRole('link', { name: 'Sign in with SSO' }).click();
  await page.getByLabel('Email').fill(PERSON.email);
  await page.getByLabel('Password').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('banner')).toContainText(PERSON.name);

  await provider.stop();
  await page.getByRole('button', { name: 'Sign out' }).click();

  await expect(page).toHaveURL(`${configured}/login?reason=signed_out_sso_kept`);
  await expect(page.getByRole('status')).toContainText(
    'You are signed out here, but your organisation’s single sign-on could not be signed out too',
  );
  expect((await page.request.get(`${configured}/api/v1/me`)).status()).toBe(401);
  await checkScreen('sso-signed-out-provider-down');
});
