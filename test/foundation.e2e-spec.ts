import { startTestApp, TestApp } from './helpers/test-app';

describe('foundation: health, errors, request ids', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers liveness and readiness without a key', async () => {
    await t.http.get('/health/live').expect(200, { status: 'ok' });
    const ready = await t.http.get('/health/ready').expect(200);
    expect(ready.body).toEqual({ status: 'ok', checks: { database: 'up' } });
  });

  it('echoes an acceptable X-Request-Id and puts it in problem bodies', async () => {
    const res = await t.http.get('/api/v1/api-keys').set('X-Request-Id', 'trace-abc.123');
    expect(res.status).toBe(401);
    expect(res.headers['x-request-id']).toBe('trace-abc.123');
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      type: expect.stringContaining('unauthenticated'),
      title: 'Unauthorized',
      status: 401,
      instance: '/api/v1/api-keys',
      requestId: 'trace-abc.123',
    });
    expect(typeof res.body.detail).toBe('string');
  });

  it('generates a request id when none (or an unsafe one) is given', async () => {
    const res = await t.http.get('/health/live').set('X-Request-Id', 'bad id <script>');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('returns problem+json 404 for an unknown route', async () => {
    const res = await t.http.get('/api/v1/no-such-thing').set('Authorization', t.admin);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.status).toBe(404);
  });

  it('rejects malformed JSON with 400 naming the body', async () => {
    const res = await t.http
      .post('/api/v1/api-keys')
      .set('Authorization', t.admin)
      .set('Content-Type', 'application/json')
      .send('{"name": "x",');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors).toEqual([{ field: 'body', message: 'is not valid JSON' }]);
    expect(JSON.stringify(res.body)).not.toMatch(/SyntaxError|at JSON|position/);
  });

  it('rejects bodies over 1 MiB with 413', async () => {
    const res = await t.http
      .post('/api/v1/api-keys')
      .set('Authorization', t.admin)
      .send({ name: 'x'.repeat(1024 * 1024 + 10), role: 'STAFF' });
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('rejects unknown properties with 400 and names each field', async () => {
    const before = await t.prisma.apiKey.count();
    const res = await t.http
      .post('/api/v1/api-keys')
      .set('Authorization', t.admin)
      .send({ name: 'x', role: 'WIZARD', colour: 'blue' });
    expect(res.status).toBe(400);
    const fields = res.body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['colour', 'role']);
    expect(await t.prisma.apiKey.count()).toBe(before);
  });

  it('sets security headers', async () => {
    const res = await t.http.get('/health/live');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});
