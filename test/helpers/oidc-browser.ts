import type TestAgent from 'supertest/lib/agent';
import { TEST_PASSWORD } from './oidc-provider';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

interface StoredCookie {
  value: string;
  path: string;
}

/** Cookies of one site, with the path rule browsers apply (enough for these tests). */
class CookieJar {
  private readonly cookies = new Map<string, StoredCookie>();

  store(setCookie: string[] | string | undefined, defaultPath = '/'): void {
    for (const line of [setCookie ?? []].flat()) {
      const [pair, ...attributes] = line.split(';').map((part) => part.trim());
      const index = pair.indexOf('=');
      const name = pair.slice(0, index);
      const value = pair.slice(index + 1);
      const attribute = (key: string) =>
        attributes.find((a) => a.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1);
      const expires = attribute('expires');
      const removed =
        attribute('max-age') === '0' ||
        (expires !== undefined && new Date(expires).getTime() <= Date.now()) ||
        value === '';
      if (removed) this.cookies.delete(name);
      else this.cookies.set(name, { value, path: attribute('path') ?? defaultPath });
    }
  }

  header(path: string): string {
    return [...this.cookies.entries()]
      .filter(
        ([, c]) => path === c.path || path.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`),
      )
      .map(([name, c]) => `${name}=${c.value}`)
      .join('; ');
  }

  get(name: string): string | undefined {
    return this.cookies.get(name)?.value;
  }

  set(name: string, value: string, path = '/'): void {
    this.cookies.set(name, { value, path });
  }
}

/**
 * A browser without a screen: follows the single sign-on round trip between the app (in-process,
 * through supertest) and the identity provider (a real process, over HTTP), keeping each site's
 * cookies as a browser would. It uses the app at the redirect URL's address (its Host header),
 * as people do who open the configured address.
 */
export class OidcBrowser {
  readonly app = new CookieJar();
  readonly provider = new CookieJar();

  constructor(
    private readonly http: TestAgent,
    private readonly redirectUrl: string,
  ) {}

  /** GET on the app as a browser navigation; stores the cookies it sets. */
  async visit(pathAndQuery: string, accept = BROWSER_ACCEPT) {
    const path = pathAndQuery.split('?')[0];
    const res = await this.http
      .get(pathAndQuery)
      .set('Host', new URL(this.redirectUrl).host)
      .set('Accept', accept)
      .set('Cookie', this.app.header(path));
    this.app.store(res.headers['set-cookie'], path);
    return res;
  }

  /** Starts a sign-in at the app; returns the provider's authorization URL it redirects to. */
  async begin(returnTo?: string): Promise<URL> {
    const query = returnTo === undefined ? '' : `?returnTo=${encodeURIComponent(returnTo)}`;
    const res = await this.visit(`/auth/oidc/login${query}`);
    if (res.status !== 302) throw new Error(`login answered ${res.status}: ${res.text}`);
    return new URL(res.headers.location);
  }

  /**
   * Signs in at the provider's own login page and returns the URL the provider sends the browser
   * back to (the app's callback with code, state and iss), without delivering it.
   */
  async authenticate(authorizationUrl: URL, email: string, password = TEST_PASSWORD): Promise<URL> {
    let page = await this.followAtProvider(authorizationUrl);
    if (page instanceof URL && page.href.startsWith(this.redirectUrl)) return page;
    if (page instanceof URL) throw new Error(`unexpected redirect to ${page.href}`);
    const form = /action="([^"]+)"/.exec(page.html);
    if (!form) throw new Error(`no login form at the provider: ${page.html}`);
    const res = await this.providerRequest(new URL(form[1].replace(/&#47;/g, '/'), page.url), {
      method: 'POST',
      body: new URLSearchParams({ login: email, password }),
    });
    if (res.status !== 303 && res.status !== 302) {
      throw new Error(`provider login answered ${res.status}: ${await res.text()}`);
    }
    page = await this.followAtProvider(new URL(res.headers.get('location')!, page.url));
    if (page instanceof URL && page.href.startsWith(this.redirectUrl)) return page;
    throw new Error(`the provider did not send the browser back: ${JSON.stringify(page)}`);
  }

  /** Delivers the provider's answer to the app's callback, as the browser's redirect would. */
  callback(callbackUrl: URL, accept = BROWSER_ACCEPT) {
    return this.visit(`${new URL(this.redirectUrl).pathname}${callbackUrl.search}`, accept);
  }

  /** The whole round trip; returns the callback's response. */
  async signIn(email: string, returnTo?: string, password?: string) {
    return this.callback(await this.authenticate(await this.begin(returnTo), email, password));
  }

  /** POST /auth/logout as the web app sends it (session cookie and CSRF token). */
  async signOut() {
    const res = await this.http
      .post('/auth/logout')
      .set('Host', new URL(this.redirectUrl).host)
      .set('Cookie', this.app.header('/auth/logout'))
      .set('X-CSRF-Token', this.app.get('ot_csrf') ?? '');
    this.app.store(res.headers['set-cookie'], '/auth/logout');
    return res;
  }

  /**
   * Goes to the provider's end-session URL and confirms there, as a person answers "Sign out?";
   * returns where the provider then sends the browser.
   */
  async signOutAtProvider(endSessionUrl: URL): Promise<URL> {
    const page = await this.followAtProvider(endSessionUrl);
    if (page instanceof URL) throw new Error(`unexpected redirect to ${page.href}`);
    const form = /<form id="op\.logoutForm" method="post" action="([^"]+)">(.*?)<\/form>/s.exec(
      page.html,
    );
    if (!form) throw new Error(`no sign-out confirmation at the provider: ${page.html}`);
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(form[2])![1];
    const res = await this.providerRequest(new URL(form[1], page.url), {
      method: 'POST',
      body: new URLSearchParams({ xsrf, logout: 'yes' }),
    });
    if (res.status !== 303 && res.status !== 302) {
      throw new Error(`provider sign-out answered ${res.status}: ${await res.text()}`);
    }
    return new URL(res.headers.get('location')!, page.url);
  }

  /** Follows the provider's redirects until a page to show, or a redirect leaving the provider. */
  async followAtProvider(start: URL): Promise<URL | { url: URL; html: string }> {
    let url = start;
    for (let hop = 0; hop < 10; hop++) {
      if (url.origin !== start.origin) return url;
      const res = await this.providerRequest(url, { method: 'GET' });
      if (res.status >= 300 && res.status < 400) {
        url = new URL(res.headers.get('location')!, url);
        continue;
      }
      const html = await res.text();
      if (res.status !== 200) throw new Error(`provider answered ${res.status}: ${html}`);
      return { url, html };
    }
    throw new Error('too many redirects at the provider');
  }

  private async providerRequest(url: URL, init: RequestInit): Promise<globalThis.Response> {
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { Accept: BROWSER_ACCEPT, Cookie: this.provider.header(url.pathname) },
    });
    this.provider.store(res.headers.getSetCookie(), url.pathname);
    return res;
  }
}
