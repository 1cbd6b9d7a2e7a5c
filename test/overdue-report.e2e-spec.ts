import { addDays, todayUtc } from '../src/common/domain/calendar-date';
import { parseCsv } from '../src/reports/csv';
import {
  createFixtureCustomer,
  createFixtureEngagement,
  createFixtureTemplate,
  type FixtureTemplate,
} from './helpers/report-fixtures';
import { startTestApp, TestApp } from './helpers/test-app';

const URL = '/api/v1/reports/overdue';
// Fixed and in the past, so tasks dated relative to the real today (Dana's) never show on it.
const AS_OF = '2025-06-15';

const wanda = { name: 'Wanda WSO2', email: 'wanda@wso2.com' };
const walt = { name: 'Walt WSO2', email: 'walt@wso2.com' };
const carl = { name: 'Carl Acme', email: 'carl@acme.test' };
const evilContact = { name: '=cmd|"/c calc"!A1', email: '+evil@corp.test' };

describe('overdue report', () => {
  let t: TestApp;
  let main: FixtureTemplate;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    main = await createFixtureTemplate(t.prisma, 'test-model');
    const other = await createFixtureTemplate(t.prisma, 'other-model');
    ids.acme = await createFixtureCustomer(t.prisma, 'Acme');
    ids.beta = await createFixtureCustomer(t.prisma, 'Beta');
    ids.evil = await createFixtureCustomer(t.prisma, '=Evil, "Corp"');
    ids.dana = await createFixtureCustomer(t.prisma, 'Dana');

    ids.a1 = await createFixtureEngagement(t.prisma, {
      customerId: ids.acme,
      template: main,
      name: 'Acme production PDP',
      contacts: [
        { party: 'WSO2', ...wanda, primary: true },
        { party: 'CUSTOMER', ...carl, primary: true },
        { party: 'CUSTOMER', name: 'Not Primary', email: 'np@acme.test', primary: false },
      ],
      tasks: {
        'subscription-prerequisites': { dueDate: '2025-06-14' }, // yesterday: 1 day overdue
        'remote-access-for-installation': { dueDate: AS_OF }, // due today: not overdue
        'network-management': { dueDate: '2025-06-05', status: 'BLOCKED' },
        'infrastructure-monitoring': { dueDate: '2025-06-01', status: 'DONE' },
      },
    });
    // No contacts at all: every accountable party is unnamed.
    ids.a2 = await createFixtureEngagement(t.prisma, {
      customerId: ids.acme,
      template: other,
      name: 'Acme staging PDP',
      tasks: {
        'subscription-prerequisites': { dueDate: '2025-06-14', status: 'IN_PROGRESS' },
        'remote-access-for-installation': { dueDate: '2025-06-10', status: 'NOT_APPLICABLE' },
      },
    });
    ids.b1 = await createFixtureEngagement(t.prisma, {
      customerId: ids.beta,
      template: main,
      name: 'Beta PDP',
      contacts: [
        { party: 'WSO2', ...walt, primary: true },
        { party: 'CUSTOMER', name: 'Bea Backup', email: 'bea@beta.test', primary: false },
      ],
      tasks: {
        'subscription-prerequisites': { dueDate: '2025-06-14' },
        'remote-access-for-installation': { dueDate: '2025-06-05' },
        'infrastructure-monitoring': { dueDate: '2025-06-10', status: 'IN_PROGRESS' },
      },
    });
    // Open, long past due, but their engagement is not ACTIVE: never overdue.
    for (const status of ['COMPLETED', 'CANCELLED'] as const) {
      await createFixtureEngagement(t.prisma, {
        customerId: ids.beta,
        template: main,
        name: `Beta ${status.toLowerCase()} PDP`,
        status,
        contacts: [{ party: 'WSO2', ...walt, primary: true }],
        tasks: { 'subscription-prerequisites': { dueDate: '2025-05-01', status: 'BLOCKED' } },
      });
    }
    ids.c1 = await createFixtureEngagement(t.prisma, {
      customerId: ids.evil,
      template: main,
      name: 'Evil PDP\nsecond line, "quoted"',
      contacts: [{ party: 'CUSTOMER', ...evilContact, primary: true }],
      tasks: { 'network-management': { dueDate: '2025-06-12' } },
    });
    // Relative to the real today, for the default asOf (far from the fixed dates above).
    ids.d1 = await createFixtureEngagement(t.prisma, {
      customerId: ids.dana,
      template: main,
      name: 'Dana PDP',
      tasks: {
        'subscription-prerequisites': { dueDate: addDays(todayUtc(), -1) },
        'remote-access-for-installation': { dueDate: todayUtc() },
      },
    });
  });
  afterAll(() => t.close());

  const assignee = (party: string, contact: object | null, ifRequired = false) => ({
    party,
    ifRequired,
    contact,
  });

  /** The overdue items on AS_OF, in report order, written out by hand. */
  function expectedItems() {
    const a1 = {
      engagementId: ids.a1,
      engagementName: 'Acme production PDP',
      customerId: ids.acme,
      customerName: 'Acme',
    };
    const a2 = { ...a1, engagementId: ids.a2, engagementName: 'Acme staging PDP' };
    const b1 = {
      engagementId: ids.b1,
      engagementName: 'Beta PDP',
      customerId: ids.beta,
      customerName: 'Beta',
    };
    const c1 = {
      engagementId: ids.c1,
      engagementName: 'Evil PDP\nsecond line, "quoted"',
      customerId: ids.evil,
      customerName: '=Evil, "Corp"',
    };
    const prereq = { taskKey: 'subscription-prerequisites', title: 'Subscription prerequisites' };
    const network = { taskKey: 'network-management', title: 'Network management' };
    const acmePrereqs = [
      {
        ...a1,
        ...prereq,
        status: 'NOT_STARTED',
        dueDate: '2025-06-14',
        daysOverdue: 1,
        accountable: [assignee('WSO2', wanda)],
        responsible: [assignee('WSO2', wanda)],
      },
      {
        ...a2,
        ...prereq,
        status: 'IN_PROGRESS',
        dueDate: '2025-06-14',
        daysOverdue: 1,
        accountable: [assignee('WSO2', null)],
        responsible: [assignee('WSO2', null)],
      },
    ].sort((x, y) => (x.engagementId < y.engagementId ? -1 : 1)); // equal rows: by engagement id
    return [
      {
        ...a1,
        ...network,
        status: 'BLOCKED',
        dueDate: '2025-06-05',
        daysOverdue: 10,
        accountable: [assignee('WSO2', wanda), assignee('CUSTOMER', carl)],
        responsible: [assignee('WSO2', wanda), assignee('CUSTOMER', carl)],
      },
      {
        ...b1,
        taskKey: 'remote-access-for-installation',
        title: 'Remote access for installation',
        status: 'NOT_STARTED',
        dueDate: '2025-06-05',
        daysOverdue: 10,
        accountable: [assignee('CUSTOMER', null)],
        responsible: [assignee('CUSTOMER', null)],
      },
      {
        ...b1,
        taskKey: 'infrastructure-monitoring',
        title: 'Infrastructure monitoring',
        status: 'IN_PROGRESS',
        dueDate: '2025-06-10',
        daysOverdue: 5,
        accountable: [assignee('WSO2', walt)],
        responsible: [assignee('WSO2', walt)],
      },
      {
        ...c1,
        ...network,
        status: 'NOT_STARTED',
        dueDate: '2025-06-12',
        daysOverdue: 3,
        accountable: [assignee('WSO2', null), assignee('CUSTOMER', evilContact)],
        responsible: [assignee('WSO2', null), assignee('CUSTOMER', evilContact)],
      },
      ...acmePrereqs,
      {
        ...b1,
        ...prereq,
        status: 'NOT_STARTED',
        dueDate: '2025-06-14',
        daysOverdue: 1,
        accountable: [assignee('WSO2', walt)],
        responsible: [assignee('WSO2', walt)],
      },
    ];
  }

  const report = (query: Record<string, string>, auth = t.admin) =>
    t.http.get(URL).query(query).set('Authorization', auth);
  const keysOf = (items: { engagementId: string; taskKey: string }[]) =>
    items.map((i) => `${i.engagementId}/${i.taskKey}`);

  it('lists exactly the overdue tasks with who is accountable, by party and by name', async () => {
    const res = await report({ asOf: AS_OF }).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual({
      asOf: AS_OF,
      totalOverdue: 7,
      byAccountable: [
        { party: 'WSO2', contact: wanda, count: 2, maxDaysOverdue: 10 },
        { party: 'WSO2', contact: walt, count: 2, maxDaysOverdue: 5 },
        { party: 'WSO2', contact: null, count: 2, maxDaysOverdue: 3 },
        { party: 'CUSTOMER', contact: null, count: 1, maxDaysOverdue: 10 },
        { party: 'CUSTOMER', contact: carl, count: 1, maxDaysOverdue: 10 },
        { party: 'CUSTOMER', contact: evilContact, count: 1, maxDaysOverdue: 3 },
      ],
      items: expectedItems(),
    });
  });

  it('counts due yesterday as 1 day overdue and due today as not overdue', async () => {
    const onDueDay = await report({ asOf: '2025-06-14', customerId: ids.acme }).expect(200);
    expect(keysOf(onDueDay.body.items)).toEqual([`${ids.a1}/network-management`]);
    const dayAfter = await report({ asOf: AS_OF, customerId: ids.acme }).expect(200);
    const keys = keysOf(dayAfter.body.items);
    expect(keys).toContain(`${ids.a1}/subscription-prerequisites`);
    expect(keys).not.toContain(`${ids.a1}/remote-access-for-installation`);
  });

  it('defaults asOf to today (UTC)', async () => {
    const res = await report({ customerId: ids.dana }).expect(200);
    expect(res.body.asOf).toBe(todayUtc());
    expect(keysOf(res.body.items)).toEqual([`${ids.d1}/subscription-prerequisites`]);
    expect(res.body.items[0].daysOverdue).toBe(1);
  });

  it('never counts DONE or NOT_APPLICABLE tasks, nor COMPLETED or CANCELLED engagements', async () => {
    const res = await report({ asOf: '2099-01-01' }).expect(200);
    const keys = keysOf(res.body.items);
    expect(keys).not.toContain(`${ids.a1}/infrastructure-monitoring`); // DONE
    expect(keys).not.toContain(`${ids.a2}/remote-access-for-installation`); // NOT_APPLICABLE
    const names = new Set(res.body.items.map((i: { engagementName: string }) => i.engagementName));
    expect(names).not.toContain('Beta completed PDP');
    expect(names).not.toContain('Beta cancelled PDP');
  });

  it('filters by customer, party and template, alone and combined', async () => {
    const all = expectedItems();
    const cases: [Record<string, string>, typeof all][] = [
      [{ customerId: ids.beta }, all.filter((i) => i.customerId === ids.beta)],
      [{ party: 'CUSTOMER' }, all.filter((i) => i.accountable.some((a) => a.party === 'CUSTOMER'))],
      [{ party: 'WSO2' }, all.filter((i) => i.accountable.some((a) => a.party === 'WSO2'))],
      [{ templateKey: 'other-model' }, all.filter((i) => i.engagementId === ids.a2)],
      [
        { customerId: ids.acme, party: 'CUSTOMER' },
        all.filter((i) => i.engagementId === ids.a1 && i.taskKey === 'network-management'),
      ],
      [
        { customerId: ids.acme, party: 'WSO2', templateKey: 'test-model' },
        all.filter((i) => i.engagementId === ids.a1),
      ],
      [{ party: 'PARTNER' }, []],
      [{ customerId: '00000000-0000-4000-8000-000000000000' }, []],
    ];
    for (const [filters, expected] of cases) {
      const res = await report({ asOf: AS_OF, ...filters }).expect(200);
      expect({ filters, items: res.body.items }).toEqual({ filters, items: expected });
      expect(res.body.totalOverdue).toBe(expected.length);
    }
    // These sizes prove the cases above are not trivially empty.
    expect(cases.map(([, expected]) => expected.length)).toEqual([3, 3, 6, 1, 1, 2, 0, 0]);
  });

  it('summarises only the filtered items, and with a party filter only that party', async () => {
    const res = await report({ asOf: AS_OF, party: 'CUSTOMER' }).expect(200);
    expect(res.body.byAccountable).toEqual([
      { party: 'CUSTOMER', contact: null, count: 1, maxDaysOverdue: 10 },
      { party: 'CUSTOMER', contact: carl, count: 1, maxDaysOverdue: 10 },
      { party: 'CUSTOMER', contact: evilContact, count: 1, maxDaysOverdue: 3 },
    ]);
    // The items still show every accountable party of a joint task.
    expect(res.body.items[0].accountable.map((a: { party: string }) => a.party)).toEqual([
      'WSO2',
      'CUSTOMER',
    ]);
    const acme = await report({ asOf: AS_OF, customerId: ids.acme }).expect(200);
    expect(acme.body.byAccountable).toEqual([
      { party: 'WSO2', contact: wanda, count: 2, maxDaysOverdue: 10 },
      { party: 'CUSTOMER', contact: carl, count: 1, maxDaysOverdue: 10 },
      { party: 'WSO2', contact: null, count: 1, maxDaysOverdue: 1 },
    ]);
  });

  it.each([
    [{ asOf: '25/11/2026' }, 'asOf'],
    [{ asOf: '2026-02-30' }, 'asOf'],
    [{ customerId: 'acme' }, 'customerId'],
    [{ party: '' }, 'party'],
    [{ colour: 'blue' }, 'colour'],
  ])('refuses %j with 400 naming %s', async (query, field) => {
    const res = await report(query).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
  });

  it('requires an API key', async () => {
    await t.http.get(URL).expect(401);
  });

  it('lets STAFF see every customer', async () => {
    const staff = await t.keyFor('STAFF');
    const res = await report({ asOf: AS_OF }, staff).expect(200);
    expect(res.body.items).toEqual(expectedItems());
  });

  it('confines a CUSTOMER key to its own customer, whatever it asks for', async () => {
    const beta = await t.keyFor('CUSTOMER', ids.beta);
    const own = expectedItems().filter((i) => i.customerId === ids.beta);
    const res = await report({ asOf: AS_OF }, beta).expect(200);
    expect(res.body.items).toEqual(own);
    expect(res.body.byAccountable).toEqual([
      { party: 'WSO2', contact: walt, count: 2, maxDaysOverdue: 5 },
      { party: 'CUSTOMER', contact: null, count: 1, maxDaysOverdue: 10 },
    ]);
    const explicit = await report({ asOf: AS_OF, customerId: ids.beta }, beta).expect(200);
    expect(explicit.body.items).toEqual(own);
    // Another customer's id: an empty report, the same as for a customer that does not exist.
    const foreign = await report({ asOf: AS_OF, customerId: ids.acme }, beta).expect(200);
    expect(foreign.body).toEqual({ asOf: AS_OF, totalOverdue: 0, byAccountable: [], items: [] });
    const csv = await report({ asOf: AS_OF }, beta).set('Accept', 'text/csv').expect(200);
    const customerIds = new Set(
      parseCsv(csv.text)
        .slice(1)
        .map((r) => r[3]),
    );
    expect([...customerIds]).toEqual([ids.beta]);
  });

  describe('as CSV', () => {
    const guard = (cell: string) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell);

    it('serves the same report, one row per item and accountable party', async () => {
      const json = await report({ asOf: AS_OF }).expect(200);
      const res = await report({ asOf: AS_OF }).set('Accept', 'text/csv').expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(
        'attachment; filename="overdue-2025-06-15.csv"',
      );
      expect(res.headers.vary).toMatch(/Accept/);
      expect(res.text.endsWith('\r\n')).toBe(true);

      const [header, ...rows] = parseCsv(res.text);
      expect(header).toEqual([
        'asOf',
        'engagementId',
        'engagementName',
        'customerId',
        'customerName',
        'taskKey',
        'title',
        'status',
        'dueDate',
        'daysOverdue',
        'accountableParty',
        'accountableIfRequired',
        'accountableContactName',
        'accountableContactEmail',
        'responsible',
      ]);
      type Item = ReturnType<typeof expectedItems>[number];
      const fromJson = (json.body.items as Item[]).flatMap((item) =>
        item.accountable.map((a) =>
          [
            AS_OF,
            item.engagementId,
            item.engagementName,
            item.customerId,
            item.customerName,
            item.taskKey,
            item.title,
            item.status,
            item.dueDate,
            String(item.daysOverdue),
            a.party,
            String(a.ifRequired),
            (a.contact as { name: string } | null)?.name ?? '',
            (a.contact as { email: string } | null)?.email ?? '',
            item.responsible.map((r) => r.party).join('; '),
          ].map(guard),
        ),
      );
      expect(rows).toHaveLength(9); // 7 items, two of them jointly accountable
      expect(rows).toEqual(fromJson);
    });

    it('quotes awkward cells and neutralises formulas', async () => {
      const res = await report({ asOf: AS_OF, customerId: ids.evil })
        .set('Accept', 'text/csv')
        .expect(200);
      expect(res.text).toContain(`"'=Evil, ""Corp"""`);
      expect(res.text).toContain('"Evil PDP\nsecond line, ""quoted"""');
      const rows = parseCsv(res.text).slice(1);
      expect(rows.map((r) => [r[4], r[10], r[12], r[13]])).toEqual([
        [`'=Evil, "Corp"`, 'WSO2', '', ''],
        [`'=Evil, "Corp"`, 'CUSTOMER', `'=cmd|"/c calc"!A1`, "'+evil@corp.test"],
      ]);
    });

    it('starts with the UTF-8 byte-order mark, so spreadsheets read names in any script', async () => {
      // Due after AS_OF: the other tests' reports stay as they are.
      const customerId = await createFixtureCustomer(t.prisma, '株式会社さくら');
      await createFixtureEngagement(t.prisma, {
        customerId,
        template: main,
        name: 'Sakura PDP',
        contacts: [{ party: 'WSO2', name: 'José Müller', email: 'jose@wso2.com', primary: true }],
        tasks: { 'subscription-prerequisites': { dueDate: '2025-06-20' } },
      });
      const res = await report({ asOf: '2025-06-25', customerId })
        .set('Accept', 'text/csv')
        .responseType('blob') // the body's bytes as sent, not decoded as text
        .expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      const bytes = res.body as Buffer;
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      // As a spreadsheet reads it: UTF-8 with the mark dropped, the names as they were written.
      const [header, ...rows] = parseCsv(new TextDecoder('utf-8').decode(bytes));
      expect(header[0]).toBe('asOf');
      expect(rows.map((r) => [r[4], r[12]])).toEqual([['株式会社さくら', 'José Müller']]);
    });

    it('answers JSON to */* and to JSON-preferring clients', async () => {
      const any = await report({ asOf: AS_OF }).set('Accept', '*/*').expect(200);
      expect(any.headers['content-type']).toMatch(/^application\/json/);
      const prefer = await report({ asOf: AS_OF })
        .set('Accept', 'application/json, text/csv;q=0.5')
        .expect(200);
      expect(prefer.headers['content-type']).toMatch(/^application\/json/);
    });

    it('renders errors as problem+json even when CSV is asked for', async () => {
      const res = await report({ asOf: 'yesterday' }).set('Accept', 'text/csv').expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    });
  });

  it('documents both media types in OpenAPI', async () => {
    const doc = await t.http.get('/docs/openapi.json').expect(200);
    const operation = doc.body.paths['/api/v1/reports/overdue'].get;
    expect(Object.keys(operation.responses['200'].content).sort()).toEqual([
      'application/json',
      'text/csv',
    ]);
    expect(operation.parameters.map((p: { name: string }) => p.name).sort()).toEqual([
      'asOf',
      'customerId',
      'party',
      'templateKey',
    ]);
  });
});
