import net from 'node:net';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { changedTables, databaseFingerprint, viaPrisma } from './helpers/db-fingerprint';
import { createCustomer, createEngagement } from './helpers/engagement-api';
import { expectProblem } from './helpers/problem';
import { startTestApp, TestApp } from './helpers/test-app';

/**
 * The common HTTP layer against hostile requests: every refusal is problem+json naming what is
 * wrong, carries the security headers, and changes nothing.
 */
describe('HTTP layer', () => {
  let t: TestApp;
  let fingerprint: () => Promise<string>;
  let engagementId: string;

  beforeAll(async () => {
    t = await startTestApp();
    fingerprint = await databaseFingerprint(viaPrisma(t.prisma));
    engagementId = (await createEngagement(t, await createCustomer(t, 'Initech'))).id;
  });
  afterAll(() => t.close());

  /** Runs the request and checks that the database is as it was. */
  async function unchanged<T>(request: () => PromiseLike<T>): Promise<T> {
    const before = await fingerprint();
    const res = await request();
    expect({ changed: changedTables(before, await fingerprint()) }).toEqual({ changed: [] });
    return res;
  }

  const post = (url: string) => t.http.post(url).set('Authorization', t.admin);

  describe('bodies it cannot read', () => {
    it('a body in another media type: 415 naming Content-Type (it used to be ignored)', async () => {
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
        const res = await unchanged(() =>
          post('/api/v1/customers').set('Content-Type', type).send('{"name":"Plain Co"}'),
        );
        expectProblem(res, 415, 'Content-Type');
      }
      const patch = await unchanged(() =>
        t.http
          .patch(`/api/v1/engagements/${engagementId}`)
          .set('Authorization', t.admin)
          .set('Content-Type', 'text/plain')
          .send('{"name":"Renamed"}'),
      );
      expectProblem(patch, 415, 'Content-Type');
    });

    it('Content-Encoding: gzip on a plain body: 400 naming Content-Encoding, with a request id, even unauthenticated', async () => {
      const res = await unchanged(() =>
        t.http
          .post('/api/v1/customers')
          .set('Content-Type', 'application/json')
          .set('Content-Encoding', 'gzip')
          .send('{"name":"Zip Co"}'),
      );
      expectProblem(res, 400, 'Content-Encoding');
      expect(res.headers['x-request-id']).toBe(res.body.requestId);
    });

    it('a real gzip body is read', async () => {
      const res = await post('/api/v1/customers')
        .set('Content-Type', 'application/json')
        .set('Content-Encoding', 'gzip')
        .serialize((body: Buffer) => body as unknown as string)
        .send(zlib.gzipSync(JSON.stringify({ name: 'Gzip Co' })));
      expect(res.status).toBe(201);
    });

    it('an unknown Content-Encoding or charset: 415 naming the header', async () => {
      const encoding = await unchanged(() =>
        post('/api/v1/customers')
          .set('Content-Type', 'application/json')
          .set('Content-Encoding', 'compress')
          .send('{"name":"x"}'),
      );
      expectProblem(encoding, 415, 'Content-Encoding');
      const charset = await unchanged(() =>
        post('/api/v1/customers')
          .set('Content-Type', 'application/json; charset=koi8-r')
          .send('{"name":"x"}'),
      );
      expectProblem(charset, 415, 'Content-Type');
      // A UTF-16 body would be decoded and then fail as "not valid JSON" (400): 415 like the rest.
      const utf16 = await unchanged(() =>
        post('/api/v1/customers')
          .set('Content-Type', 'application/json; charset=utf-16')
          .send('{"name":"x"}'),
      );
      expectProblem(utf16, 415, 'Content-Type');
    });
  });

  describe('a member named twice', () => {
    it('is refused (400 naming it) instead of the last one silently winning, and changes nothing', async () => {
      const tasks = await t.http
        .get(`/api/v1/engagements/${engagementId}`)
        .set('Authorization', t.admin)
        .expect(200);
      const task = tasks.body.tasks[0] as { key: string; etag: string };
      const twice = await unchanged(() =>
        t.http
          .patch(`/api/v1/engagements/${engagementId}/tasks/${task.key}`)
          .set('Authorization', t.admin)
          .set('If-Match', task.etag)
          .set('Content-Type', 'application/json')
          .send('{"status":"IN_PROGRESS","status":"NOT_STARTED"}'),
      );
      expectProblem(twice, 400, 'status');
      expect(twice.body.errors).toEqual([
        { field: 'status', message: 'is given more than once; give it once' },
      ]);
      // Deeper down, and written with an escape: the path says where.
      const nested = await unchanged(() =>
        post('/api/v1/engagements')
          .set('Content-Type', 'application/json')
          .send(
            '{"customer":{"name":"Twice Co","n\\u0061me":"Other Co"},"templateKey":"customer-self-managed"}',
          ),
      );
      expectProblem(nested, 400, 'customer.name');
      // The body is read before anyone is signed in, as for a body that is not JSON at all.
      const anonymous = await unchanged(() =>
        t.http
          .post('/api/v1/customers')
          .set('Content-Type', 'application/json')
          .send('{"name":"a","name":"b"}'),
      );
      expectProblem(anonymous, 400, 'name');
    });
  });

  describe('text PostgreSQL cannot store', () => {
    it('U+0000 in a body string, a path segment or a query value: 400 naming it', async () => {
      expectProblem(
        await unchanged(() => post('/api/v1/customers').send({ name: 'Nul\u0000Co' })),
        400,
        'name',
      );
      expectProblem(
        await unchanged(() =>
          post('/api/v1/engagements').send({ contacts: [{ name: 'a', email: 'a@b.c\u0000' }] }),
        ),
        400,
        'contacts[0].email',
      );
      expectProblem(
        await t.http.get('/api/v1/templates/a%00b').set('Authorization', t.admin),
        400,
        'path',
      );
      expectProblem(
        await t.http
          .get(`/api/v1/engagements/${engagementId}/tasks/x%00/audit`)
          .set('Authorization', t.admin),
        400,
        'path',
      );
      expectProblem(
        await t.http.get('/api/v1/engagements?q=a%00b').set('Authorization', t.admin),
        400,
        'q',
      );
    });

    it('a lone surrogate in a name or a note: 400 naming it (the audit event could not store it)', async () => {
      const raw = (url: string, json: string, method: 'post' | 'patch' = 'post') =>
        t.http[method](url)
          .set('Authorization', t.admin)
          .set('Content-Type', 'application/json')
          .send(json);
      expectProblem(
        await unchanged(() => raw('/api/v1/customers', '{"name":"x\\ud800y"}')),
        400,
        'name',
      );
      expectProblem(
        await unchanged(() =>
          raw(`/api/v1/engagements/${engagementId}`, '{"name":"tail \\udc00"}', 'patch'),
        ),
        400,
        'name',
      );
      // A proper pair is a character like any other.
      expect((await raw('/api/v1/customers', '{"name":"Emoji \\ud83d\\ude00 Co"}')).status).toBe(
        201,
      );
    });
  });

  describe('bodies that are expensive to validate', () => {
    it('JSON nested a few thousand levels: 400 at once, no stack overflow', async () => {
      const deep = '{"name":'.repeat(5000) + '"x"' + '}'.repeat(5000);
      const res = await unchanged(() =>
        post('/api/v1/customers').set('Content-Type', 'application/json').send(deep),
      );
      expectProblem(res, 400, /^name(\.name)+$/);
      expect(res.body.errors[0].message).toMatch(/nested too deeply/);
    });

    it('50,000 unknown keys or a 100,000-element array: a quick 400 with a short body', async () => {
      const keys = Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, i]));
      const items = { name: 'x', contacts: Array.from({ length: 100_000 }, () => 0) };
      for (const body of [keys, items]) {
        const started = Date.now();
        const res = await unchanged(() => post('/api/v1/engagements').send(body));
        expectProblem(res, 400);
        expect(res.text.length).toBeLessThan(2_000);
        expect(Date.now() - started).toBeLessThan(1_500);
      }
    });

    it('lists at most 20 offending fields, and says how many more there are', async () => {
      const many = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`extra${i}`, i]));
      const res = await unchanged(() => post('/api/v1/customers').send({ name: 'x', ...many }));
      expectProblem(res, 400, 'extra0');
      expect(res.body.errors).toHaveLength(20);
      expect(res.body.detail).toMatch(/and 40 more problems/);
    });
  });

  describe('methods', () => {
    it('an unknown method on an existing resource: 405 with Allow, everywhere', async () => {
      const cases: [method: 'put' | 'delete' | 'get' | 'post', url: string, allow: string][] = [
        ['put', '/api/v1/engagements', 'GET, HEAD, OPTIONS, POST'],
        ['delete', `/api/v1/engagements/${engagementId}`, 'GET, HEAD, OPTIONS, PATCH'],
        ['delete', '/api/v1/customers', 'GET, HEAD, OPTIONS, POST'],
        ['delete', `/api/v1/engagements/${engagementId}/tasks/x`, 'GET, HEAD, OPTIONS, PATCH'],
        ['post', '/api/v1/reports/overdue', 'GET, HEAD, OPTIONS'],
        ['delete', '/api/v1/me', 'GET, HEAD, OPTIONS, PATCH'],
        [
          'put',
          '/api/v1/api-keys/3fa85f64-5717-4562-b3fc-2c963f66afa6',
          'DELETE, GET, HEAD, OPTIONS',
        ],
        ['get', '/auth/login', 'OPTIONS, POST'],
      ];
      for (const [method, url, allow] of cases) {
        const res = await unchanged(() => t.http[method](url).set('Authorization', t.admin));
        expectProblem(res, 405);
        expect({ url, method, allow: res.headers.allow }).toEqual({ url, method, allow });
      }
      // Before authentication: the method is wrong whoever asks.
      const anonymous = await t.http.put('/api/v1/engagements');
      expectProblem(anonymous, 405);
    });

    it('OPTIONS on a resource: 204 with Allow', async () => {
      const res = await t.http.options(`/api/v1/engagements/${engagementId}`);
      expect(res.status).toBe(204);
      expect(res.headers.allow).toBe('GET, HEAD, OPTIONS, PATCH');
    });

    it('an unknown path is still 404', async () => {
      expectProblem(await t.http.delete('/api/v1/nothing-here').set('Authorization', t.admin), 404);
    });
  });

  describe('headers on every answer', () => {
    it('Cache-Control: no-store on API answers, above all the one with a new key secret', async () => {
      const created = await post('/api/v1/api-keys').send({ name: 'ci', role: 'STAFF' });
      expect(created.status).toBe(201);
      expect(created.headers['cache-control']).toBe('no-store');
      for (const res of [
        await t.http.get('/api/v1/me').set('Authorization', t.admin),
        await t.http.get('/api/v1/me'),
        await t.http.get('/health/ready'),
        await t.http.get('/auth/providers'),
      ]) {
        expect(res.headers['cache-control']).toBe('no-store');
      }
    });

    it('helmet headers on body-parser errors, 405s, 415s and 404s alike', async () => {
      for (const res of [
        await post('/api/v1/customers').set('Content-Type', 'application/json').send('{bad'),
        await t.http.put('/api/v1/engagements'),
        await post('/api/v1/customers').set('Content-Type', 'text/plain').send('x'),
        await t.http.get('/api/v1/nothing'),
      ]) {
        expect(res.headers).toMatchObject({
          'x-content-type-options': 'nosniff',
          'content-security-policy': expect.stringContaining("default-src 'self'"),
          'x-frame-options': 'SAMEORIGIN',
          'cache-control': 'no-store',
        });
      }
    });
  });

  describe("requests Node's parser refuses", () => {
    let port: number;
    beforeAll(async () => {
      const server = t.app.getHttpServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(() => new Promise<void>((resolve) => t.app.getHttpServer().close(() => resolve())));

    const send = (raw: string) =>
      new Promise<string>((resolve) => {
        const socket = net.connect(port, '127.0.0.1', () => socket.write(raw));
        let data = '';
        socket.on('data', (chunk) => (data += chunk));
        socket.on('close', () => resolve(data));
      });
    const parse = (raw: string) => {
      const [head, body] = raw.split('\r\n\r\n');
      const [statusLine, ...headerLines] = head.split('\r\n');
      const headers = Object.fromEntries(
        headerLines.map((line) => {
          const i = line.indexOf(':');
          return [line.slice(0, i).toLowerCase(), line.slice(i + 1).trim()];
        }),
      );
      return { status: Number(statusLine.split(' ')[1]), headers, body: JSON.parse(body) };
    };

    it.each([
      ['oversized headers', `X-Big: ${'a'.repeat(20_000)}\r\n`, 431],
      ['a header name with a space', 'Bad Header: 1\r\n', 400],
      ['a header with a control byte', 'X-Bad: a\u0001b\r\n', 400],
    ])('%s: problem+json with a request id, not an empty body', async (_name, header, status) => {
      const res = parse(await send(`GET /api/v1/me HTTP/1.1\r\nHost: x\r\n${header}\r\n`));
      expect(res).toMatchObject({
        status,
        headers: {
          'content-type': 'application/problem+json',
          'x-content-type-options': 'nosniff',
          'x-request-id': expect.any(String),
        },
        body: { status, title: expect.any(String), detail: expect.any(String) },
      });
      expect(res.body.requestId).toBe(res.headers['x-request-id']);
    });

    it('what Node would answer itself: no Host (400), an unknown Expect (417), CONNECT (405)', async () => {
      const customers = await t.prisma.customer.count();
      const noHost = parse(await send('GET /api/v1/me HTTP/1.1\r\nConnection: close\r\n\r\n'));
      expect(noHost).toMatchObject({
        status: 400,
        headers: { 'content-type': expect.stringMatching(/^application\/problem\+json/) },
        body: { status: 400, errors: [{ field: 'Host', message: expect.any(String) }] },
      });
      const body = '{"name":"Expect Co"}';
      const expectation = parse(
        await send(
          `POST /api/v1/customers HTTP/1.1\r\nHost: x\r\nAuthorization: ${t.admin}\r\n` +
            `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n` +
            `Expect: junk\r\nConnection: close\r\n\r\n${body}`,
        ),
      );
      expect(expectation).toMatchObject({
        status: 417,
        headers: { 'content-type': 'application/problem+json', 'x-request-id': expect.any(String) },
        body: {
          status: 417,
          detail: expect.stringContaining('Expect: junk'),
          instance: '/api/v1/customers',
        },
      });
      const connect = parse(
        await send('CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n'),
      );
      expect(connect).toMatchObject({
        status: 405,
        headers: { 'content-type': 'application/problem+json', 'x-request-id': expect.any(String) },
        body: {
          status: 405,
          detail: expect.stringContaining('CONNECT'),
          instance: 'example.com:443',
        },
      });
      expect(await t.prisma.customer.count()).toBe(customers);
    });
  });
});
