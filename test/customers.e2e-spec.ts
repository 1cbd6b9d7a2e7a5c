import { snapshotDatabase } from './helpers/engagement-api';
import { startTestApp, TestApp } from './helpers/test-app';

describe('customers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const post = (body: object, auth = t.admin) =>
    t.http.post('/api/v1/customers').set('Authorization', auth).send(body);

  it('creates a customer with Location, then reads it back', async () => {
    const res = await post({ name: '  Acme Corp ', externalRef: 'CRM-1' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'Acme Corp',
      externalRef: 'CRM-1',
      createdAt: expect.any(String),
    });
    expect(res.headers.location).toBe(`/api/v1/customers/${res.body.id}`);
    const got = await t.http.get(res.headers.location).set('Authorization', t.admin).expect(200);
    expect(got.body).toEqual(res.body);
    expect(await t.prisma.customer.count({ where: { id: res.body.id } })).toBe(1);
  });

  it('refuses a name that differs only in case with 409, changing nothing', async () => {
    await post({ name: 'Globex' }).expect(201);
    const before = await snapshotDatabase(t);
    const res = await post({ name: 'GLOBEX' });
    expect(res.status).toBe(409);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.body.detail).toContain('Globex');
    expect(await snapshotDatabase(t)).toBe(before);
  });

  it('races for one name: one 201 each, every other answer a 409 naming name (never the index)', async () => {
    // Both transactions can pass the name check before either inserts; the unique index then
    // settles it, and its error must read like the check's.
    for (let round = 0; round < 5; round++) {
      const names = [`Race ${round} Corp`, `RACE ${round} corp`];
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) => post({ name: names[i % 2] })),
      );
      expect(answers.filter((res) => res.status === 201)).toHaveLength(1);
      for (const res of answers.filter((r) => r.status !== 201)) {
        expect(res.status).toBe(409);
        expect(res.headers['content-type']).toMatch(/problem\+json/);
        expect(res.body.errors).toEqual([{ field: 'name', message: expect.any(String) }]);
      }
      expect(await t.prisma.customer.count({ where: { name: { in: names } } })).toBe(1);
    }
  });

  it('stores names composed (NFC): the same name typed decomposed is a duplicate (409)', async () => {
    const composed = await post({ name: 'Caf\u00e9 \u00dcnicode' }).expect(201);
    expect(composed.body.name).toBe('Caf\u00e9 \u00dcnicode');
    const decomposed = await post({ name: 'Cafe\u0301 U\u0308nicode' });
    expect(decomposed.status).toBe(409);
    expect(decomposed.body.errors).toEqual([{ field: 'name', message: expect.any(String) }]);
  });

  it('refuses bad shapes with 400', async () => {
    const res = await post({ name: '', colour: 'red' });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'colour',
      'name',
    ]);
  });

  it('lists customers by name and answers 404 for unknown ids', async () => {
    const list = await t.http.get('/api/v1/customers').set('Authorization', t.admin).expect(200);
    const names = list.body.map((c: { name: string }) => c.name);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining(['Acme Corp', 'Globex']));
    await t.http
      .get('/api/v1/customers/00000000-0000-4000-8000-000000000000')
      .set('Authorization', t.admin)
      .expect(404);
  });

  describe('Idempotency-Key', () => {
    it('replays the first response for the same key and body, creating nothing', async () => {
      const first = await post({ name: 'Initech' }).set('Idempotency-Key', 'cust-key-1');
      expect(first.status).toBe(201);
      const before = await snapshotDatabase(t);
      const again = await post({ name: 'Initech' }).set('Idempotency-Key', 'cust-key-1');
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers.location).toBe(first.headers.location);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(await snapshotDatabase(t)).toBe(before);
    });

    it('refuses the same key with a different body (422), creating nothing', async () => {
      await post({ name: 'Umbrella' }).set('Idempotency-Key', 'cust-key-2').expect(201);
      const before = await snapshotDatabase(t);
      const res = await post({ name: 'Umbrella Two' }).set('Idempotency-Key', 'cust-key-2');
      expect(res.status).toBe(422);
      expect(res.body.type).toContain('idempotency-key-reused');
      // Named like every other header problem.
      expect(res.body.errors).toEqual([{ field: 'Idempotency-Key', message: expect.any(String) }]);
      expect(await snapshotDatabase(t)).toBe(before);
    });

    it('scopes keys per API key', async () => {
      const staff = await t.keyFor('STAFF');
      await post({ name: 'Hooli' }, t.admin).set('Idempotency-Key', 'shared-key').expect(201);
      // Another key's same Idempotency-Key is a different request: a real create (here a name clash).
      const res = await post({ name: 'Hooli' }, staff).set('Idempotency-Key', 'shared-key');
      expect(res.status).toBe(409);
      await post({ name: 'Pied Piper' }, staff).set('Idempotency-Key', 'shared-key').expect(201);
    });

    it('creates exactly one customer when the same key races', async () => {
      const results = await Promise.all(
        Array.from({ length: 8 }, () =>
          post({ name: 'Vandelay' }).set('Idempotency-Key', 'race-key'),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(Array(8).fill(201));
      expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
      const rows = await t.prisma.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM customer WHERE lower(name) = 'vandelay'`;
      expect(rows[0].n).toBe(1);
    });

    it('rejects a malformed key with 400', async () => {
      const res = await post({ name: 'Spaced' }).set('Idempotency-Key', 'has space');
      expect(res.status).toBe(400);
      expect(await t.prisma.customer.count({ where: { name: 'Spaced' } })).toBe(0);
    });

    it('forgets records older than 24 hours', async () => {
      await post({ name: 'Old Co' }).set('Idempotency-Key', 'old-key').expect(201);
      await t.prisma.$executeRaw`
        UPDATE idempotency_record SET created_at = now() - interval '25 hours' WHERE key = 'old-key'`;
      // The expired record no longer binds the key: a different body is a new request.
      await post({ name: 'New Co' }).set('Idempotency-Key', 'old-key').expect(201);
      await t.prisma.$executeRaw`
        UPDATE idempotency_record SET created_at = now() - interval '23 hours' WHERE key = 'old-key'`;
      await post({ name: 'Newer Co' }).set('Idempotency-Key', 'old-key').expect(422);
    });
  });

  describe('as a CUSTOMER', () => {
    it('sees only its own customer, 404 for others, and cannot create', async () => {
      const own = (await post({ name: 'Own Ltd' }).expect(201)).body;
      const other = (await post({ name: 'Other Ltd' }).expect(201)).body;
      const customer = await t.keyFor('CUSTOMER', own.id);
      const list = await t.http.get('/api/v1/customers').set('Authorization', customer).expect(200);
      expect(list.body).toEqual([own]);
      await t.http.get(`/api/v1/customers/${own.id}`).set('Authorization', customer).expect(200);
      await t.http.get(`/api/v1/customers/${other.id}`).set('Authorization', customer).expect(404);
      const before = await snapshotDatabase(t);
      await post({ name: 'Sneaky' }, customer).expect(403);
      expect(await snapshotDatabase(t)).toBe(before);
    });

    it('requires a key at all', async () => {
      await t.http.get('/api/v1/customers').expect(401);
    });
  });
});
