import { createCustomer, snapshotDatabase } from './helpers/engagement-api';
import { expectProblem } from './helpers/problem';
import { seedFixtureCatalogue } from './helpers/template-fixtures';
import { startTestApp, TestApp } from './helpers/test-app';

/**
 * A new customer made together with its first engagement (`customer` instead of `customerId`):
 * one request, so an engagement refused for any reason leaves no customer behind.
 */
describe('engagements: a new customer with its first engagement', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await seedFixtureCatalogue(t.prisma);
  });
  afterAll(() => t.close());

  const post = (body: object, auth = t.admin) =>
    t.http.post('/api/v1/engagements').set('Authorization', auth).send(body);
  let count = 0;
  const withNewCustomer = (name = `Stark Industries ${++count}`, more: object = {}) => ({
    customer: { name },
    templateKey: 'customer-self-managed',
    cloudProvider: 'OTHER',
    securityTier: 'BASIC',
    startDate: '2026-03-02',
    ...more,
  });
  const customersNamed = (name: string) =>
    t.prisma.customer.findMany({ where: { name: { equals: name, mode: 'insensitive' } } });

  it('creates the customer and the engagement at once, the engagement recording its customer', async () => {
    const res = await post({
      ...withNewCustomer(),
      customer: { name: '  Stark Industries ', externalRef: 'CRM-3000' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      customerId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      customerName: 'Stark Industries',
      name: expect.stringMatching(/^Stark Industries — /),
    });
    expect(res.headers.location).toBe(`/api/v1/engagements/${res.body.id}`);
    const customer = await t.http
      .get(`/api/v1/customers/${res.body.customerId}`)
      .set('Authorization', t.admin)
      .expect(200);
    expect(customer.body).toMatchObject({ name: 'Stark Industries', externalRef: 'CRM-3000' });
    // As with POST /customers, a customer has no history of its own: the engagement's creation
    // event names it, as it names any customer an engagement is made for.
    const events = await t.prisma.auditEvent.findMany({ where: { engagementId: res.body.id } });
    expect(events.map((e) => e.action)).toEqual(['engagement.created']);
    expect((events[0].changes as { customerId: unknown }).customerId).toEqual({
      from: null,
      to: res.body.customerId,
    });
  });

  it.each([
    ['a start date whose tasks fall after 2099', { startDate: '2099-12-01' }, 'startDate'],
    [
      'a contact of a party the template does not have',
      { contacts: [{ party: 'NOBODY', name: 'Nat', email: 'nat@stark.example' }] },
      'contacts[0].party',
    ],
    ['a template that does not exist', { templateKey: 'no-such-template' }, 'templateKey'],
  ])(
    'refuses an engagement with %s (422), leaving no customer and no event',
    async (_, more, field) => {
      const name = `Refused Industries (${field})`;
      const before = await snapshotDatabase(t);
      const res = await post(withNewCustomer(name, more));
      expectProblem(res, 422, field);
      expect(await snapshotDatabase(t)).toBe(before);
      // Put right, the same request makes the customer, once.
      await post(withNewCustomer(name)).expect(201);
      expect(await customersNamed(name)).toHaveLength(1);
    },
  );

  it("refuses a taken name (any case) with POST /customers's 409, naming customer.name", async () => {
    await createCustomer(t, 'Wayne Enterprises');
    const before = await snapshotDatabase(t);
    const res = await post(withNewCustomer('WAYNE enterprises'));
    expectProblem(res, 409);
    const direct = await t.http
      .post('/api/v1/customers')
      .set('Authorization', t.admin)
      .send({ name: 'WAYNE enterprises' })
      .expect(409);
    expect(res.body).toMatchObject({
      type: direct.body.type,
      detail: direct.body.detail,
      errors: [{ field: 'customer.name', message: direct.body.errors[0].message }],
    });
    expect(res.body.detail).toContain('"Wayne Enterprises"');
    expect(await snapshotDatabase(t)).toBe(before);
  });

  it('races for one new name: one engagement and one customer, every other answer the 409', async () => {
    const names = ['Oscorp', 'OSCORP'];
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => post(withNewCustomer(names[i % 2]))),
    );
    expect(answers.filter((res) => res.status === 201)).toHaveLength(1);
    for (const res of answers.filter((r) => r.status !== 201)) {
      expectProblem(res, 409);
      expect(res.body.errors).toEqual([{ field: 'customer.name', message: expect.any(String) }]);
    }
    const [customer, ...more] = await customersNamed('Oscorp');
    expect(more).toEqual([]);
    expect(await t.prisma.engagement.count({ where: { customerId: customer.id } })).toBe(1);
  });

  it.each([
    [
      'both customerId and customer',
      'customer',
      'customer cannot be given together with customerId: give one of them',
      { customerId: 'existing' },
    ],
    [
      'neither customerId nor customer',
      'customerId',
      'customerId is required, or customer instead',
      { customer: undefined },
    ],
    ['a customer of null', 'customer', 'customer must be an object', { customer: null }],
    [
      'a customer without a name',
      'customer.name',
      'name is required',
      { customer: { externalRef: 'X' } },
    ],
    [
      'a customer with an unknown member',
      'customer.colour',
      'should not exist',
      { customer: { name: 'Q', colour: 1 } },
    ],
  ])('refuses %s with 400 naming %s', async (_, field, message, more: object) => {
    if ('customerId' in more) more = { customerId: await createCustomer(t) };
    const body = { ...withNewCustomer(), ...more };
    const before = await snapshotDatabase(t);
    const res = await post(body);
    expectProblem(res, 400);
    expect(res.body.errors).toEqual([{ field, message }]);
    expect(await snapshotDatabase(t)).toBe(before);
  });

  describe('Idempotency-Key', () => {
    it('replays the first answer for the same key and body, making no second customer', async () => {
      const body = withNewCustomer('LexCorp');
      const first = await post(body).set('Idempotency-Key', 'new-customer-1').expect(201);
      const before = await snapshotDatabase(t);
      const again = await post(body).set('Idempotency-Key', 'new-customer-1').expect(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(await snapshotDatabase(t)).toBe(before);
      // Another customer under the same key is another request: refused, changing nothing.
      const other = await post(withNewCustomer('LuthorCorp')).set(
        'Idempotency-Key',
        'new-customer-1',
      );
      expectProblem(other, 422, 'Idempotency-Key');
      expect(await snapshotDatabase(t)).toBe(before);
    });

    it('makes one customer and one engagement when the same key races', async () => {
      const body = withNewCustomer('Cyberdyne Systems');
      const answers = await Promise.all(
        Array.from({ length: 8 }, () => post(body).set('Idempotency-Key', 'new-customer-race')),
      );
      expect(answers.map((res) => res.status)).toEqual(Array(8).fill(201));
      expect(new Set(answers.map((res) => res.body.id)).size).toBe(1);
      const [customer, ...more] = await customersNamed('Cyberdyne Systems');
      expect(more).toEqual([]);
      expect(await t.prisma.engagement.count({ where: { customerId: customer.id } })).toBe(1);
    });
  });

  it('may be done by whoever may create customers: ADMIN and STAFF, as key or person; not CUSTOMER', async () => {
    const own = await createCustomer(t);
    const callers = {
      'ADMIN key': (body: object) => post(body, t.admin),
      'STAFF key': async (body: object) => post(body, await t.keyFor('STAFF')),
      'ADMIN person': async (body: object) =>
        (await t.userFor('ADMIN')).post('/api/v1/engagements').send(body),
      'STAFF person': async (body: object) =>
        (await t.userFor('STAFF')).post('/api/v1/engagements').send(body),
      'CUSTOMER key': async (body: object) => post(body, await t.keyFor('CUSTOMER', own)),
      'CUSTOMER person': async (body: object) =>
        (await t.userFor('CUSTOMER', own))
          .post('/api/v1/engagements')
          .set('Idempotency-Key', 'customer-tries')
          .send(body),
      nobody: (body: object) => t.http.post('/api/v1/engagements').send(body),
    };
    const answers: Record<string, number> = {};
    for (const [caller, send] of Object.entries(callers)) {
      const name = `Made by ${caller}`;
      answers[caller] = (await send(withNewCustomer(name))).status;
      answers[`${caller}: customers`] = (await customersNamed(name)).length;
    }
    expect(answers).toEqual({
      'ADMIN key': 201,
      'ADMIN key: customers': 1,
      'STAFF key': 201,
      'STAFF key: customers': 1,
      'ADMIN person': 201,
      'ADMIN person: customers': 1,
      'STAFF person': 201,
      'STAFF person: customers': 1,
      'CUSTOMER key': 403,
      'CUSTOMER key: customers': 0,
      'CUSTOMER person': 403,
      'CUSTOMER person: customers': 0,
      nobody: 401,
      'nobody: customers': 0,
    });
  });
});
