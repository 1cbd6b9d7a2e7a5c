import { changedTables, databaseFingerprint, viaPrisma } from './helpers/db-fingerprint';
import {
  createCustomer,
  createEngagement,
  EngagementBody,
  tasksUrl,
} from './helpers/engagement-api';
import { expectProblem } from './helpers/problem';
import { startTestApp, TestApp } from './helpers/test-app';

type Body = Record<string, any>;
const cursorOf = (position: object | string) =>
  Buffer.from(typeof position === 'string' ? position : JSON.stringify(position)).toString(
    'base64url',
  );
const UUID = '3fa85f64-5717-4562-b3fc-2c963f66afa6';

/**
 * Each class of input that used to reach a 500 (or be silently accepted): refused with a 400
 * naming the field, as problem+json, changing nothing.
 */
describe('input validation', () => {
  let t: TestApp;
  let fingerprint: () => Promise<string>;
  let customerId: string;
  let engagement: EngagementBody;

  beforeAll(async () => {
    t = await startTestApp();
    fingerprint = await databaseFingerprint(viaPrisma(t.prisma));
    customerId = await createCustomer(t, 'Vandelay Industries');
    engagement = await createEngagement(t, customerId, { startDate: '2026-01-05' });
  });
  afterAll(() => t.close());

  /** Sends as ADMIN, expects a 400 naming `field`, and checks that nothing changed. */
  async function refused(
    method: 'get' | 'post' | 'patch' | 'delete',
    url: string,
    body: unknown,
    field: string | RegExp,
    headers: Record<string, string> = {},
  ) {
    const before = await fingerprint();
    let req = t.http[method](url).set('Authorization', t.admin).set(headers);
    if (body !== undefined) req = req.send(body as object);
    const res = await req;
    expectProblem(res, 400, field);
    expect({ url, changed: changedTables(before, await fingerprint()) }).toEqual({
      url,
      changed: [],
    });
    return res;
  }

  const engagementBody = (overrides: Body = {}) => ({
    customerId,
    templateKey: 'wso2-managed-customer-subscription',
    cloudProvider: 'AWS',
    securityTier: 'STANDARD',
    startDate: '2026-03-02',
    ...overrides,
  });
  const firstTask = () => engagement.tasks[0];

  async function templateBody(): Promise<Body> {
    const res = await t.http
      .get('/api/v1/templates/customer-self-managed/versions/1')
      .set('Authorization', t.admin)
      .expect(200);
    const { key: _key, version: _version, publishedAt: _at, ...body } = res.body;
    return body;
  }

  describe('null where the field is not nullable', () => {
    it('PATCH engagement {"name": null} and the like: 400 naming the field', async () => {
      const url = `/api/v1/engagements/${engagement.id}`;
      for (const field of ['name', 'securityTier', 'status', 'reason', 'contacts']) {
        await refused('patch', url, { [field]: null }, field);
      }
    });

    it('PATCH task {"dueDate": null}, {"status": null}: 400 naming the field', async () => {
      const url = tasksUrl(engagement.id, firstTask().key);
      for (const field of ['dueDate', 'status', 'reason']) {
        await refused('patch', url, { [field]: null }, field, { 'If-Match': firstTask().etag });
      }
      await refused('post', `${url}/complete`, { note: null }, 'note');
    });

    it('POST engagement {"templateVersion": null}, customer {"externalRef": null}, key {"customerId": null}', async () => {
      await refused(
        'post',
        '/api/v1/engagements',
        engagementBody({ templateVersion: null }),
        'templateVersion',
      );
      await refused('post', '/api/v1/engagements', engagementBody({ name: null }), 'name');
      await refused(
        'post',
        '/api/v1/customers',
        { name: 'N Co', externalRef: null },
        'externalRef',
      );
      await refused(
        'post',
        '/api/v1/api-keys',
        { name: 'k', role: 'STAFF', customerId: null },
        'customerId',
      );
    });

    it('says only what applies: missing is "required", a wrong kind of value is just that', async () => {
      const messages = async (url: string, body: Body) =>
        (await refused('post', url, body, /.*/)).body.errors as {
          field: string;
          message: string;
        }[];
      // Null, a number, or nothing at all for a name: not also "must not be empty" and a length.
      expect(await messages('/api/v1/customers', { name: null })).toEqual([
        { field: 'name', message: 'name must be a string' },
      ]);
      expect(await messages('/api/v1/customers', { name: 5 })).toEqual([
        { field: 'name', message: 'name must be a string' },
      ]);
      expect(await messages('/api/v1/customers', {})).toEqual([
        { field: 'name', message: 'name is required' },
      ]);
      // Not a list: not also what each of its items must be; an e-mail address that is a number.
      const engagementProblems = await messages(
        '/api/v1/engagements',
        engagementBody({ contacts: null, securityTier: undefined }),
      );
      expect(engagementProblems).toEqual([
        { field: 'securityTier', message: 'securityTier is required' },
        { field: 'contacts', message: 'contacts must be an array' },
      ]);
      const contact = { party: 'Customer', name: null, email: 3 };
      expect(
        await messages('/api/v1/engagements', engagementBody({ contacts: [contact] })),
      ).toEqual([
        { field: 'contacts[0].name', message: 'name must be a string' },
        { field: 'contacts[0].email', message: 'email must be a string' },
      ]);
    });

    it('null stays accepted where it is documented: a task note or assignee is cleared', async () => {
      const task = firstTask();
      const url = tasksUrl(engagement.id, task.key);
      const set = await t.http
        .patch(url)
        .set('Authorization', t.admin)
        .set('If-Match', task.etag)
        .send({ note: 'a note', assignee: 'jane@example.test' });
      expect(set.status).toBe(200);
      const cleared = await t.http
        .patch(url)
        .set('Authorization', t.admin)
        .set('If-Match', set.headers.etag)
        .send({ note: null, assignee: null });
      expect(cleared.status).toBe(200);
      expect(cleared.body).toMatchObject({ note: null, assignee: null });
      engagement.tasks[0] = cleared.body;
    });
  });

  describe('integers out of range', () => {
    it('templateVersion 2147483648: 400, not an integer overflow in the database', async () => {
      await refused(
        'post',
        '/api/v1/engagements',
        engagementBody({ templateVersion: 2147483648 }),
        'templateVersion',
      );
      await refused(
        'post',
        '/api/v1/engagements',
        engagementBody({ templateVersion: 1e300 }),
        'templateVersion',
      );
    });

    it('/versions/99999999999999999999 and diffs of such: 400 naming the parameter', async () => {
      const base = '/api/v1/templates/customer-self-managed/versions';
      await refused('get', `${base}/99999999999999999999`, undefined, 'version');
      await refused('get', `${base}/2147483648`, undefined, 'version');
      await refused('get', `${base}/1/diff/99999999999999999999`, undefined, 'b');
      await refused('get', `${base}/-1/diff/1`, undefined, 'a');
    });

    it('paging limits outside 1..200', async () => {
      for (const limit of ['0', '201', '1e3', '99999999999999999999', '-1']) {
        await refused('get', `/api/v1/engagements?limit=${limit}`, undefined, 'limit');
      }
    });
  });

  describe('a query parameter given more than once', () => {
    it('is refused as such on the API, naming it and how often; a page of the web app is served', async () => {
      const cases: [string, string][] = [
        ['/api/v1/engagements?limit=5&limit=6', 'limit'],
        ['/api/v1/engagements?status=ACTIVE&status=COMPLETED', 'status'],
        ['/api/v1/reports/overdue?party=WSO2&party=WSO2&party=Customer', 'party'],
      ];
      for (const [url, field] of cases) {
        const res = await refused('get', url, undefined, field);
        const times = url.split(`${field}=`).length - 1;
        expect(res.body.errors).toEqual([
          { field, message: `is given ${times} times; give it once` },
        ]);
      }
      // The single-page app reads the first of each; its pages are not the API's to refuse.
      const page = await t.http.get('/engagements?status=ACTIVE&status=COMPLETED');
      expect(page.status).not.toBe(400);
    });
  });

  describe("names every JavaScript object has (the validator's whitelist let them through)", () => {
    const json = { 'Content-Type': 'application/json' };
    it('in a body, a nested contact, a task change or a query: 400 naming the member', async () => {
      await refused(
        'post',
        '/api/v1/customers',
        '{"name":"Constructor Ltd","constructor":{"x":1}}',
        'constructor',
        json,
      );
      await refused(
        'post',
        '/api/v1/engagements',
        JSON.stringify(engagementBody()).replace(/}$/, ',"toString":"x"}'),
        'toString',
        json,
      );
      const task = firstTask();
      // __proto__ could lend the DTO a status it was never sent as its own member.
      await refused(
        'patch',
        tasksUrl(engagement.id, task.key),
        '{"__proto__":{"status":"DONE"}}',
        '__proto__',
        { ...json, 'If-Match': task.etag },
      );
      await refused('get', '/api/v1/engagements?hasOwnProperty=x', undefined, 'hasOwnProperty');
      await refused('get', '/api/v1/customers?__proto__=1', undefined, '__proto__');
    });
  });

  describe('numbers written other than in plain digits', () => {
    it('limit=1e1, 0x10, +5 or 5.0: 400 naming limit (Number() would have read them)', async () => {
      for (const limit of ['1e1', '0x10', '%2B5', '5.0']) {
        await refused('get', `/api/v1/engagements?limit=${limit}`, undefined, 'limit');
      }
      // One message that says what a page size is, not three of its checks.
      const res = await t.http.get('/api/v1/engagements?limit=1e1').set('Authorization', t.admin);
      expect(res.body.errors).toEqual([
        { field: 'limit', message: 'limit must be a whole number from 1 to 200' },
      ]);
      await t.http.get('/api/v1/engagements?limit=5').set('Authorization', t.admin).expect(200);
    });
  });

  describe('dates out of range', () => {
    it('startDate 9999-12-31 (due dates past year 9999): 400 naming startDate', async () => {
      for (const startDate of ['9999-12-31', '2100-01-01', '1999-12-31', '0001-01-01']) {
        await refused('post', '/api/v1/engagements', engagementBody({ startDate }), 'startDate');
      }
      // In range itself, but its tasks would be due in 2100, where no due date may be set back:
      // 422 naming startDate and the latest start that fits, and nothing is written.
      const before = await fingerprint();
      const late = await t.http
        .post('/api/v1/engagements')
        .set('Authorization', t.admin)
        .send(engagementBody({ startDate: '2099-12-31' }));
      expectProblem(late, 422, 'startDate');
      expect(late.body.errors[0].message).toMatch(
        /after 2099-12-31.*start on 2099-\d\d-\d\d or earlier/,
      );
      expect(changedTables(before, await fingerprint())).toEqual([]);
      const latestStart = /start on (\d{4}-\d\d-\d\d)/.exec(late.body.errors[0].message)![1];
      const fits = await t.http
        .post('/api/v1/engagements')
        .set('Authorization', t.admin)
        .send(engagementBody({ startDate: latestStart }))
        .expect(201);
      const lastDue = fits.body.tasks
        .map((task: Body) => task.dueDate)
        .sort()
        .at(-1);
      expect(lastDue).toBe('2099-12-31');
    });

    it('a task due date or a report date out of range', async () => {
      const task = firstTask();
      await refused(
        'patch',
        tasksUrl(engagement.id, task.key),
        { dueDate: '9999-12-31' },
        'dueDate',
        { 'If-Match': task.etag },
      );
      await refused('get', '/api/v1/reports/overdue?asOf=9999-12-31', undefined, 'asOf');
      await refused('get', '/api/v1/reports/overdue/summary?asOf=1970-01-01', undefined, 'asOf');
    });
  });

  describe('list items that are not objects', () => {
    it('tasks: [[]], checklist: [[]], raci entries [[]], contacts: [[]]: 400 naming the item', async () => {
      const body = await templateBody();
      await refused(
        'post',
        '/api/v1/templates/customer-self-managed/versions',
        { ...body, tasks: [[]] },
        'tasks',
      );
      const checklist = structuredClone(body);
      checklist.tasks[0].checklist = [[]];
      await refused(
        'post',
        '/api/v1/templates/customer-self-managed/versions',
        checklist,
        'tasks[0].checklist',
      );
      const raci = structuredClone(body);
      raci.tasks[0].raci.accountable = [[]];
      await refused(
        'post',
        '/api/v1/templates/customer-self-managed/versions',
        raci,
        'tasks[0].raci.accountable',
      );
      const strings = structuredClone(body);
      strings.tasks[0].checklist = ['Provision clusters'];
      await refused(
        'post',
        '/api/v1/templates/customer-self-managed/versions',
        strings,
        'tasks[0].checklist',
      );
      await refused('post', '/api/v1/engagements', engagementBody({ contacts: [[]] }), 'contacts');
      await refused(
        'patch',
        `/api/v1/engagements/${engagement.id}`,
        { contacts: ['x'] },
        'contacts',
      );
    });

    it('lists longer than a template can use', async () => {
      const body = await templateBody();
      const long = structuredClone(body);
      long.tasks[0].checklist = Array.from({ length: 101 }, () => ({ text: 'x', tiers: null }));
      await refused(
        'post',
        '/api/v1/templates/customer-self-managed/versions',
        long,
        'tasks[0].checklist',
      );
      await refused(
        'post',
        '/api/v1/templates/customer-self-managed/versions',
        { ...body, parties: Array.from({ length: 21 }, (_, i) => `P${i}`) },
        'parties',
      );
    });
  });

  describe('a body on an operation that takes none', () => {
    it('DELETE /api-keys/{id} or POST /notifications/{id}/retry with {"x":1}: 400 naming x, nothing revoked', async () => {
      const created = await t.http
        .post('/api/v1/api-keys')
        .set('Authorization', t.admin)
        .send({ name: 'kept', role: 'STAFF' })
        .expect(201);
      const key = `Bearer ${created.body.key}`;
      const res = await refused('delete', `/api/v1/api-keys/${created.body.id}`, { x: 1 }, 'x');
      expect(res.body.errors).toEqual([{ field: 'x', message: 'should not exist' }]);
      await t.http.get('/api/v1/customers').set('Authorization', key).expect(200);
      // Before the notification is looked up (unknown: 404 without a body), or its state (409).
      await refused('post', `/api/v1/notifications/${UUID}/retry`, { x: 1, y: 2 }, /^[xy]$/);
      await refused('post', `/api/v1/notifications/${UUID}/retry`, [1], 'body');
      await t.http
        .post(`/api/v1/notifications/${UUID}/retry`)
        .set('Authorization', t.admin)
        .expect(404);
      // An empty object says nothing, and the key is revoked as asked.
      await t.http
        .delete(`/api/v1/api-keys/${created.body.id}`)
        .set('Authorization', t.admin)
        .send({})
        .expect(200);
      await t.http.get('/api/v1/customers').set('Authorization', key).expect(401);
    });
  });

  describe('control characters', () => {
    const BEL_ESC = 'a\u0007b\u001bc';
    const url = () => tasksUrl(engagement.id, firstTask().key);
    const etag = async () =>
      (await t.http.get(url()).set('Authorization', t.admin).expect(200)).headers.etag as string;

    it('one-line names and titles refuse them, tabs and line breaks too: 400 naming the field', async () => {
      const versions = '/api/v1/templates/customer-self-managed/versions';
      const template = await templateBody();
      const titled = structuredClone(template);
      titled.tasks[0].title = 'Sub\tscription';
      const cases: [method: 'post' | 'patch', url: string, body: unknown, field: string][] = [
        ['post', '/api/v1/customers', { name: BEL_ESC }, 'name'],
        ['post', '/api/v1/customers', { name: 'C1 \u0085 next line' }, 'name'],
        ['post', '/api/v1/customers', { name: 'Acme', externalRef: 'a\nb' }, 'externalRef'],
        ['post', '/api/v1/engagements', engagementBody({ name: 'two\nlines' }), 'name'],
        [
          'post',
          '/api/v1/engagements',
          engagementBody({
            contacts: [{ party: 'CUSTOMER', name: 'Ann\tLee', email: 'a@x.test', primary: true }],
          }),
          'contacts[0].name',
        ],
        ['patch', `/api/v1/engagements/${engagement.id}`, { name: 'del\u007f' }, 'name'],
        ['post', '/api/v1/api-keys', { name: 'ci\u001b[31m', role: 'STAFF' }, 'name'],
        [
          'post',
          '/api/v1/users',
          { email: 'ctl@x.test', name: 'Jane\rDoe', role: 'STAFF' },
          'name',
        ],
        ['post', versions, { ...template, name: `x${BEL_ESC}` }, 'name'],
        ['post', versions, titled, 'tasks[0].title'],
      ];
      for (const [method, target, body, field] of cases) {
        const res = await refused(method, target, body, field);
        expect(res.body.errors.find((e: { field: string }) => e.field === field).message).toMatch(
          /one line without control characters.*\(found U\+[0-9A-F]{4}\)/,
        );
      }
      // Inside the assignee, a task's one-line field.
      await refused('patch', url(), { assignee: 'ann\nlee' }, 'assignee', {
        'If-Match': await etag(),
      });
    });

    it('notes and reasons keep line breaks and tabs but refuse the other control characters', async () => {
      for (const [body, field] of [
        [{ note: `ring ${BEL_ESC}` }, 'note'],
        [{ status: 'BLOCKED', reason: 'esc \u001b' }, 'reason'],
      ] as const) {
        await refused('patch', url(), body, field, { 'If-Match': await etag() });
      }
      await refused('post', `${url()}/complete`, { note: 'bell\u0007' }, 'note');
      await refused(
        'patch',
        `/api/v1/engagements/${engagement.id}`,
        { status: 'CANCELLED', reason: 'x\u0008y' },
        'reason',
      );
      const note = 'line one\r\nline two\n\tindented';
      const kept = await t.http
        .patch(url())
        .set('Authorization', t.admin)
        .set('If-Match', await etag())
        .send({ note });
      expect(kept.status).toBe(200);
      expect(kept.body.note).toBe(note);
    });
  });

  describe('tampered paging cursors', () => {
    const engagementsUrl = '/api/v1/engagements';
    const auditUrl = () => `/api/v1/engagements/${engagement.id}/audit`;
    const taskAuditUrl = () =>
      `/api/v1/engagements/${engagement.id}/tasks/${firstTask().key}/audit`;
    const cases: [name: string, url: () => string, cursor: string][] = [
      ['audit id beyond bigint', auditUrl, cursorOf({ id: '9999999999999999999' })],
      ['task audit id beyond bigint', taskAuditUrl, cursorOf({ id: '99999999999999999999' })],
      ['notification at "1"', () => '/api/v1/notifications', cursorOf({ at: '1', id: UUID })],
      [
        'notification at beyond JS dates',
        () => '/api/v1/notifications',
        cursorOf({ at: '+275760-09-13T00:00:00.001Z', id: UUID }),
      ],
      [
        'notification at year -271821',
        () => '/api/v1/notifications',
        cursorOf({ at: '-271821-04-20T00:00:00.000Z', id: UUID }),
      ],
      [
        'notification id not a full UUID',
        () => '/api/v1/notifications',
        cursorOf({ at: '2026-01-01T00:00:00.000Z', id: '-'.repeat(36) }),
      ],
      [
        'engagement id not a full UUID',
        () => engagementsUrl,
        cursorOf({
          s: 'createdAt',
          k: '2026-01-01T00:00:00.000Z',
          id: 'g'.repeat(8) + UUID.slice(8),
        }),
      ],
      [
        'engagement createdAt year 275760',
        () => engagementsUrl,
        cursorOf({ s: 'createdAt', k: '275760-09-13T00:00:00.000Z', id: UUID }),
      ],
      [
        'engagement name with U+0000',
        () => `${engagementsUrl}?sort=name`,
        cursorOf({ s: 'name', k: 'a\u0000', id: UUID }),
      ],
      [
        'engagement name with a lone surrogate',
        () => `${engagementsUrl}?sort=-name`,
        cursorOf('{"s":"-name","k":"\\ud800","id":"' + UUID + '"}'),
      ],
      [
        'engagement cursor of another order',
        () => `${engagementsUrl}?sort=progress`,
        cursorOf({ s: 'name', k: 'x', id: UUID }),
      ],
      [
        'engagement progress over 100',
        () => `${engagementsUrl}?sort=progress`,
        cursorOf({ s: 'progress', k: '101', id: UUID }),
      ],
      [
        'overdue items position beyond int',
        () => '/api/v1/reports/overdue/items',
        cursorOf({ d: '2026-01-01', c: 'x', p: '9999999999', e: UUID }),
      ],
      [
        'overdue items customer with U+0000',
        () => '/api/v1/reports/overdue/items',
        cursorOf({ d: '2026-01-01', c: '\u0000', p: '1', e: UUID }),
      ],
      [
        'overdue items date year 99999',
        () => '/api/v1/reports/overdue/items',
        cursorOf({ d: '99999-01-01', c: 'x', p: '1', e: UUID }),
      ],
      ['not base64url JSON at all', () => engagementsUrl, 'not a cursor!'],
      ['JSON that is not an object', () => auditUrl(), cursorOf('[1,2]')],
    ];

    it.each(cases)('%s: 400 naming cursor', async (_name, url, cursor) => {
      const target = url();
      await refused(
        'get',
        `${target}${target.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}`,
        undefined,
        'cursor',
      );
    });

    it('an empty cursor is no cursor either, on every paged list: 400 naming cursor', async () => {
      for (const url of [
        engagementsUrl,
        auditUrl(),
        taskAuditUrl(),
        '/api/v1/users',
        `/api/v1/users/${UUID}/history`,
        '/api/v1/notifications',
        '/api/v1/reports/overdue/items',
      ]) {
        await refused('get', `${url}?cursor=`, undefined, 'cursor');
      }
    });

    it('cursors the service issued still work on every paged list', async () => {
      for (const url of [
        `${engagementsUrl}?limit=1`,
        `${engagementsUrl}?limit=1&sort=-name`,
        `${auditUrl()}?limit=1`,
        `${taskAuditUrl()}?limit=1`,
      ]) {
        const first = await t.http.get(url).set('Authorization', t.admin).expect(200);
        expect({ url, next: typeof first.body.nextCursor }).toEqual({ url, next: 'string' });
        const next = await t.http
          .get(`${url}&cursor=${first.body.nextCursor}`)
          .set('Authorization', t.admin);
        expect({ url, status: next.status }).toEqual({ url, status: 200 });
      }
    });
  });
});
