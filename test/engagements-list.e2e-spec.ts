import { addDays, todayUtc, toDbDate } from '../src/common/domain/calendar-date';
import { encodeCursor } from '../src/common/paging/cursor';
import { ENGAGEMENT_SORT_KEYS, ENGAGEMENT_SORTS } from '../src/engagements/engagement-sort';
import {
  createFixtureCustomer,
  createFixtureEngagement,
  createFixtureTemplate,
  FixtureEngagement,
  FixtureTemplate,
} from './helpers/report-fixtures';
import { startTestApp, TestApp } from './helpers/test-app';

/**
 * GET /engagements: search (q), every order (sort) through cursor paging, and nextDueTask. Orders
 * are checked against the fields each summary shows, and those fields against the detail view.
 */
const URL = '/api/v1/engagements';
const today = todayUtc();
const day = (offset: number) => addDays(today, offset);

interface Summary {
  id: string;
  customerId: string;
  customerName: string;
  name: string;
  startDate: string;
  createdAt: string;
  progress: { percent: number };
  overdueCount: number;
  nextDueTask: { key: string; title: string; dueDate: string } | null;
  [field: string]: unknown;
}
type SortKey = (typeof ENGAGEMENT_SORT_KEYS)[number];

const keyOf: Record<SortKey, (e: Summary) => string | number | null> = {
  createdAt: (e) => e.createdAt,
  customer: (e) => e.customerName.toLowerCase(),
  name: (e) => e.name.toLowerCase(),
  startDate: (e) => e.startDate,
  progress: (e) => e.progress.percent,
  overdue: (e) => e.overdueCount,
  nextDue: (e) => e.nextDueTask?.dueDate ?? null,
};

/** The order a sort must give: by key (no next due task last), then by id, both reversed by `-`. */
function inOrder(items: Summary[], spec: string): Summary[] {
  const descending = spec.startsWith('-');
  const key = keyOf[spec.replace(/^-/, '') as SortKey];
  const sign = descending ? -1 : 1;
  return [...items].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    if (ka === null || kb === null) {
      if (ka !== kb) return ka === null ? 1 : -1;
    } else if (ka !== kb) {
      return (ka < kb ? -1 : 1) * sign;
    }
    return (a.id < b.id ? -1 : 1) * sign;
  });
}

