import { addDays, todayUtc } from '../src/common/domain/calendar-date';
import {
  createCustomer,
  createEngagement,
  snapshotDatabase,
  tasksUrl,
} from './helpers/engagement-api';
import {
  FIXTURE_MODELS,
  fixtureTemplate,
  FixtureTemplate,
  insertTemplateVersion,
  seedFixtureCatalogue,
} from './helpers/template-fixtures';
import { startTestApp, TestApp } from './helpers/test-app';

describe('engagements: create, read, change', () => {
  let t: TestApp;
  let catalogue: FixtureTemplate[];
  let customerId: string;
  beforeAll(async () => {
    t = await startTestApp();
    catalogue = await seedFixtureCatalogue(t.prisma);
    customerId = await createCustomer(t, 'Acme');
  });
  afterAll(() => t.close());

  const post = (body: object) =>
    t.http.post('/api/v1/engagements').set('Authorization', t.admin).send(body);
  const valid = () => ({
    customerId,
    templateKey: 'customer-self-managed',
    cloudProvider: 'OTHER',
    securityTier: 'BASIC',
    startDate: '2026-03-02',
  });

  describe('creating', () => {
    it('takes a customer id in upper case and answers, stores and audits it in lower case', async () => {
      const res = await post({ ...valid(), customerId: customerId.toUpperCase() }).expect(201);
      expect(res.body.customerId).toBe(customerId);
      const event = await t.prisma.auditEvent.findFirstOrThrow({
        where: { engagementId: res.body.id, action: 'engagement.created' },
      });
      expect((event.changes as { customerId: { to: string } }).customerId.to).toBe(customerId);
      const listed = await t.http
        .get(`/api/v1/engagements?customerId=${customerId.toUpperCase()}`)
        .set('Authorization', t.admin)
        .expect(200);
      expect(listed.body.items.map((e: { id: string }) => e.id)).toContain(res.body.id);
    });

    it.each(FIXTURE_MODELS)('creates 16 task snapshots from %s', async (model) => {
      const template = catalogue.find((c) => c.key === model)!;
      for (const tier of ['BASIC', 'STANDARD', 'PREMIUM'] as const) {
        const res = await post({
          customerId,
          templateKey: model,
          cloudProvider: 'AZURE',
          securityTier: tier,
          startDate: '2026-03-02',
          contacts: [
            { party: 'WSO2', name: 'Wanda', email: 'wanda@wso2.com', primary: true },
            { party: 'CUSTOMER', name: 'Carl', email: 'carl@acme.test', primary: true },
          ],
        });
        expect(res.status).toBe(201);
        const body = res.body;
        expect(res.headers.location).toBe(`/api/v1/engagements/${body.id}`);
        expect(body).toMatchObject({
          customerId,
          customerName: 'Acme',
          templateKey: model,
          templateVersion: 1,
          name: `Acme — ${template.name}`,
          cloudProvider: 'AZURE',
          securityTier: tier,
          startDate: '2026-03-02',
          status: 'ACTIVE',
          cancelReason: null,
          progress: { total: 16, done: 0, notApplicable: 0, percent: 0 },
        });
        expect(body.contacts).toEqual([
          { party: 'CUSTOMER', name: 'Carl', email: 'carl@acme.test', primary: true },
          { party: 'WSO2', name: 'Wanda', email: 'wanda@wso2.com', primary: true },
        ]);
        expect(body.tasks).toHaveLength(16);
        body.tasks.forEach((task: Record<string, unknown>, index: number) => {
          const source = template.tasks[index];
          expect(task).toEqual({
            engagementId: body.id,
            key: source.key,
            position: index + 1,
            title: source.title,
            status: 'NOT_STARTED',
            dueDate: addDays('2026-03-02', source.dueOffsetDays),
            overdue: addDays('2026-03-02', source.dueOffsetDays) < todayUtc(),
            // Whole days from the due date to today, when that is after it.
            daysOverdue: Math.max(
              0,
              (Date.parse(todayUtc()) - Date.parse(addDays('2026-03-02', source.dueOffsetDays))) /
                86_400_000,
            ),
            assignee: null,
            assigneeUser: null,
            note: null,
            statusReason: null,
            checklist: source.checklist.filter(
              (item) => item.tiers === null || item.tiers.includes(tier),
            ),
            raci: source.raci,
            dependsOn: source.dependsOn,
            // Every task is NOT_STARTED: each dependency is open.
            openDependencies: source.dependsOn,
            allowedMoves: [
              { status: 'IN_PROGRESS', reasonRequired: false },
              { status: 'BLOCKED', reasonRequired: true },
              { status: 'DONE', reasonRequired: false },
              { status: 'NOT_APPLICABLE', reasonRequired: true },
            ],
            version: 1,
            etag: '"v1"',
            updatedAt: expect.any(String),
          });
        });
        const security = body.tasks.find(
          (task: { key: string }) => task.key === 'system-security-monitoring',
        );
        expect(security.checklist.map((i: { text: string }) => i.text)).toEqual(
          tier === 'BASIC'
            ? [
                'CSPM',
                'Apply security patches',
                'Manage supply chain security (Image scanning, SAST)',
                'Manage security incidents',
              ]
            : [
                'CSPM',
                'Apply security patches',
                'Manage supply chain security',
                'Monitor runtime security alerts (Azure Defender)',
                'Monitor security incident and event management (SIEM) alerts',
                'Manage security incidents',
                'Adhere to compliance standards',
              ],
        );
        expect(security.raci.accountable).toEqual([
          { party: 'WSO2', ifRequired: false },
          { party: 'CUSTOMER', ifRequired: false },
        ]);
        const rows = await t.prisma.task.findMany({ where: { engagementId: body.id } });
        expect(rows).toHaveLength(16);
        expect(rows.every((row) => row.version === 1 && row.templateTaskId)).toBe(true);
        const events = await t.prisma.auditEvent.findMany({ where: { engagementId: body.id } });
        expect(events).toHaveLength(1);
        expect(events[0]).toMatchObject({
          action: 'engagement.created',
          actorName: 'bootstrap-admin',
        });
      }
    });

    it('uses the latest template version by default; old engagements keep their snapshot', async () => {
      const first = await createEngagement(t, customerId, { templateKey: 'customer-self-managed' });
      const v2 = fixtureTemplate('customer-self-managed', 2);
      v2.tasks[0] = { ...v2.tasks[0], title: 'Subscription prerequisites (v2)', dueOffsetDays: 3 };
      await insertTemplateVersion(t.prisma, v2);
      const latest = await createEngagement(t, customerId, {
        templateKey: 'customer-self-managed',
      });
      expect(latest.templateVersion).toBe(2);
      expect(latest.tasks[0]).toMatchObject({
        title: 'Subscription prerequisites (v2)',
        dueDate: '2026-03-05',
      });
      const pinned = await createEngagement(t, customerId, {
        templateKey: 'customer-self-managed',
        templateVersion: 1,
      });
      expect(pinned.templateVersion).toBe(1);
      const reread = await t.http
        .get(`/api/v1/engagements/${first.id}`)
        .set('Authorization', t.admin)
        .expect(200);
      expect(reread.body.templateVersion).toBe(1);
      expect(reread.body.tasks[0].title).toBe('Subscription prerequisites');
    });

    it.each([
      [
        'provider not allowed',
        { templateKey: 'wso2-managed-wso2-subscription', cloudProvider: 'OTHER' },
        'cloudProvider',
      ],
      ['unknown template', { templateKey: 'no-such-template' }, 'templateKey'],
      ['unknown version', { templateVersion: 9 }, 'templateVersion'],
      ['unknown customer', { customerId: '00000000-0000-4000-8000-000000000000' }, 'customerId'],
      [
        'two primaries of a party',
        {
          contacts: [
            { party: 'CUSTOMER', name: 'A', email: 'a@x.test', primary: true },
            { party: 'CUSTOMER', name: 'B', email: 'b@x.test', primary: true },
          ],
        },
        'contacts[1].primary',
      ],
      [
        'a party not in the template',
        { contacts: [{ party: 'PARTNER', name: 'P', email: 'p@x.test' }] },
        'contacts[0].party',
      ],
    ])('refuses %s with 422, changing nothing', async (_case, change, field) => {
      const before = await snapshotDatabase(t);
      const res = await post({ ...valid(), ...change });
      expect(res.status).toBe(422);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
      expect(await snapshotDatabase(t)).toBe(before);
    });

    it.each([
      ['a bad date', { startDate: '2026-02-30' }, ['startDate']],
      ['a date with time', { startDate: '2026-02-03T00:00:00Z' }, ['startDate']],
      [
        'an unknown tier and provider',
        { securityTier: 'GOLD', cloudProvider: 'IBM' },
        ['cloudProvider', 'securityTier'],
      ],
      [
        'a bad contact email',
        { contacts: [{ party: 'WSO2', name: 'W', email: 'nope' }] },
        ['contacts[0].email'],
      ],
      ['a non-uuid customer', { customerId: 'acme' }, ['customerId']],
      ['unknown fields', { colour: 'red' }, ['colour']],
    ])('refuses %s with 400, changing nothing', async (_case, change, fields) => {
      const before = await snapshotDatabase(t);
      const res = await post({ ...valid(), ...change });
      expect(res.status).toBe(400);
      expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual(
        fields,
      );
      expect(await snapshotDatabase(t)).toBe(before);
    });

    it('says what a contact email must be, and takes one pasted with spaces around it', async () => {
      const refused = await post({
        ...valid(),
        contacts: [{ party: 'WSO2', name: 'W', email: 'nope' }],
      }).expect(400);
      expect(refused.body.errors).toEqual([
        {
          field: 'contacts[0].email',
          message: 'email must be an email address, such as name@example.com',
        },
      ]);
      // Shaped like an address, but longer before @ than an address may be: it says so.
      const long = await post({
        ...valid(),
        contacts: [{ party: 'WSO2', name: 'W', email: `${'a'.repeat(65)}@wso2.com` }],
      }).expect(400);
      expect(long.body.errors).toEqual([
        {
          field: 'contacts[0].email',
          message:
            'email must be an email address whose part before @ has at most 64 characters (this one has 65)',
        },
      ]);
      const created = await createEngagement(t, customerId, {
        contacts: [{ party: 'WSO2', name: 'Amy', email: ' amy@wso2.com\t' }],
      });
      expect(created.contacts).toEqual([expect.objectContaining({ email: 'amy@wso2.com' })]);
    });

    it('names the engagement as asked', async () => {
      const created = await createEngagement(t, customerId, { name: 'Acme EU rollout' });
      expect(created.name).toBe('Acme EU rollout');
    });

    it('answers with exactly what a read returns, overdue tasks, contacts order and primary contacts included', async () => {
      // Started long ago: some tasks are overdue the moment they exist.
      const created = await createEngagement(t, customerId, {
        startDate: '2025-01-06',
        contacts: [
          { party: 'WSO2', name: 'Zed', email: 'zed@wso2.com' },
          { party: 'CUSTOMER', name: 'bob', email: 'bob@acme.test' },
          { party: 'WSO2', name: 'Amy', email: 'amy@wso2.com', primary: true },
          { party: 'CUSTOMER', name: 'Bea', email: 'bea@acme.test', primary: true },
        ],
      });
      expect(created.overdueCount).toBeGreaterThan(0);
      const read = await t.http
        .get(`/api/v1/engagements/${created.id}`)
        .set('Authorization', t.admin)
        .expect(200);
      expect(read.body).toEqual(created);
      const row = await t.prisma.engagement.findUniqueOrThrow({ where: { id: created.id } });
      expect(row.primaryContacts).toEqual({
        CUSTOMER: { name: 'Bea', email: 'bea@acme.test' },
        WSO2: { name: 'Amy', email: 'amy@wso2.com' },
      });
    });
  });

  describe('Idempotency-Key', () => {
    it('replays the first response and creates nothing new; a different body is 422', async () => {
      const body = valid();
      const first = await post(body).set('Idempotency-Key', 'eng-1');
      expect(first.status).toBe(201);
      const before = await snapshotDatabase(t);
      const replay = await post(body).set('Idempotency-Key', 'eng-1');
      expect(replay.status).toBe(201);
      expect(replay.body).toEqual(first.body);
      expect(replay.headers.location).toBe(first.headers.location);
      // The first response's own headers come back too: a replayed create still names its ETag.
      expect(first.headers.etag).toBe('"v1"');
      expect(replay.headers.etag).toBe(first.headers.etag);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(await snapshotDatabase(t)).toBe(before);
      const other = await post({ ...body, securityTier: 'PREMIUM' }).set(
        'Idempotency-Key',
        'eng-1',
      );
      expect(other.status).toBe(422);
      expect(await snapshotDatabase(t)).toBe(before);
    });

    it('creates one engagement when requests with one key race', async () => {
      const body = { ...valid(), name: 'Raced' };
      const results = await Promise.all(
        Array.from({ length: 6 }, () => post(body).set('Idempotency-Key', 'eng-race')),
      );
      expect(results.map((r) => r.status)).toEqual(Array(6).fill(201));
      expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
      expect(await t.prisma.engagement.count({ where: { name: 'Raced' } })).toBe(1);
      expect(await t.prisma.auditEvent.count({ where: { engagementId: results[0].body.id } })).toBe(
        1,
      );
    });
  });

  describe('reading', () => {
    let other: string;
    let ids: string[];
    beforeAll(async () => {
      other = await createCustomer(t, 'Beta Reads');
      ids = [];
      for (let i = 0; i < 5; i++) {
        // Started today: nothing is due yet.
        const body = { templateKey: 'wso2-managed-customer-subscription', startDate: todayUtc() };
        ids.push((await createEngagement(t, other, body)).id);
      }
      // One engagement started long ago: several tasks are overdue today.
      ids.push(
        (
          await createEngagement(t, other, {
            templateKey: 'customer-self-managed',
            startDate: addDays(todayUtc(), -30),
          })
        ).id,
      );
    });

    it('pages in creation order with stable cursors', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res: { body: { items: { id: string }[]; nextCursor: string | null } } = await t.http
          .get('/api/v1/engagements')
          .query({ customerId: other, limit: 4, ...(cursor ? { cursor } : {}) })
          .set('Authorization', t.admin)
          .expect(200);
        expect(res.body.items.length).toBeLessThanOrEqual(4);
        seen.push(...res.body.items.map((e: { id: string }) => e.id));
        cursor = res.body.nextCursor;
        pages++;
      } while (cursor);
      expect(pages).toBe(2);
      expect(seen).toEqual(ids);
    });

    it('reports progress and overdue counts per engagement, and filters overdue', async () => {
      const expectedOverdue = fixtureTemplate('customer-self-managed').tasks.filter(
        (task) => addDays(addDays(todayUtc(), -30), task.dueOffsetDays) < todayUtc(),
      ).length;
      expect(expectedOverdue).toBeGreaterThan(0);
      const res = await t.http
        .get('/api/v1/engagements')
        .query({ customerId: other, overdue: 'true' })
        .set('Authorization', t.admin)
        .expect(200);
      expect(res.body.items.map((e: { id: string }) => e.id)).toEqual([ids[5]]);
      expect(res.body.items[0]).toMatchObject({
        overdueCount: expectedOverdue,
        progress: { total: 16, done: 0, notApplicable: 0, percent: 0 },
        customerName: 'Beta Reads',
      });
      const detail = await t.http
        .get(`/api/v1/engagements/${ids[5]}`)
        .set('Authorization', t.admin)
        .expect(200);
      expect(detail.body.overdueCount).toBe(expectedOverdue);
      const { contacts: _c, tasks: _t, version: _v, etag: _e, ...summary } = detail.body;
      expect(res.body.items[0]).toEqual(summary);
    });

    it('filters by status and template', async () => {
      const byTemplate = await t.http
        .get('/api/v1/engagements')
        .query({ customerId: other, templateKey: 'customer-self-managed', status: 'ACTIVE' })
        .set('Authorization', t.admin)
        .expect(200);
      expect(byTemplate.body.items.map((e: { id: string }) => e.id)).toEqual([ids[5]]);
      const cancelled = await t.http
        .get('/api/v1/engagements')
        .query({ customerId: other, status: 'CANCELLED' })
        .set('Authorization', t.admin)
        .expect(200);
      expect(cancelled.body).toEqual({ items: [], nextCursor: null });
    });

    it('refuses bad paging parameters with 400', async () => {
      for (const query of [
        { limit: 0 },
        { limit: 201 },
        { cursor: 'garbage!' },
        { overdue: 'maybe' },
        { status: 'DONE' },
      ]) {
        const res = await t.http
          .get('/api/v1/engagements')
          .query(query)
          .set('Authorization', t.admin);
        expect(res.status).toBe(400);
      }
    });

    it('answers 404 for an unknown engagement or task, and ETags a task', async () => {
      await t.http
        .get('/api/v1/engagements/00000000-0000-4000-8000-000000000000')
        .set('Authorization', t.admin)
        .expect(404);
      await t.http.get(tasksUrl(ids[0], 'no-such-task')).set('Authorization', t.admin).expect(404);
      const task = await t.http
        .get(tasksUrl(ids[0], 'dns-management'))
        .set('Authorization', t.admin)
        .expect(200);
      expect(task.headers.etag).toBe('"v1"');
      expect(task.body).toMatchObject({ key: 'dns-management', position: 8, etag: '"v1"' });
    });
  });

  describe('PATCH /engagements/{id}', () => {
    const patch = (id: string, body: object) =>
      t.http.patch(`/api/v1/engagements/${id}`).set('Authorization', t.admin).send(body);

    it('changes the tier: open tasks get re-filtered checklists (new version), done ones keep theirs, audited', async () => {
      const eng = await createEngagement(t, customerId, { securityTier: 'BASIC' });
      const res = await patch(eng.id, { securityTier: 'PREMIUM', name: 'Renamed' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ securityTier: 'PREMIUM', name: 'Renamed' });
      const security = res.body.tasks.find(
        (task: { key: string }) => task.key === 'system-security-monitoring',
      );
      expect(security.checklist).toHaveLength(7);
      expect(security.version).toBe(2);
      const untouched = res.body.tasks.find(
        (task: { key: string }) => task.key === 'dns-management',
      );
      expect(untouched.version).toBe(1);
      const audit = await t.http
        .get(`/api/v1/engagements/${eng.id}/audit`)
        .set('Authorization', t.admin)
        .expect(200);
      expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual([
        'engagement.created',
        'engagement.updated',
        'task.checklist_changed',
      ]);
      expect(audit.body.items[1].changes).toEqual({
        name: { from: eng.name, to: 'Renamed' },
        securityTier: { from: 'BASIC', to: 'PREMIUM' },
      });
      expect(audit.body.items[2]).toMatchObject({ taskKey: 'system-security-monitoring' });
      expect(audit.body.items[2].changes.checklist.to).toHaveLength(7);
    });

    it('keeps the checklist of a closed task when the tier changes', async () => {
      const eng = await createEngagement(t, customerId, { securityTier: 'BASIC' });
      const url = tasksUrl(eng.id, 'system-security-monitoring');
      await t.http
        .patch(url)
        .set('Authorization', t.admin)
        .set('If-Match', '"v1"')
        .send({ status: 'NOT_APPLICABLE', reason: 'out of scope' })
        .expect(200);
      const res = await patch(eng.id, { securityTier: 'STANDARD' }).expect(200);
      const security = res.body.tasks.find(
        (task: { key: string }) => task.key === 'system-security-monitoring',
      );
      expect(security.checklist).toHaveLength(4);
      expect(security.version).toBe(2);
    });

    it('replaces contacts (audited) and refuses invalid ones with 422, changing nothing', async () => {
      const eng = await createEngagement(t, customerId, {
        contacts: [{ party: 'CUSTOMER', name: 'Old', email: 'old@acme.test', primary: true }],
      });
      const contacts = [
        { party: 'CUSTOMER', name: 'New', email: 'new@acme.test', primary: true },
        { party: 'WSO2', name: 'Wes', email: 'wes@wso2.com', primary: false },
      ];
      const res = await patch(eng.id, { contacts }).expect(200);
      expect(res.body.contacts).toEqual(contacts);
      const events = await t.prisma.auditEvent.findMany({
        where: { engagementId: eng.id },
        orderBy: { id: 'asc' },
      });
      expect(events.map((e) => e.action)).toEqual([
        'engagement.created',
        'engagement.contacts_changed',
      ]);
      expect(events[1].changes).toEqual({
        contacts: {
          from: [{ party: 'CUSTOMER', name: 'Old', email: 'old@acme.test', primary: true }],
          to: contacts,
        },
      });
      // The same list again is no change at all.
      await patch(eng.id, { contacts: [...contacts].reverse() }).expect(200);
      expect(await t.prisma.auditEvent.count({ where: { engagementId: eng.id } })).toBe(2);

      const before = await snapshotDatabase(t);
      const bad = await patch(eng.id, {
        contacts: [{ party: 'SOMEONE', name: 'X', email: 'x@x.test' }],
      });
      expect(bad.status).toBe(422);
      expect(await snapshotDatabase(t)).toBe(before);
    });

    it('cancels with a reason (audited); then nothing changes any more', async () => {
      const eng = await createEngagement(t, customerId);
      let before = await snapshotDatabase(t);
      await patch(eng.id, { status: 'CANCELLED' }).expect(422);
      await patch(eng.id, { status: 'ACTIVE', reason: 'x' }).expect(409); // not cancelled
      await patch(eng.id, { name: 'x', reason: 'why' }).expect(422);
      expect(await snapshotDatabase(t)).toBe(before);

      const res = await patch(eng.id, { status: 'CANCELLED', reason: 'Customer postponed' }).expect(
        200,
      );
      expect(res.body).toMatchObject({
        status: 'CANCELLED',
        cancelReason: 'Customer postponed',
        overdueCount: 0,
      });
      // Nothing is offered any more: no task of a cancelled engagement may move.
      expect(res.body.tasks.map((task: { allowedMoves: unknown[] }) => task.allowedMoves)).toEqual(
        res.body.tasks.map(() => []),
      );
      const last = await t.prisma.auditEvent.findFirst({
        where: { engagementId: eng.id },
        orderBy: { id: 'desc' },
      });
      expect(last).toMatchObject({
        action: 'engagement.cancelled',
        reason: 'Customer postponed',
        changes: { status: { from: 'ACTIVE', to: 'CANCELLED' } },
      });

      before = await snapshotDatabase(t);
      await patch(eng.id, { name: 'Too late' }).expect(409);
      await t.http
        .patch(tasksUrl(eng.id, 'subscription-prerequisites'))
        .set('Authorization', t.admin)
        .set('If-Match', '"v1"')
        .send({ status: 'IN_PROGRESS' })
        .expect(409);
      expect(await snapshotDatabase(t)).toBe(before);
    });

    it('answers 404 for an unknown engagement', async () => {
      await patch('00000000-0000-4000-8000-000000000000', { name: 'x' }).expect(404);
    });
  });
});
