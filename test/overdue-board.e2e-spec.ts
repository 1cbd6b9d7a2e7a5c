import { addDays, todayUtc } from '../src/common/domain/calendar-date';
import { encodeCursor } from '../src/common/paging/cursor';
import { AGE_BANDS, ageBandOf } from '../src/reports/overdue-rules';
import {
  createFixtureCustomer,
  createFixtureEngagement,
  createFixtureTemplate,
  FixtureTaskKey,
} from './helpers/report-fixtures';
import { startTestApp, TestApp } from './helpers/test-app';

/**
 * The overdue board (summary and paged items) against the full report on the same data: every
 * expectation below is derived from GET /reports/overdue, never written out by hand.
 */
const REPORT = '/api/v1/reports/overdue';
const SUMMARY = `${REPORT}/summary`;
const ITEMS = `${REPORT}/items`;
const AS_OF = '2025-06-15';
const late = (days: number) => addDays(AS_OF, -days);

const wanda = { name: 'Wanda WSO2', email: 'wanda@wso2.com' };
const walt = { name: 'Walt WSO2', email: 'walt@wso2.com' };
const carl = { name: 'Carl Acme', email: 'carl@acme.test' };
const bea = { name: 'Bea Beta', email: 'bea@beta.test' };

interface Contact {
  name: string;
  email: string;
}
interface Item {
  engagementId: string;
  taskKey: string;
  customerId: string;
  daysOverdue: number;
  accountable: { party: string; contact: Contact | null }[];
}
interface Report {
  asOf: string;
  totalOverdue: number;
  byAccountable: {
    party: string;
    contact: Contact | null;
    count: number;
    maxDaysOverdue: number;
  }[];
  items: Item[];
}
type Bands = Record<string, number>;

const noBands = (): Bands => Object.fromEntries(AGE_BANDS.map((b) => [b.label, 0]));
function bandsOf(items: Item[]): Bands {
  const bands = noBands();
  for (const item of items) bands[ageBandOf(item.daysOverdue)!] += 1;
  return bands;
}
const sameContact = (a: Contact | null, b: Contact | null) =>
  a === null || b === null ? a === b : a.name === b.name && a.email === b.email;
const inGroup = (item: Item, party: string, contact: Contact | null) =>
  item.accountable.some((a) => a.party === party && sameContact(a.contact, contact));

/** What the summary must say, worked out from the full report's own groups and items. */
function summaryFromReport(report: Report) {
  return {
    asOf: report.asOf,
    totalOverdue: report.totalOverdue,
    groups: report.byAccountable.map((group) => ({
      ...group,
      bands: bandsOf(report.items.filter((item) => inGroup(item, group.party, group.contact))),
    })),
    bands: bandsOf(report.items),
  };
}

