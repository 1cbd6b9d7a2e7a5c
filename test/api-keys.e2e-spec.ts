import { ApiKeyService } from '../src/auth/api-key.service';
import { hashApiKeySecret } from '../src/auth/api-key-secret';
import { ADMIN_KEY, startTestApp, TestApp } from './helpers/test-app';

describe('API keys', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('ensures the BOOTSTRAP_ADMIN_KEY exists exactly once, idempotently', async () => {
    const rows = await t.prisma.apiKey.findMany({ where: { hash: hashApiKeySecret(ADMIN_KEY) } });
    expect(rows).toHaveLength(1);
    expect(rows[0].role).toBe('ADMIN');
    // A second boot on the same database changes nothing.
    await t.app.get(ApiKeyService).onApplicationBootstrap();
    expect(await t.prisma.apiKey.count({ where: { hash: hashApiKeySecret(ADMIN_KEY) } })).toBe(1);
  });

  it('creates a key, shows the secret once, and stores only a hash and a prefix', async () => {
    const res = await t.http
      .post('/api/v1/api-keys')
      .set('Authorization', t.admin)
      .send({ name: 'ci', role: 'STAFF' })
      .expect(201);
    expect(res.body.key).toMatch(/^otk_[A-Za-z0-9_-]{43}$/);
    expect(res.body.prefix).toBe(res.body.key.slice(0, 12));
    const stored = await t.prisma.apiKey.findUniqueOrThrow({ where: { id: res.body.id } });
    expect(stored.hash).toBe(hashApiKeySecret(res.body.key));
    expect(JSON.stringify(stored)).not.toContain(res.body.key);

    const list = await t.http.get('/api/v1/api-keys').set('Authorization', t.admin).expect(200);
    expect(JSON.stringify(list.body)).not.toContain(res.body.key);
    expect(list.body.every((k: Record<string, unknown>) => !('key' in k) && !('hash' in k))).toBe(
      true,
    );
  });

  it('requires customerId for CUSTOMER keys and forbids it for the others (422)', async () => {
    const missing = await t.http
      .post('/api/v1/api-keys')
      .set('Authorization', t.admin)
      .send({ name: 'c', role: 'CUSTOMER' })
      .expect(422);
    expect(missing.body.errors).toEqual([{ field: 'customerId', message: expect.any(String) }]);
    const customer = await t.prisma.customer.create({
      data: { id: crypto.randomUUID(), name: 'Acme' },
    });
    const forbidden = await t.http
      .post('/api/v1/api-keys')
      .set('Authorization', t.admin)
      .send({ name: 's', role: 'STAFF', customerId: customer.id })
      .expect(422);
    expect(forbidden.body.errors[0].field).toBe('customerId');
    const unknown = await t.http
      .post('/api/v1/api-keys')
      .set('Authorization', t.admin)
      .send({ name: 'c', role: 'CUSTOMER', customerId: crypto.randomUUID() })
      .expect(422);
    expect(unknown.body.errors[0].field).toBe('customerId');
  });

  it('revokes a key: its next request fails with 401', async () => {
    const staff = await t.keyFor('STAFF');
    const created = await t.prisma.apiKey.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    await t.http.get('/health/ready').set('Authorization', staff).expect(200);
    await t.http.delete(`/api/v1/api-keys/${created.id}`).set('Authorization', t.admin).expect(200);
    const res = await t.http.get('/api/v1/api-keys').set('Authorization', staff);
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });

  it('answers 401 without a key or with an unknown key, 403 for a role without the right', async () => {
    await t.http.get('/api/v1/api-keys').expect(401);
    await t.http.get('/api/v1/api-keys').set('Authorization', 'Bearer otk_nope').expect(401);
    await t.http.get('/api/v1/api-keys').set('Authorization', 'Basic abc').expect(401);
    const staff = await t.keyFor('STAFF');
    const res = await t.http.get('/api/v1/api-keys').set('Authorization', staff).expect(403);
    expect(res.body.status).toBe(403);
  });

  it('rate-limits per key with 429 and Retry-After', async () => {
    const limited = await startTestApp({ RATE_LIMIT_PER_MINUTE: '3' });
    try {
      for (let i = 0; i < 3; i++) {
        await limited.http.get('/api/v1/api-keys').set('Authorization', limited.admin).expect(200);
      }
      const res = await limited.http.get('/api/v1/api-keys').set('Authorization', limited.admin);
      expect(res.status).toBe(429);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });
});

describe('first start without BOOTSTRAP_ADMIN_KEY', () => {
  it('creates one ADMIN key and prints it once; a restart creates none', async () => {
    const writes: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
      writes.push(String(chunk));
      return true;
    });
    const t = await startTestApp({ BOOTSTRAP_ADMIN_KEY: '' });
    try {
      spy.mockRestore();
      const keys = await t.prisma.apiKey.findMany();
      expect(keys).toHaveLength(1);
      expect(keys[0].role).toBe('ADMIN');
      const printed = /(otk_[A-Za-z0-9_-]{43})/.exec(writes.join(''));
      expect(printed).not.toBeNull();
      expect(keys[0].hash).toBe(hashApiKeySecret(printed![1]));
      await t.http
        .get('/api/v1/api-keys')
        .set('Authorization', `Bearer ${printed![1]}`)
        .expect(200);
      await t.app.get(ApiKeyService).onApplicationBootstrap();
      expect(await t.prisma.apiKey.count()).toBe(1);
    } finally {
      spy.mockRestore();
      await t.close();
    }
  });
});

describe('API key ids', () => {
  it('names the id parameter when it is not a UUID (400)', async () => {
    const t = await startTestApp();
    try {
      const res = await t.http.get('/api/v1/api-keys/not-a-uuid').set('Authorization', t.admin);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ field: 'id', message: 'must be a UUID' }]);
    } finally {
      await t.close();
    }
  });
});

describe('API key names', () => {
  it('drops surrounding spaces, and refuses a name of spaces alone (400 naming name)', async () => {
    const t = await startTestApp();
    try {
      const before = await t.prisma.apiKey.count();
      const blank = await t.http
        .post('/api/v1/api-keys')
        .set('Authorization', t.admin)
        .send({ name: '   ', role: 'STAFF' });
      expect(blank.status).toBe(400);
      expect(blank.body.errors).toEqual([{ field: 'name', message: expect.any(String) }]);
      expect(await t.prisma.apiKey.count()).toBe(before);
      const padded = await t.http
        .post('/api/v1/api-keys')
        .set('Authorization', t.admin)
        .send({ name: '  acme-ci ', role: 'STAFF' })
        .expect(201);
      expect(padded.body.name).toBe('acme-ci');
    } finally {
      await t.close();
    }
  });
});
