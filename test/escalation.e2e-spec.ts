import { addDays, todayUtc, toDbDate } from '../src/common/domain/calendar-date';
import { EscalationService } from '../src/escalation/escalation.service';
import {
  runEscalation,
  seedEngagement,
  SeededEngagement,
  waitForIdleRuns,
} from './helpers/escalation-fixtures';
import { startTestApp, TestApp } from './helpers/test-app';
import request from 'supertest';

const wanda = { name: 'Wanda Ops', email: 'wanda@wso2.com' };
const carl = { name: 'Carl Customer', email: 'carl@acme.example' };
const gina = { name: 'Gina Globex', email: 'gina@globex.example' };
const asOf = '2026-11-25';

describe('escalation: decisions into the outbox (no webhook: RECORDED)', () => {
  let t: TestApp;
  let acme: SeededEngagement;
  let cancelled: SeededEngagement;
  let globex: SeededEngagement;

  beforeAll(async () => {
    t = await startTestApp();
    acme = await seedEngagement(t.prisma, {
      customerName: 'Acme',
      contacts: [
        { party: 'WSO2', ...wanda, primary: true },
        { party: 'WSO2', name: 'Backup', email: 'backup@wso2.com', primary: false },
        { party: 'Customer', ...carl, primary: true },
      ],
      tasks: [
        {
          key: 'late-8',
          dueDate: '2026-11-17',
          raci: {
            accountable: [{ party: 'WSO2' }],
            consulted: [{ party: 'Customer' }],
            informed: [{ party: 'Customer', ifRequired: true }],
          },
        },
        {
          key: 'late-1',
          dueDate: '2026-11-24',
          status: 'BLOCKED',
          raci: { accountable: [{ party: 'Customer' }], informed: [{ party: 'WSO2' }] },
        },
        {
          key: 'joint',
          dueDate: '2026-11-20',
          status: 'IN_PROGRESS',
          raci: {
            accountable: [{ party: 'WSO2' }, { party: 'Partner' }],
            informed: [{ party: 'WSO2' }],
          },
        },
        { key: 'due-today', dueDate: asOf, raci: { accountable: [{ party: 'WSO2' }] } },
        {
          key: 'done',
          dueDate: '2026-10-01',
          status: 'DONE',
          raci: { accountable: [{ party: 'WSO2' }] },
        },
        {
          key: 'not-applicable',
          dueDate: '2026-10-01',
          status: 'NOT_APPLICABLE',
          raci: { accountable: [{ party: 'WSO2' }] },
        },
        { key: 'redated', dueDate: '2026-11-01', raci: { accountable: [{ party: 'WSO2' }] } },
      ],
    });
    cancelled = await seedEngagement(t.prisma, {
      customerName: 'Acme',
      name: 'Acme old PDP',
      status: 'CANCELLED',
      tasks: [{ key: 'late', dueDate: '2026-10-01', raci: { accountable: [{ party: 'WSO2' }] } }],
    });
    globex = await seedEngagement(t.prisma, {
      customerName: 'Globex',
      contacts: [{ party: 'Customer', ...gina, primary: true }],
      tasks: [
        { key: 'late-2', dueDate: '2026-11-23', raci: { accountable: [{ party: 'Customer' }] } },
      ],
    });
    // Re-dated into the future before any level was reached: it must get nothing.
    await t.prisma.task.update({
      where: { id: acme.taskIds['redated'] },
      data: { dueDate: toDbDate('2026-12-20') },
    });
  });
  afterAll(() => t.close());

  const notificationCount = () => t.prisma.notification.count();
  const createdEvents = () =>
    t.prisma.auditEvent.findMany({
      where: { action: 'notification.created' },
      orderBy: { id: 'asc' },
    });

  it('refuses STAFF and CUSTOMER keys, and a bad asOf, creating nothing', async () => {
    const staff = await t.keyFor('STAFF');
    const customer = await t.keyFor('CUSTOMER', acme.customerId);
    await t.http.post('/api/v1/escalations/run').set('Authorization', staff).expect(403);
    await t.http.post('/api/v1/escalations/run').set('Authorization', customer).expect(403);
    await t.http.post('/api/v1/escalations/run').send({ asOf }).expect(401);
    for (const [body, message] of [
      [{ asOf: '2026-02-30' }, /^must be a real date from 2000-01-01 to 2099-12-31/],
      [{ asOf: '9999-12-31', dryRun: true }, /^must be a real date from 2000-01-01 to 2099-12-31/],
      // Notifying about tomorrow could not be taken back: only a dry run may look ahead.
      [{ asOf: addDays(todayUtc(), 1) }, /^must not be after today .*dryRun: true/],
      [{ asOf: '2099-12-31' }, /^must not be after today/],
    ] as const) {
      const bad = await t.http
        .post('/api/v1/escalations/run')
        .set('Authorization', t.admin)
        .send(body);
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual([{ field: 'asOf', message: expect.stringMatching(message) }]);
    }
    const notBoolean = await t.http
      .post('/api/v1/escalations/run')
      .set('Authorization', t.admin)
      .send({ dryRun: 'yes' });
    expect(notBoolean.status).toBe(400);
    expect(await t.prisma.escalationRun.count()).toBe(0);
    expect(await notificationCount()).toBe(0);
    expect(await createdEvents()).toEqual([]);
  });

  it('looks ahead in a dry run, writing nothing', async () => {
    const dry = await runEscalation(t, { asOf: '2026-12-15', dryRun: true });
    expect(dry).toMatchObject({
      status: 'SUCCEEDED',
      dryRun: true,
      asOf: '2026-12-15',
      error: null,
    });
    expect(dry.notified).toBe(dry.notifications.length);
    expect(dry.notifications.map((n) => `${n.taskKey}@${n.level}`).sort()).toEqual([
      'due-today@14',
      'joint@14',
      'late-1@14',
      'late-2@14',
      'late-8@14',
    ]);
    expect(dry.notifications.every((n) => n.notificationId === null)).toBe(true);
    expect(await notificationCount()).toBe(0);
    expect(await createdEvents()).toEqual([]);
  });

  it('runs as a job: 202 with its Location at once, one run at a time (409)', async () => {
    const first = await t.http
      .post('/api/v1/escalations/run')
      .set('Authorization', t.admin)
      .send({ asOf, dryRun: true });
    expect(first.status).toBe(202);
    expect(first.headers.location).toBe(`/api/v1/escalations/runs/${first.body.id}`);
    expect(first.body).toMatchObject({ asOf, dryRun: true, levels: [1, 7, 14] });
    expect(['QUEUED', 'RUNNING', 'SUCCEEDED']).toContain(first.body.status);
    const second = await t.http
      .post('/api/v1/escalations/run')
      .set('Authorization', t.admin)
      .send({ asOf, dryRun: true });
    // Unless the first run already finished, the second one has to wait its turn.
    if (second.status === 409) {
      expect(second.body).toMatchObject({ runId: first.body.id });
    } else {
      expect(second.status).toBe(202);
    }
    await waitForIdleRuns(t.prisma);
    const done = await t.http.get(first.headers.location).set('Authorization', t.admin).expect(200);
    expect(done.body).toMatchObject({ status: 'SUCCEEDED', evaluated: 4, notified: 4 });
    await t.http
      .get('/api/v1/escalations/runs/00000000-0000-4000-8000-000000000000')
      .set('Authorization', t.admin)
      .expect(404);
    await t.http
      .get(first.headers.location)
      .set('Authorization', await t.keyFor('STAFF'))
      .expect(403);
  });

  it('tells each overdue task once, at its current level, even when evaluations race on two instances', async () => {
    const other = await t.anotherInstance();
    try {
      // The scheduled evaluations of two instances (pg-boss) and a run on request, at once.
      const [a, b, c, job] = await Promise.all([
        t.app.get(EscalationService).run(asOf),
        other.get(EscalationService).run(asOf),
        t.app.get(EscalationService).run(asOf),
        runEscalation(t, { asOf }, request(other.getHttpServer())),
      ]);
      for (const result of [a, b, c]) {
        // late-8, late-1, joint (Acme) and late-2 (Globex); the rest are not overdue.
        expect(result).toMatchObject({ asOf, levels: [1, 7, 14], evaluated: 4 });
      }
      expect(job).toMatchObject({ status: 'SUCCEEDED', evaluated: 4 });
      const created = [...a.created, ...b.created, ...c.created, ...job.notifications];
      // late-8 is 8 days overdue when first seen: level 7 at once, not 1 and then 7.
      expect(created.map((n) => `${n.taskKey}@${n.level}`).sort()).toEqual([
        'joint@1',
        'late-1@1',
        'late-2@1',
        'late-8@7',
      ]);
    } finally {
      await other.close();
    }
    expect(await notificationCount()).toBe(4);
    const events = await createdEvents();
    expect(events).toHaveLength(4);
    const rows = await t.prisma.notification.findMany();
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['RECORDED']));
    for (const row of rows) {
      const event = events.find(
        (e) =>
          e.taskKey === row.taskKey &&
          (e.changes as { level: { to: number } }).level.to === row.level,
      );
      expect(event).toMatchObject({
        actorId: null,
        actorName: 'system:escalation',
        engagementId: row.engagementId,
        changes: {
          level: { from: null, to: row.level },
          daysOverdue: { from: null, to: row.daysOverdue },
          status: { from: null, to: 'RECORDED' },
          recipients: { from: null, to: row.recipients },
        },
      });
    }
    // The reason is read as is in task histories: in words, with the date as the app shows it.
    const reasons = Object.fromEntries(events.map((e) => [e.taskKey, e.reason]));
    expect(reasons).toMatchObject({
      'late-8': '8 days overdue on 25 Nov 2026 (escalation level 7 days)',
      'late-1': '1 day overdue on 25 Nov 2026 (escalation level 1 day)',
    });
  });

  it('runs again without repeating a level', async () => {
    const again = await runEscalation(t, { asOf });
    expect(again).toMatchObject({ asOf, evaluated: 4, notified: 0, notifications: [] });
    expect(await notificationCount()).toBe(4);
  });

  it('addresses accountable parties and Informed ones ("If required" only from level 2)', async () => {
    const byLevel = async (taskKey: string, level: number) =>
      (await t.prisma.notification.findFirstOrThrow({ where: { taskKey, level } })).recipients;
    expect(await byLevel('late-8', 7)).toEqual([
      { party: 'WSO2', roles: ['accountable'], contact: wanda, contactMissing: false },
      { party: 'Customer', roles: ['informed'], contact: carl, contactMissing: false },
    ]);
    expect(await byLevel('late-1', 1)).toEqual([
      { party: 'Customer', roles: ['accountable'], contact: carl, contactMissing: false },
      { party: 'WSO2', roles: ['informed'], contact: wanda, contactMissing: false },
    ]);
    // Joint accountability: both parties; one named nobody, and says so.
    expect(await byLevel('joint', 1)).toEqual([
      { party: 'WSO2', roles: ['accountable', 'informed'], contact: wanda, contactMissing: false },
      { party: 'Partner', roles: ['accountable'], contact: null, contactMissing: true },
    ]);
  });

  it('stores the documented payload with each notification', async () => {
    const row = await t.prisma.notification.findFirstOrThrow({
      where: { taskKey: 'late-8', level: 7 },
    });
    expect(row.payload).toEqual({
      type: 'task.overdue.escalated',
      notificationId: row.id,
      level: 7,
      levelOrdinal: 2,
      daysOverdue: 8,
      asOf,
      task: {
        id: acme.taskIds['late-8'],
        key: 'late-8',
        title: 'Task late-8',
        status: 'NOT_STARTED',
        dueDate: '2026-11-17',
      },
      engagement: { id: acme.engagementId, name: 'Acme PDP' },
      customer: { id: acme.customerId, name: 'Acme' },
      recipients: row.recipients,
      createdAt: row.createdAt.toISOString(),
    });
  });

  it('gives nothing to done, not-applicable, re-dated, due-today or cancelled-engagement tasks', async () => {
    // Three weeks on (the scheduled evaluation; a run on request may not look ahead of today).
    const later = await t.app.get(EscalationService).run('2026-12-15');
    const keys = later.created.map((c) => `${c.taskKey}@${c.level}`);
    // due-today is now 20 days late; the re-dated task (due 12-20) still is not. Each task hears
    // of level 14 only: 7 passed while nobody looked.
    expect(keys.sort()).toEqual([
      'due-today@14',
      'joint@14',
      'late-1@14',
      'late-2@14',
      'late-8@14',
    ]);
    const skipped = await t.prisma.notification.count({
      where: {
        OR: [
          {
            taskId: {
              in: [acme.taskIds['done'], acme.taskIds['not-applicable'], acme.taskIds['redated']],
            },
          },
          { engagementId: cancelled.engagementId },
        ],
      },
    });
    expect(skipped).toBe(0);
  });

  it('does not escalate a task closed after a level, for the next level', async () => {
    const seeded = await seedEngagement(t.prisma, {
      customerName: 'Initech',
      tasks: [
        { key: 'soon-done', dueDate: '2026-11-20', raci: { accountable: [{ party: 'WSO2' }] } },
      ],
    });
    const run = (day: string) =>
      t.app
        .get(EscalationService)
        .run(day)
        .then((r) => r.created.filter((c) => c.engagementId === seeded.engagementId));
    expect((await run('2026-11-21')).map((c) => c.level)).toEqual([1]);
    await t.prisma.task.update({
      where: { id: seeded.taskIds['soon-done'] },
      data: { status: 'DONE' },
    });
    expect(await run('2026-12-31')).toEqual([]);
    expect(
      await t.prisma.notification.count({ where: { engagementId: seeded.engagementId } }),
    ).toBe(1);
  });

  describe('GET /notifications', () => {
    it('lists everything for STAFF, newest first, filtered by engagement and status', async () => {
      const staff = await t.keyFor('STAFF');
      const all = await t.http
        .get('/api/v1/notifications?limit=200')
        .set('Authorization', staff)
        .expect(200);
      const total = await notificationCount();
      expect(all.body.items).toHaveLength(total);
      expect(all.body.nextCursor).toBeNull();
      const created = all.body.items.map((n: { createdAt: string }) => n.createdAt);
      expect([...created].sort().reverse()).toEqual(created);
      expect(all.body.items[0]).toEqual({
        id: expect.any(String),
        engagementId: expect.any(String),
        taskId: expect.any(String),
        taskKey: expect.any(String),
        taskTitle: expect.any(String),
        engagementName: expect.any(String),
        customerName: expect.any(String),
        dueDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        level: expect.any(Number),
        daysOverdue: expect.any(Number),
        status: 'RECORDED',
        recipients: expect.any(Array),
        attempts: 0,
        nextAttemptAt: expect.any(String),
        lastError: null,
        deliveredAt: null,
        createdAt: expect.any(String),
      });
      // Each names its task, engagement and customer as they are now.
      const globexItem = all.body.items.find(
        (n: { engagementId: string }) => n.engagementId === globex.engagementId,
      );
      expect(globexItem).toMatchObject({ customerName: 'Globex', engagementName: 'Globex PDP' });
      const task = await t.prisma.task.findUniqueOrThrow({ where: { id: globexItem.taskId } });
      expect(globexItem.taskTitle).toBe(task.title);

      const globexOnly = await t.http
        .get(`/api/v1/notifications?engagementId=${globex.engagementId}&status=RECORDED`)
        .set('Authorization', staff)
        .expect(200);
      expect(
        globexOnly.body.items
          .map((n: { taskKey: string; level: number }) => `${n.taskKey}@${n.level}`)
          .sort(),
      ).toEqual(['late-2@1', 'late-2@14']);
      const none = await t.http
        .get(`/api/v1/notifications?status=SENT`)
        .set('Authorization', staff)
        .expect(200);
      expect(none.body).toEqual({ items: [], nextCursor: null });
    });

    it('pages with a cursor, without gaps or repeats', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: request.Response = await t.http
          .get('/api/v1/notifications')
          .query(cursor ? { limit: 4, cursor } : { limit: 4 })
          .set('Authorization', t.admin)
          .expect(200);
        expect(res.body.items.length).toBeLessThanOrEqual(4);
        seen.push(...res.body.items.map((n: { id: string }) => n.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      const ids = (await t.prisma.notification.findMany({ select: { id: true } })).map((n) => n.id);
      expect(seen.sort()).toEqual(ids.sort());
      await t.http
        .get('/api/v1/notifications?cursor=nonsense')
        .set('Authorization', t.admin)
        .expect(400);
      await t.http.get('/api/v1/notifications?limit=201').set('Authorization', t.admin).expect(400);
      await t.http
        .get('/api/v1/notifications?status=LOST')
        .set('Authorization', t.admin)
        .expect(400);
    });

    it('shows a CUSTOMER only its own engagements, and 404 for a foreign one', async () => {
      const acmeKey = await t.keyFor('CUSTOMER', acme.customerId);
      const own = await t.http
        .get('/api/v1/notifications?limit=200')
        .set('Authorization', acmeKey)
        .expect(200);
      const acmeCount = await t.prisma.notification.count({
        where: { engagement: { customerId: acme.customerId } },
      });
      expect(own.body.items).toHaveLength(acmeCount);
      expect(
        own.body.items.every((n: { engagementId: string }) => n.engagementId === acme.engagementId),
      ).toBe(true);
      const foreign = await t.http
        .get(`/api/v1/notifications?engagementId=${globex.engagementId}`)
        .set('Authorization', acmeKey);
      expect(foreign.status).toBe(404);
      expect(JSON.stringify(foreign.body)).not.toContain('Globex');
      await t.http
        .get('/api/v1/notifications?engagementId=00000000-0000-4000-8000-000000000000')
        .set('Authorization', t.admin)
        .expect(404);
    });
  });

  describe('POST /notifications/{id}/retry', () => {
    it('is 409 for a notification that is not DEAD, 404 for an unknown one, 403 for customers', async () => {
      const row = await t.prisma.notification.findFirstOrThrow();
      const before = await t.prisma.auditEvent.count();
      const res = await t.http
        .post(`/api/v1/notifications/${row.id}/retry`)
        .set('Authorization', t.admin);
      expect(res.status).toBe(409);
      expect(res.body.detail).toContain('RECORDED');
      // The notification's status is a member of its own: `status` is the problem's (409).
      expect(res.body).toMatchObject({ status: 409, notificationStatus: 'RECORDED' });
      await t.http
        .post('/api/v1/notifications/00000000-0000-4000-8000-000000000000/retry')
        .set('Authorization', t.admin)
        .expect(404);
      const customer = await t.keyFor('CUSTOMER', acme.customerId);
      await t.http
        .post(`/api/v1/notifications/${row.id}/retry`)
        .set('Authorization', customer)
        .expect(403);
      expect(await t.prisma.notification.findUniqueOrThrow({ where: { id: row.id } })).toEqual(row);
      expect(await t.prisma.auditEvent.count()).toBe(before);
    });
  });

  it('starts no pg-boss when escalation is disabled', async () => {
    // Migrations install pg-boss's schema; a started pg-boss would have created its queue and
    // schedule there, and connected under its own application name.
    const [{ queues, schedules, sessions }] = await t.prisma.$queryRaw<
      { queues: number; schedules: number; sessions: number }[]
    >`SELECT (SELECT count(*)::int FROM pgboss.queue) AS queues,
             (SELECT count(*)::int FROM pgboss.schedule) AS schedules,
             (SELECT count(*)::int FROM pg_stat_activity
               WHERE application_name = 'onboarding-tracker:pg-boss'
                 AND datname = current_database()) AS sessions`;
    expect({ queues, schedules, sessions }).toEqual({ queues: 0, schedules: 0, sessions: 0 });
  });
});