describe('overdue board: summary and paged items', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    const main = await createFixtureTemplate(t.prisma, 'board-model');
    const other = await createFixtureTemplate(t.prisma, 'board-other');
    // Names chosen so code-point order differs from a dictionary's: 'Beta' < 'acme labs' < 'Ärger'.
    ids.acme = await createFixtureCustomer(t.prisma, 'Acme');
    ids.labs = await createFixtureCustomer(t.prisma, 'acme labs');
    ids.beta = await createFixtureCustomer(t.prisma, 'Beta');
    ids.arger = await createFixtureCustomer(t.prisma, 'Ärger GmbH');
    const named = [
      { party: 'WSO2' as const, ...wanda, primary: true },
      { party: 'CUSTOMER' as const, ...carl, primary: true },
    ];
    const due = (spec: Partial<Record<FixtureTaskKey, number>>) =>
      Object.fromEntries(Object.entries(spec).map(([key, days]) => [key, { dueDate: late(days) }]));

    // Days overdue sit on every band boundary: 1, 7 | 8, 14 | 15, 30 | 31, 60.
    ids.a1 = await createFixtureEngagement(t.prisma, {
      customerId: ids.acme,
      template: main,
      name: 'Acme prod',
      contacts: named,
      tasks: due({
        'subscription-prerequisites': 1,
        'remote-access-for-installation': 7,
        'network-management': 8,
        'infrastructure-monitoring': 31,
      }),
    });
    // Same customer, same contacts, a tie with a1 on due date, customer and position.
    ids.a2 = await createFixtureEngagement(t.prisma, {
      customerId: ids.acme,
      template: main,
      name: 'Acme staging',
      contacts: named,
      tasks: due({
        'subscription-prerequisites': 1,
        'network-management': 14,
        'remote-access-for-installation': 15,
      }),
    });
    // No contacts at all: both parties unnamed.
    ids.a3 = await createFixtureEngagement(t.prisma, {
      customerId: ids.acme,
      template: other,
      name: 'Acme other model',
      tasks: due({ 'subscription-prerequisites': 30, 'network-management': 8 }),
    });
    // The customer has only a non-primary contact: CUSTOMER is unnamed, WSO2 is Walt.
    ids.l1 = await createFixtureEngagement(t.prisma, {
      customerId: ids.labs,
      template: main,
      name: 'Labs PDP',
      contacts: [
        { party: 'WSO2', ...walt, primary: true },
        { party: 'CUSTOMER', name: 'Not Primary', email: 'np@labs.test', primary: false },
      ],
      tasks: {
        'subscription-prerequisites': { dueDate: late(1) },
        'remote-access-for-installation': { dueDate: late(60) },
        'network-management': { dueDate: late(7), status: 'BLOCKED' },
      },
    });
    ids.b1 = await createFixtureEngagement(t.prisma, {
      customerId: ids.beta,
      template: main,
      name: 'Beta PDP',
      contacts: [
        { party: 'WSO2', ...wanda, primary: true },
        { party: 'CUSTOMER', ...bea, primary: true },
      ],
      tasks: {
        'subscription-prerequisites': { dueDate: late(1) },
        'remote-access-for-installation': { dueDate: AS_OF }, // due today: not late
        'network-management': { dueDate: late(15) },
        'infrastructure-monitoring': { dueDate: late(2), status: 'DONE' },
      },
    });
    await createFixtureEngagement(t.prisma, {
      customerId: ids.beta,
      template: main,
      name: 'Beta cancelled',
      status: 'CANCELLED',
      contacts: [{ party: 'WSO2', ...wanda, primary: true }],
      tasks: due({ 'subscription-prerequisites': 40 }),
    });
    ids.u1 = await createFixtureEngagement(t.prisma, {
      customerId: ids.arger,
      template: main,
      name: 'Ärger PDP',
      contacts: [{ party: 'WSO2', ...wanda, primary: true }],
      tasks: due({
        'subscription-prerequisites': 1,
        'network-management': 30,
        'infrastructure-monitoring': 3,
        'remote-access-for-installation': 5,
      }),
    });
    // Malformed RACI the report tolerates: junk entries and a party listed twice; and an
    // accountable list that is not a list at all (late, but nobody is accountable).
    await t.prisma.task.updateMany({
      where: { engagementId: ids.u1, key: 'infrastructure-monitoring' },
      data: {
        raci: {
          accountable: [null, 7, { party: 3 }, [], { party: 'WSO2' }, { party: 'WSO2' }],
          responsible: 'nobody',
        },
      },
    });
    await t.prisma.task.updateMany({
      where: { engagementId: ids.u1, key: 'remote-access-for-installation' },
      data: { raci: { accountable: 'CUSTOMER', responsible: [] } },
    });
  });
  afterAll(() => t.close());

  const get = (url: string, query: Record<string, string | number>, auth = t.admin) =>
    t.http.get(url).query(query).set('Authorization', auth);
  const fullReport = async (query: Record<string, string>, auth = t.admin): Promise<Report> =>
    (await get(REPORT, query, auth).expect(200)).body;

  /** Every item the paged endpoint lists for a query, following nextCursor to the end. */
  async function pageThrough(query: Record<string, string | number>, auth = t.admin) {
    const items: Item[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Record<string, string | number> = cursor ? { ...query, cursor } : query;
      const res: { body: { items: Item[]; nextCursor: string | null } } = await get(
        ITEMS,
        page,
        auth,
      ).expect(200);
      expect(res.body.items.length).toBeLessThanOrEqual(Number(query.limit ?? 50));
      items.push(...res.body.items);
      cursor = res.body.nextCursor;
      pages += 1;
      expect(pages).toBeLessThan(100);
    } while (cursor);
    return { items, pages };
  }

  const FILTERS: [string, () => Record<string, string>][] = [
    ['no filter', () => ({})],
    ['one customer', () => ({ customerId: ids.acme })],
    ['one customer and party', () => ({ customerId: ids.labs, party: 'CUSTOMER' })],
    ['party WSO2', () => ({ party: 'WSO2' })],
    ['party CUSTOMER', () => ({ party: 'CUSTOMER' })],
    ['template', () => ({ templateKey: 'board-other' })],
    ['template and party', () => ({ templateKey: 'board-model', party: 'CUSTOMER' })],
    ['an earlier day', () => ({ asOf: '2025-06-01' })],
    ['a later day', () => ({ asOf: '2025-07-20' })],
    ['a party nobody has', () => ({ party: 'PARTNER' })],
  ];

  it('the data covers every band, ties, joint tasks and unnamed owners', async () => {
    const report = await fullReport({ asOf: AS_OF });
    expect(report.totalOverdue).toBe(18);
    expect(Object.values(bandsOf(report.items)).every((n) => n > 0)).toBe(true);
    expect(report.byAccountable.filter((g) => g.contact === null).map((g) => g.party)).toEqual(
      expect.arrayContaining(['WSO2', 'CUSTOMER']),
    );
  });

  it.each(FILTERS)(
    'summary, %s: the full report’s counts, groups and bands',
    async (_, filters) => {
      const query = { asOf: AS_OF, ...filters() };
      const [summary, report] = await Promise.all([
        get(SUMMARY, query).expect(200),
        fullReport(query),
      ]);
      expect(summary.headers['content-type']).toMatch(/^application\/json/);
      expect(summary.body).toEqual(summaryFromReport(report));
    },
  );

  it('summary: the groups’ bands add up to their counts, the overall bands to the total', async () => {
    const { body } = await get(SUMMARY, { asOf: AS_OF }).expect(200);
    const sum = (bands: Bands) => Object.values(bands).reduce((a, b) => a + b, 0);
    expect(sum(body.bands)).toBe(body.totalOverdue);
    for (const group of body.groups) expect(sum(group.bands)).toBe(group.count);
    // Band edges, as the rules module draws them: 7 and 8, 14 and 15, 30 and 31 days.
    expect(body.bands).toEqual({ '1-7': 9, '8-14': 3, '15-30': 4, '31+': 2 });
  });

  it('a party named in any case is that party (a link typed by hand)', async () => {
    const upper = await get(SUMMARY, { asOf: AS_OF, party: 'CUSTOMER' }).expect(200);
    const lower = await get(SUMMARY, { asOf: AS_OF, party: 'customer' }).expect(200);
    expect(upper.body.totalOverdue).toBeGreaterThan(0);
    expect(lower.body).toEqual(upper.body);
  });

  it('summary: defaults asOf to today', async () => {
    const { body } = await get(SUMMARY, { customerId: ids.acme }).expect(200);
    expect(body.asOf).toBe(todayUtc());
  });

  it.each(FILTERS)('items, %s: the report’s items, each once, in order', async (_, filters) => {
    const query = { asOf: AS_OF, ...filters() };
    const report = await fullReport(query);
    const { items, pages } = await pageThrough({ ...query, limit: 2 });
    expect(items).toEqual(report.items);
    expect(pages).toBe(Math.max(1, Math.ceil(report.items.length / 2)));
  });

  it('items: one at a time, every item exactly once', async () => {
    const report = await fullReport({ asOf: AS_OF });
    const { items, pages } = await pageThrough({ asOf: AS_OF, limit: 1 });
    expect(pages).toBe(report.items.length);
    const keys = items.map((i) => `${i.engagementId}/${i.taskKey}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(items).toEqual(report.items);
  });

  it('items: each summary group drills down to exactly its tasks', async () => {
    const [summary, report] = await Promise.all([
      get(SUMMARY, { asOf: AS_OF }).expect(200),
      fullReport({ asOf: AS_OF }),
    ]);
    expect(summary.body.groups.length).toBeGreaterThanOrEqual(6);
    for (const group of summary.body.groups as {
      party: string;
      contact: Contact | null;
      count: number;
    }[]) {
      const drill: Record<string, string> = group.contact
        ? { party: group.party, contactEmail: group.contact.email }
        : { party: group.party, noContact: 'true' };
      const { items } = await pageThrough({ asOf: AS_OF, ...drill, limit: 2 });
      const expected = report.items.filter((i) => inGroup(i, group.party, group.contact));
      expect({ group, items }).toEqual({ group, items: expected });
      expect(items).toHaveLength(group.count);
    }
  });

  it('items: a contact or "no contact" without a party matches any accountable party', async () => {
    const report = await fullReport({ asOf: AS_OF });
    const unnamed = await pageThrough({ asOf: AS_OF, noContact: 'true', limit: 3 });
    const expectedUnnamed = report.items.filter((i) =>
      i.accountable.some((a) => a.contact === null),
    );
    expect(expectedUnnamed.length).toBeGreaterThan(0);
    expect(unnamed.items).toEqual(expectedUnnamed);
    const byWanda = await pageThrough({ asOf: AS_OF, contactEmail: wanda.email, limit: 3 });
    expect(byWanda.items).toEqual(
      report.items.filter((i) => i.accountable.some((a) => a.contact?.email === wanda.email)),
    );
    // Wanda is WSO2's contact, never CUSTOMER's.
    expect(
      await pageThrough({ asOf: AS_OF, party: 'CUSTOMER', contactEmail: wanda.email }),
    ).toEqual({
      items: [],
      pages: 1,
    });
    // noContact=false is no filter at all.
    const all = await pageThrough({ asOf: AS_OF, noContact: 'false', limit: 50 });
    expect(all.items).toEqual(report.items);
  });

  describe('as a CUSTOMER key', () => {
    let labsKey: string;
    beforeAll(async () => {
      labsKey = await t.keyFor('CUSTOMER', ids.labs);
    });

    it('sees only its own customer', async () => {
      const own = await fullReport({ asOf: AS_OF, customerId: ids.labs });
      expect(own.totalOverdue).toBeGreaterThan(0);
      const summary = await get(SUMMARY, { asOf: AS_OF }, labsKey).expect(200);
      expect(summary.body).toEqual(summaryFromReport(own));
      const { items } = await pageThrough({ asOf: AS_OF, limit: 2 }, labsKey);
      expect(items).toEqual(own.items);
      expect(new Set(items.map((i) => i.customerId))).toEqual(new Set([ids.labs]));
      const drill = await pageThrough({ asOf: AS_OF, contactEmail: wanda.email }, labsKey);
      expect(drill.items).toEqual([]);
    });

    it('gets an empty answer for another customer, as for an unknown one', async () => {
      for (const customerId of [ids.acme, '00000000-0000-4000-8000-000000000000']) {
        const summary = await get(SUMMARY, { asOf: AS_OF, customerId }, labsKey).expect(200);
        expect(summary.body).toEqual({
          asOf: AS_OF,
          totalOverdue: 0,
          groups: [],
          bands: noBands(),
        });
        const items = await get(ITEMS, { asOf: AS_OF, customerId }, labsKey).expect(200);
        expect(items.body).toEqual({ items: [], nextCursor: null });
      }
    });
  });

  describe('refuses bad parameters with 400 problem+json naming the field', () => {
    const validCursor = () =>
      encodeCursor({ d: late(8), c: 'Acme', p: 3, e: '00000000-0000-4000-8000-000000000000' });

    it.each([
      [SUMMARY, { asOf: '2025-02-30' }, 'asOf'],
      [SUMMARY, { customerId: 'acme' }, 'customerId'],
      [SUMMARY, { party: '' }, 'party'],
      [SUMMARY, { party: 'wso 2' }, 'party'],
      [ITEMS, { party: 'WSO2-team' }, 'party'],
      [SUMMARY, { limit: '10' }, 'limit'],
      [SUMMARY, { contactEmail: 'a@b.c' }, 'contactEmail'],
      [ITEMS, { asOf: 'yesterday' }, 'asOf'],
      [ITEMS, { limit: '0' }, 'limit'],
      [ITEMS, { limit: '201' }, 'limit'],
      [ITEMS, { noContact: 'maybe' }, 'noContact'],
      [ITEMS, { contactEmail: '' }, 'contactEmail'],
      [ITEMS, { contactEmail: 'carl@acme.test', noContact: 'true' }, 'noContact'],
      [ITEMS, { cursor: 'garbage!' }, 'cursor'],
      [ITEMS, { colour: 'blue' }, 'colour'],
    ])('%s %j → %s', async (url, query, field) => {
      const res = await get(url, query).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    });

    it('a cursor longer than any it issues → cursor', async () => {
      const res = await get(ITEMS, { cursor: 'x'.repeat(2049) }).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['cursor']);
    });

    it.each([
      [
        'another endpoint’s cursor',
        () => encodeCursor({ at: new Date().toISOString(), id: ids.a1 }),
      ],
      [
        'a date that is no date',
        () => encodeCursor({ d: '2025-02-30', c: 'Acme', p: 1, e: ids.a1 }),
      ],
      [
        'a position that is no number',
        () => encodeCursor({ d: late(1), c: 'Acme', p: 'one', e: ids.a1 }),
      ],
      [
        'an engagement id that is no UUID',
        () => encodeCursor({ d: late(1), c: 'Acme', p: 1, e: "x' OR 1=1" }),
      ],
      ['a missing field', () => encodeCursor({ d: late(1), p: 1, e: ids.a1 })],
      ['not JSON', () => Buffer.from('{"d":').toString('base64url')],
    ])('a tampered cursor (%s) → cursor', async (_name, cursor) => {
      const res = await get(ITEMS, { asOf: AS_OF, cursor: cursor() }).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors).toEqual([{ field: 'cursor', message: expect.any(String) }]);
    });

    it('accepts a well-formed cursor it could have issued, and continues after it', async () => {
      const report = await fullReport({ asOf: AS_OF });
      const res = await get(ITEMS, { asOf: AS_OF, cursor: validCursor() }).expect(200);
      // Every 8-day item is Acme's task 3 on an engagement id after the all-zero one.
      const index = report.items.findIndex((i) => i.daysOverdue <= 8);
      expect(index).toBeGreaterThan(0);
      expect(res.body.items).toEqual(report.items.slice(index));
    });
  });

  it('documents both operations and their response schemas in OpenAPI', async () => {
    const doc = (await t.http.get('/docs/openapi.json').expect(200)).body;
    const schemaOf = (path: string) =>
      doc.paths[path].get.responses['200'].content['application/json'].schema.$ref;
    expect(schemaOf(SUMMARY)).toBe('#/components/schemas/OverdueSummaryDto');
    expect(schemaOf(ITEMS)).toBe('#/components/schemas/OverdueItemPageDto');
    const params = (path: string) =>
      doc.paths[path].get.parameters.map((p: { name: string }) => p.name).sort();
    expect(params(SUMMARY)).toEqual(['asOf', 'customerId', 'party', 'templateKey']);
    expect(params(ITEMS)).toEqual([
      'asOf',
      'contactEmail',
      'cursor',
      'customerId',
      'limit',
      'noContact',
      'party',
      'templateKey',
    ]);
    expect(Object.keys(doc.components.schemas.AgeBandCountsDto.properties)).toEqual([
      '1-7',
      '8-14',
      '15-30',
      '31+',
    ]);
  });
});

describe('overdue board: one person, one row', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    const template = await createFixtureTemplate(t.prisma, 'one-person-model');
    const customer = await createFixtureCustomer(t.prisma, 'Umbrella');
    // The same WSO2 engineer, written two ways in two engagements.
    for (const [name, contact, keys] of [
      ['Umbrella prod', { name: 'Wanda Perera', email: 'wanda@wso2.com' }, [30, 20]],
      ['Umbrella dev', { name: 'W. Perera', email: 'Wanda@WSO2.com' }, [5]],
    ] as const) {
      await createFixtureEngagement(t.prisma, {
        customerId: customer,
        template,
        name,
        contacts: [{ party: 'WSO2', ...contact, primary: true }],
        tasks: Object.fromEntries(
          keys.map((days, i) => [
            (['subscription-prerequisites', 'network-management'] as const)[i],
            { dueDate: late(days) },
          ]),
        ),
      });
    }
  });
  afterAll(() => t.close());

  it('counts them once, under the name most of their tasks carry, and the drill-down lists exactly that count', async () => {
    const query = { asOf: AS_OF, party: 'WSO2' };
    const person = { name: 'Wanda Perera', email: 'wanda@wso2.com' };
    const summary = await t.http
      .get(SUMMARY)
      .query(query)
      .set('Authorization', t.admin)
      .expect(200);
    expect(summary.body.groups).toEqual([
      expect.objectContaining({ party: 'WSO2', contact: person, count: 3, maxDaysOverdue: 30 }),
    ]);
    const report = await t.http.get(REPORT).query(query).set('Authorization', t.admin).expect(200);
    expect(report.body.byAccountable).toEqual([
      { party: 'WSO2', contact: person, count: 3, maxDaysOverdue: 30 },
    ]);
    for (const contactEmail of ['wanda@wso2.com', 'Wanda@WSO2.com']) {
      const items = await t.http
        .get(ITEMS)
        .query({ ...query, contactEmail })
        .set('Authorization', t.admin)
        .expect(200);
      expect(items.body.items).toHaveLength(3);
    }
  });
});
