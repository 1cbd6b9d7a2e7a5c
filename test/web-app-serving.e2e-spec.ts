import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestApp, TestApp } from './helpers/test-app';

/** The service serves the built web app at / with history fallback, caching rules and a CSP. */
describe('web app serving', () => {
  let t: TestApp;
  let dir: string;
  const INDEX = '<!doctype html><title>Onboarding Tracker</title><div id="root"></div>';

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ot-web-'));
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'index.html'), INDEX);
    fs.writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
    fs.writeFileSync(path.join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    // Files at the service's paths: the static handler must never get to see those requests.
    for (const sub of ['api', 'health']) {
      fs.mkdirSync(path.join(dir, sub));
      fs.writeFileSync(path.join(dir, sub, 'file.txt'), `a ${sub} file`);
    }
    t = await startTestApp({}, dir);
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serves index.html at / and for any app route, never cached', async () => {
    for (const route of ['/', '/overdue', '/engagements/123?q=x', '/invitations/tok.en']) {
      const res = await t.http.get(route).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toBe(INDEX);
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves hashed assets for a year, other files revalidated', async () => {
    const asset = await t.http.get('/assets/index-abc123.js').expect(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const icon = await t.http.get('/favicon.svg').expect(200);
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('answers a missing asset with 404, not the app', async () => {
    const res = await t.http.get('/assets/gone-123.js');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('leaves the service paths to the service', async () => {
    const api = await t.http.get('/api/v1/no-such-thing');
    expect(api.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await t.http.get('/auth/no-such-thing')).text).not.toBe(INDEX);
    await t.http.get('/health/live').expect(200, { status: 'ok' });
    const docs = await t.http.get('/docs/openapi.json').expect(200);
    expect(docs.body.openapi).toMatch(/^3\./);
    for (const sub of ['api', 'health']) {
      const res = await t.http.get(`/${sub}/file.txt`);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    // Not a GET: no fallback.
    expect((await t.http.post('/overdue')).status).toBe(404);
    // Paths route whatever their case (a POST to /API/V1/CUSTOMERS creates): a GET is the API's too.
    const shouted = await t.http.get('/API/V1/TEMPLATES').set('Authorization', t.admin).expect(200);
    expect(shouted.headers['content-type']).toMatch(/^application\/json/);
    expect(Array.isArray(shouted.body)).toBe(true);
  });

  it('gives the app a strict CSP (own scripts and styles only) and keeps the docs UI working', async () => {
    const page = await t.http.get('/overdue');
    const csp = page.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    const docs = await t.http.get('/docs').redirects(1);
    expect(docs.status).toBe(200);
    expect(docs.headers['content-security-policy']).toBeUndefined();
    expect(docs.headers['x-content-type-options']).toBe('nosniff');
  });
});