describe('engagement list: search, sort, paging, next due task', () => {
  let t: TestApp;
  let template: FixtureTemplate;
  const ids: Record<string, string> = {};
  const customers: Record<string, string> = {};

  async function engagement(
    name: string,
    customer: string,
    spec: Omit<FixtureEngagement, 'customerId' | 'template' | 'name'> & {
      startDate?: string;
      createdAt?: string;
    } = {},
  ) {
    const id = await createFixtureEngagement(t.prisma, {
      ...spec,
      customerId: customers[customer],
      template,
      name,
    });
    if (spec.startDate || spec.createdAt) {
      await t.prisma.engagement.update({
        where: { id },
        data: {
          ...(spec.startDate ? { startDate: toDbDate(spec.startDate) } : {}),
          ...(spec.createdAt ? { createdAt: new Date(spec.createdAt) } : {}),
        },
      });
    }
    ids[name] = id;
    return id;
  }

  beforeAll(async () => {
    t = await startTestApp();
    template = await createFixtureTemplate(t.prisma, 'list-model');
    for (const name of [
      'Acme Corp',
      'Beta_Industries',
      'Gamma 100% Ltd',
      'Delta\\Works',
      'epsilon',
      'zeta',
    ]) {
      customers[name] = await createFixtureCustomer(t.prisma, name);
    }
    const sameInstant = '2026-01-01T10:00:00.000Z';
    // Next due: remote (BLOCKED, overdue by 3 days); the DONE task due earlier does not count.
    await engagement('Acme prod', 'Acme Corp', {
      startDate: '2026-02-01',
      createdAt: sameInstant,
      tasks: {
        'subscription-prerequisites': { dueDate: day(-10), status: 'DONE' },
        'remote-access-for-installation': { dueDate: day(-3), status: 'BLOCKED' },
        'network-management': { dueDate: day(5) },
      },
    });
    // Two tasks due the same day: the one at the lower position is next.
    await engagement('acme STAGING', 'Acme Corp', {
      startDate: '2026-02-01',
      createdAt: sameInstant,
      tasks: {
        'subscription-prerequisites': { dueDate: day(-20), status: 'NOT_APPLICABLE' },
        'network-management': { dueDate: day(4) },
        'remote-access-for-installation': { dueDate: day(4), status: 'IN_PROGRESS' },
      },
    });
    await engagement('Acme Staging', 'Acme Corp', {
      createdAt: sameInstant,
      tasks: { 'subscription-prerequisites': { dueDate: day(4) } },
    });
    // Cancelled with open, late tasks: nothing is due.
    await engagement('Beta_Industries PDP', 'Beta_Industries', {
      status: 'CANCELLED',
      startDate: '2025-12-24',
      tasks: { 'subscription-prerequisites': { dueDate: day(-30) } },
    });
    // Would match "beta_" if _ were a wildcard.
    await engagement('Betaxindustries clone', 'epsilon', {
      tasks: {
        'subscription-prerequisites': { dueDate: day(-2) },
        'remote-access-for-installation': { dueDate: day(-1) },
      },
    });
    await engagement('Gamma 100% PDP', 'Gamma 100% Ltd', { startDate: '2025-12-24' });
    // Would match "100%" if % were a wildcard.
    await engagement('Gamma 1000 PDP', 'epsilon', { startDate: '2025-12-24' });
    await engagement('Delta\\Works main', 'Delta\\Works');
    // Would match "a\w" if the backslash escaped the w.
    await engagement('DeltaWorks other', 'zeta');
    // Every task closed: complete, nothing due.
    const allDone = Object.fromEntries(
      [
        'subscription-prerequisites',
        'remote-access-for-installation',
        'network-management',
        'infrastructure-monitoring',
      ].map((key, i) => [
        key,
        { dueDate: day(-40 + i), status: i === 0 ? 'NOT_APPLICABLE' : 'DONE' },
      ]),
    );
    await engagement('Zeta done', 'zeta', { status: 'COMPLETED', tasks: allDone });
    await engagement('zeta half', 'zeta', {
      tasks: {
        'subscription-prerequisites': { dueDate: day(-9), status: 'DONE' },
        'remote-access-for-installation': { dueDate: day(-8), status: 'DONE' },
        'network-management': { dueDate: day(-7) },
      },
    });
    await engagement('epsilon overdue', 'epsilon', {
      startDate: '2026-03-15',
      tasks: {
        'subscription-prerequisites': { dueDate: day(-5) },
        'remote-access-for-installation': { dueDate: day(-5) },
        'network-management': { dueDate: day(-1), status: 'BLOCKED' },
      },
    });
  });
  afterAll(() => t.close());

  const list = (query: Record<string, string | number>, auth = t.admin) =>
    t.http.get(URL).query(query).set('Authorization', auth);

  async function pageThrough(query: Record<string, string | number>, auth = t.admin) {
    const items: Summary[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Record<string, string | number> = cursor ? { ...query, cursor } : query;
      const res: { body: { items: Summary[]; nextCursor: string | null } } = await list(
        page,
        auth,
      ).expect(200);
      items.push(...res.body.items);
      cursor = res.body.nextCursor;
      pages += 1;
      expect(pages).toBeLessThan(50);
    } while (cursor);
    return { items, pages };
  }

  const allIds = async () =>
    (await t.prisma.engagement.findMany({ select: { id: true } })).map((e) => e.id).sort();

  it('shows in each summary what the engagement itself shows, nextDueTask included', async () => {
    const { items } = await pageThrough({ limit: 200 });
    expect(items.map((e) => e.id).sort()).toEqual(await allIds());
    for (const item of items) {
      const detail = await t.http
        .get(`${URL}/${item.id}`)
        .set('Authorization', t.admin)
        .expect(200);
      // The detail adds its contacts and tasks, and its version for If-Match.
      const { contacts: _c, tasks: _t, version: _v, etag: _e, ...summary } = detail.body;
      expect(item).toEqual(summary);
    }
  });

  it('names the open task due first as nextDueTask, null when nothing is due', async () => {
    const { items } = await pageThrough({ limit: 200 });
    const next = (name: string) => items.find((e) => e.id === ids[name])!.nextDueTask;
    expect(next('Acme prod')).toEqual({
      key: 'remote-access-for-installation',
      title: 'Remote access for installation',
      dueDate: day(-3),
    });
    expect(next('acme STAGING')).toEqual({
      key: 'remote-access-for-installation',
      title: 'Remote access for installation',
      dueDate: day(4),
    });
    expect(next('zeta half')?.key).toBe('network-management');
    expect(next('Gamma 100% PDP')).toEqual({
      key: 'subscription-prerequisites',
      title: 'Subscription prerequisites',
      dueDate: '2099-12-31',
    });
    expect(next('Beta_Industries PDP')).toBeNull(); // cancelled
    expect(next('Zeta done')).toBeNull(); // every task closed
  });

  it.each(ENGAGEMENT_SORTS)(
    'sort=%s pages through every engagement once, in order',
    async (sort) => {
      const all = (await pageThrough({ limit: 200 })).items;
      const { items, pages } = await pageThrough({ sort, limit: 3 });
      expect(pages).toBe(Math.ceil(all.length / 3));
      expect(items.map((e) => e.id)).toEqual(inOrder(all, sort).map((e) => e.id));
    },
  );

  it('orders have ties on their keys (so the id tie-break is exercised) and differ from each other', async () => {
    const all = (await pageThrough({ limit: 200 })).items;
    for (const key of ENGAGEMENT_SORT_KEYS) {
      const values = all.map(keyOf[key]);
      expect({ key, ties: new Set(values).size < values.length }).toEqual({ key, ties: true });
      expect({ key, varied: new Set(values).size > 1 }).toEqual({ key, varied: true });
    }
  });

  it('defaults to creation order, equal instants by id', async () => {
    const all = (await pageThrough({ limit: 200 })).items;
    const { items } = await pageThrough({ limit: 2 });
    expect(items.map((e) => e.id)).toEqual(inOrder(all, 'createdAt').map((e) => e.id));
  });

  it('sorts and pages within the filters and the search', async () => {
    const all = (await pageThrough({ limit: 200 })).items;
    const acme = customers['Acme Corp'];
    const { items } = await pageThrough({ sort: '-nextDue', customerId: acme, limit: 1 });
    expect(items.map((e) => e.id)).toEqual(
      inOrder(
        all.filter((e) => e.customerId === acme),
        '-nextDue',
      ).map((e) => e.id),
    );
    const searched = await pageThrough({ q: 'pdp', sort: 'customer', limit: 2 });
    expect(searched.items.map((e) => e.id)).toEqual(
      inOrder(
        all.filter((e) => /pdp/i.test(e.name) || /pdp/i.test(e.customerName)),
        'customer',
      ).map((e) => e.id),
    );
    const overdue = await pageThrough({ overdue: 'true', sort: '-overdue', limit: 2 });
    expect(overdue.items.map((e) => e.id)).toEqual(
      inOrder(
        all.filter((e) => e.overdueCount > 0),
        '-overdue',
      ).map((e) => e.id),
    );
    expect(overdue.items.length).toBeGreaterThanOrEqual(3);
  });

  describe('search', () => {
    const matching = (all: Summary[], q: string) =>
      all.filter(
        (e) =>
          e.customerName.toLowerCase().includes(q.toLowerCase()) ||
          e.name.toLowerCase().includes(q.toLowerCase()),
      );

    it.each([
      ['ACME', 3],
      ['staging', 2],
      ['epsilon', 3],
      ['beta_', 1],
      ['100%', 1],
      ['%', 1],
      ['_', 1],
      ['a\\w', 1],
    ])(
      'q=%j finds names containing it, case-insensitively and literally (%i)',
      async (q, count) => {
        const all = (await pageThrough({ limit: 200 })).items;
        const expected = matching(all, q);
        const { items } = await pageThrough({ q, limit: 200 });
        expect(items.map((e) => e.name).sort()).toEqual(expected.map((e) => e.name).sort());
        expect(items).toHaveLength(count);
      },
    );

    it('treats the wildcards as text: the look-alikes are not found', async () => {
      const names = async (q: string) =>
        (await list({ q, limit: 200 }).expect(200)).body.items.map((e: Summary) => e.name);
      expect(await names('beta_')).not.toContain('Betaxindustries clone');
      expect(await names('100%')).not.toContain('Gamma 1000 PDP');
      expect(await names('a\\w')).not.toContain('DeltaWorks other');
    });

    it('drops surrounding spaces', async () => {
      const padded = await list({ q: '  ACME  ' }).expect(200);
      const plain = await list({ q: 'acme' }).expect(200);
      expect(padded.body).toEqual(plain.body);
      expect(padded.body.items).toHaveLength(3);
    });
  });

  describe('as a CUSTOMER key', () => {
    it('searches and sorts only its own engagements; another customer gives an empty page', async () => {
      const key = await t.keyFor('CUSTOMER', customers.epsilon);
      const all = (await pageThrough({ limit: 200 })).items;
      const own = all.filter((e) => e.customerId === customers.epsilon);
      const { items } = await pageThrough({ sort: '-name', limit: 2 }, key);
      expect(items.map((e) => e.id)).toEqual(inOrder(own, '-name').map((e) => e.id));
      const searched = await list({ q: 'acme' }, key).expect(200);
      expect(searched.body).toEqual({ items: [], nextCursor: null });
      const foreign = await list({ customerId: customers['Acme Corp'], sort: 'name' }, key).expect(
        200,
      );
      expect(foreign.body).toEqual({ items: [], nextCursor: null });
    });
  });

  describe('refuses bad parameters with 400 problem+json naming the field', () => {
    it.each([
      [{ sort: 'colour' }, 'sort'],
      [{ sort: '--name' }, 'sort'],
      [{ sort: 'Name' }, 'sort'],
      [{ q: '' }, 'q'],
      [{ q: '   ' }, 'q'],
      [{ cursor: 'garbage!' }, 'cursor'],
    ])('%j → %s', async (query, field) => {
      const res = await list(query).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    });

    it('a search longer than 200 characters → q', async () => {
      const res = await list({ q: 'x'.repeat(201) }).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['q']);
    });

    it('refuses a cursor issued for another order', async () => {
      const byName = await list({ sort: 'name', limit: 2 }).expect(200);
      expect(byName.body.nextCursor).not.toBeNull();
      for (const sort of ['-name', 'createdAt', 'customer']) {
        const res = await list({ sort, cursor: byName.body.nextCursor }).expect(400);
        expect(res.body.errors).toEqual([{ field: 'cursor', message: expect.any(String) }]);
      }
      const byDefault = await list({ limit: 2 }).expect(200);
      const res = await list({ sort: 'progress', cursor: byDefault.body.nextCursor }).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['cursor']);
    });

    it.each([
      ['progress', { s: 'progress', k: 'abc', id: '00000000-0000-4000-8000-000000000000' }],
      ['progress', { s: 'progress', k: '101', id: '00000000-0000-4000-8000-000000000000' }],
      [
        'startDate',
        { s: 'startDate', k: '2026-02-30', id: '00000000-0000-4000-8000-000000000000' },
      ],
      ['createdAt', { s: 'createdAt', k: 'yesterday', id: '00000000-0000-4000-8000-000000000000' }],
      ['nextDue', { s: 'nextDue', k: '-infinity', id: '00000000-0000-4000-8000-000000000000' }],
      ['name', { s: 'name', k: 'acme', id: "x' OR 1=1 --" }],
      ['name', { s: 'name', id: '00000000-0000-4000-8000-000000000000' }],
      ['createdAt', { at: '2026-01-01T10:00:00.000Z', id: '00000000-0000-4000-8000-000000000000' }],
    ])('sort=%s refuses the tampered cursor %j', async (sort, position) => {
      const res = await list({ sort, cursor: encodeCursor(position) }).expect(400);
      expect(res.body.errors).toEqual([{ field: 'cursor', message: expect.any(String) }]);
    });

    it('continues after a well-formed cursor it could have issued', async () => {
      const all = (await pageThrough({ limit: 200 })).items;
      const cursor = encodeCursor({
        s: '-nextDue',
        k: day(0),
        id: '00000000-0000-4000-8000-000000000000',
      });
      const res = await list({ sort: '-nextDue', cursor, limit: 200 }).expect(200);
      // After (today, the lowest id) descending: due before today, and nothing due, last.
      expect(res.body.items.map((e: Summary) => e.id)).toEqual(
        inOrder(all, '-nextDue')
          .filter((e) => e.nextDueTask === null || e.nextDueTask.dueDate < day(0))
          .map((e) => e.id),
      );
    });
  });

  it('documents q and sort in OpenAPI', async () => {
    const doc = (await t.http.get('/docs/openapi.json').expect(200)).body;
    const params = doc.paths['/api/v1/engagements'].get.parameters as {
      name: string;
      schema: { enum?: string[] };
    }[];
    expect(params.find((p) => p.name === 'sort')?.schema.enum).toEqual([...ENGAGEMENT_SORTS]);
    expect(params.map((p) => p.name)).toContain('q');
  });
});
