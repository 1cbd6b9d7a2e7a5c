import {
  createCustomer,
  createEngagement,
  snapshotDatabase,
  tasksUrl,
} from './helpers/engagement-api';
import {
  fixtureTemplate,
  keysInDependencyOrder,
  seedFixtureCatalogue,
} from './helpers/template-fixtures';
import { startTestApp, TestApp } from './helpers/test-app';

describe('engagement tasks: status machine, If-Match, history', () => {
  let t: TestApp;
  let customerId: string;
  beforeAll(async () => {
    t = await startTestApp();
    await seedFixtureCatalogue(t.prisma);
    customerId = await createCustomer(t, 'Tasks Inc');
  });
  afterAll(() => t.close());

  const patch = (engagementId: string, key: string, body: object, ifMatch?: string) => {
    const req = t.http.patch(tasksUrl(engagementId, key)).set('Authorization', t.admin);
    if (ifMatch !== undefined) req.set('If-Match', ifMatch);
    return req.send(body);
  };
  const complete = (engagementId: string, key: string, body: object = {}, ifMatch?: string) => {
    const req = t.http
      .post(`${tasksUrl(engagementId, key)}/complete`)
      .set('Authorization', t.admin);
    if (ifMatch !== undefined) req.set('If-Match', ifMatch);
    return req.send(body);
  };
  const etagOf = async (engagementId: string, key: string) =>
    (await t.http.get(tasksUrl(engagementId, key)).set('Authorization', t.admin).expect(200))
      .headers.etag;

  it('requires If-Match (428) and refuses a stale one (412), changing nothing', async () => {
    const eng = await createEngagement(t, customerId);
    const before = await snapshotDatabase(t);
    const missing = await patch(eng.id, 'subscription-prerequisites', { status: 'IN_PROGRESS' });
    expect(missing.status).toBe(428);
    expect(missing.headers['content-type']).toMatch(/problem\+json/);
    for (const stale of ['"v2"', 'W/"v1"']) {
      await patch(eng.id, 'subscription-prerequisites', { status: 'IN_PROGRESS' }, stale).expect(
        412,
      );
    }
    // Not an entity tag at all: a malformed header (400), not a stale one.
    await patch(eng.id, 'subscription-prerequisites', { status: 'IN_PROGRESS' }, 'garbage').expect(
      400,
    );
    expect(await snapshotDatabase(t)).toBe(before);
  });

  it('changes status, due date, assignee and note; returns the new ETag; audits the change', async () => {
    const eng = await createEngagement(t, customerId);
    const res = await patch(
      eng.id,
      'subscription-prerequisites',
      { status: 'IN_PROGRESS', dueDate: '2026-03-08', assignee: 'ann@acme.test', note: 'started' },
      '"v1"',
    );
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe('"v2"');
    expect(res.body).toMatchObject({
      status: 'IN_PROGRESS',
      dueDate: '2026-03-08',
      assignee: 'ann@acme.test',
      note: 'started',
      version: 2,
      etag: '"v2"',
    });
    const row = await t.prisma.task.findUnique({
      where: { engagementId_key: { engagementId: eng.id, key: 'subscription-prerequisites' } },
    });
    expect(row).toMatchObject({ status: 'IN_PROGRESS', version: 2, assignee: 'ann@acme.test' });
    const history = await t.http
      .get(`${tasksUrl(eng.id, 'subscription-prerequisites')}/audit`)
      .set('Authorization', t.admin)
      .expect(200);
    expect(history.body.items).toHaveLength(1);
    expect(history.body.items[0]).toEqual({
      id: expect.stringMatching(/^\d+$/),
      at: expect.any(String),
      actor: { kind: 'key', id: expect.any(String), name: 'bootstrap-admin', email: null },
      action: 'task.status_changed',
      engagementId: eng.id,
      taskKey: 'subscription-prerequisites',
      changes: {
        status: { from: 'NOT_STARTED', to: 'IN_PROGRESS' },
        dueDate: { from: eng.tasks[0].dueDate, to: '2026-03-08' },
        assignee: { from: null, to: 'ann@acme.test' },
        note: { from: null, to: 'started' },
      },
      reason: null,
      // A free-text assignee names nobody.
      people: {},
      requestId: expect.any(String),
    });

    // Clearing fields with null; a request that changes nothing keeps the version.
    const cleared = await patch(
      eng.id,
      'subscription-prerequisites',
      { assignee: null },
      '"v2"',
    ).expect(200);
    expect(cleared.body).toMatchObject({ assignee: null, version: 3 });
    const same = await patch(
      eng.id,
      'subscription-prerequisites',
      { status: 'IN_PROGRESS' },
      '"v3"',
    ).expect(200);
    expect(same.body.version).toBe(3);
  });

  it('refuses illegal moves with 409 naming the current status and allowed moves', async () => {
    const eng = await createEngagement(t, customerId);
    await patch(
      eng.id,
      'subscription-prerequisites',
      { status: 'NOT_APPLICABLE', reason: 'done elsewhere' },
      '"v1"',
    ).expect(200);
    const before = await snapshotDatabase(t);
    const res = await patch(eng.id, 'subscription-prerequisites', { status: 'DONE' }, '"v2"');
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      currentStatus: 'NOT_APPLICABLE',
      allowedMoves: ['NOT_STARTED'],
    });
    expect(res.body.detail).toContain('NOT_APPLICABLE');
    expect(res.body.detail).toContain('NOT_STARTED');
    expect(await snapshotDatabase(t)).toBe(before);
  });

  it('refuses a reason with nothing to change (422 naming reason): it would be lost', async () => {
    const eng = await createEngagement(t, customerId);
    const before = await snapshotDatabase(t);
    for (const ifMatch of ['"v1"', '*']) {
      const res = await patch(eng.id, 'subscription-prerequisites', { reason: 'why' }, ifMatch);
      expect(res.status).toBe(422);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.body.errors).toEqual([{ field: 'reason', message: expect.any(String) }]);
    }
    expect(await snapshotDatabase(t)).toBe(before);
    // With a change, the same reason is taken and recorded.
    await patch(
      eng.id,
      'subscription-prerequisites',
      { status: 'IN_PROGRESS', reason: 'why' },
      '"v1"',
    ).expect(200);
  });

  it('refuses a reason with a change that changes nothing (422 naming reason), as alone', async () => {
    const eng = await createEngagement(t, customerId);
    const key = 'subscription-prerequisites';
    const moved = await patch(eng.id, key, { dueDate: '2026-03-08', note: 'kept' }, '"v1"');
    expect(moved.status).toBe(200);
    const alone = await patch(eng.id, key, { reason: 'why' }, '"v2"');
    const before = await snapshotDatabase(t);
    for (const same of [
      { status: 'NOT_STARTED' },
      { dueDate: '2026-03-08' },
      { note: 'kept' },
      { assignee: null },
      { status: 'NOT_STARTED', dueDate: '2026-03-08', note: 'kept' },
    ]) {
      const res = await patch(eng.id, key, { ...same, reason: 'why it stays' }, '"v2"');
      expect({ same, status: res.status }).toEqual({ same, status: 422 });
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      // The same words as for a reason sent alone.
      expect(res.body.errors).toEqual(alone.body.errors);
      expect(res.body.errors).toEqual([{ field: 'reason', message: expect.any(String) }]);
    }
    expect(await snapshotDatabase(t)).toBe(before);
    // Without the reason, the same request is still the harmless no-op it was.
    const noop = await patch(eng.id, key, { status: 'NOT_STARTED' }, '"v2"');
    expect(noop.status).toBe(200);
    expect(noop.body).toMatchObject({ version: 2, statusReason: null });
    // A reason with one field that does move is taken and recorded with it.
    const changed = await patch(
      eng.id,
      key,
      { note: 'kept', dueDate: '2026-03-09', reason: 'slip' },
      '"v2"',
    );
    expect(changed.status).toBe(200);
    const history = await t.http
      .get(`/api/v1/engagements/${eng.id}/audit?taskKey=${key}&order=newest&limit=1`)
      .set('Authorization', t.admin)
      .expect(200);
    expect(history.body.items[0]).toMatchObject({
      changes: { dueDate: { from: '2026-03-08', to: '2026-03-09' } },
      reason: 'slip',
    });
  });

  it('needs a reason to block, declare not applicable, or reopen (422)', async () => {
    const eng = await createEngagement(t, customerId);
    const before = await snapshotDatabase(t);
    for (const status of ['BLOCKED', 'NOT_APPLICABLE']) {
      const res = await patch(eng.id, 'subscription-prerequisites', { status }, '"v1"');
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([{ field: 'reason', message: expect.any(String) }]);
    }
    // Blanks and invisible characters are no reason either.
    for (const reason of ['   ', '\u200b', '\ufeff\u200e ']) {
      const res = await patch(
        eng.id,
        'subscription-prerequisites',
        { status: 'BLOCKED', reason },
        '"v1"',
      );
      expect([res.status, res.body.errors?.map((e: { field: string }) => e.field)]).toEqual([
        expect.any(Number),
        ['reason'],
      ]);
      expect([400, 422]).toContain(res.status);
    }
    expect(await snapshotDatabase(t)).toBe(before);
    const blocked = await patch(
      eng.id,
      'subscription-prerequisites',
      { status: 'BLOCKED', reason: 'quota request pending' },
      '"v1"',
    );
    expect(blocked.status).toBe(200);
    const last = await t.prisma.auditEvent.findFirst({
      where: { engagementId: eng.id },
      orderBy: { id: 'desc' },
    });
    expect(last).toMatchObject({
      reason: 'quota request pending',
      changes: { status: { from: 'NOT_STARTED', to: 'BLOCKED' } },
    });
  });

  it('shows why a task is where it is: the reason of its current status, kept until the status moves again', async () => {
    const eng = await createEngagement(t, customerId);
    const key = 'subscription-prerequisites';
    const read = async () =>
      (
        await t.http
          .get(`/api/v1/engagements/${eng.id}/tasks/${key}`)
          .set('Authorization', t.admin)
          .expect(200)
      ).body;
    expect((await read()).statusReason).toBeNull();
    const blocked = await patch(
      eng.id,
      key,
      { status: 'BLOCKED', reason: 'quota request pending' },
      '"v1"',
    );
    expect(blocked.body.statusReason).toBe('quota request pending');
    expect(await read()).toEqual(blocked.body);
    // Other changes keep it; the engagement shows it too.
    const noted = await patch(eng.id, key, { note: 'asked twice' }, blocked.headers.etag);
    expect(noted.body.statusReason).toBe('quota request pending');
    const engagement = await t.http
      .get(`/api/v1/engagements/${eng.id}`)
      .set('Authorization', t.admin)
      .expect(200);
    expect(engagement.body.tasks.find((k: { key: string }) => k.key === key).statusReason).toBe(
      'quota request pending',
    );
    // A new status without a reason clears it.
    const moving = await patch(eng.id, key, { status: 'IN_PROGRESS' }, noted.headers.etag);
    expect(moving.body.statusReason).toBeNull();
  });

  it('refuses DONE while dependencies are open (409 naming them), then completes; reopening is recorded', async () => {
    const eng = await createEngagement(t, customerId);
    // What a client needs to offer "Mark done" or say why not, and which moves want a reason.
    const taskOf = (engagement: { tasks: { key: string }[] }, key: string) =>
      engagement.tasks.find((task) => task.key === key);
    expect(taskOf(eng, 'system-components-monitoring')).toMatchObject({
      openDependencies: ['infrastructure-monitoring', 'system-components-deployment'],
      allowedMoves: [
        { status: 'IN_PROGRESS', reasonRequired: false },
        { status: 'BLOCKED', reasonRequired: true },
        { status: 'DONE', reasonRequired: false },
        { status: 'NOT_APPLICABLE', reasonRequired: true },
      ],
    });
    expect(taskOf(eng, 'subscription-prerequisites')).toMatchObject({ openDependencies: [] });
    const before = await snapshotDatabase(t);
    const refused = await complete(eng.id, 'system-components-monitoring');
    expect(refused.status).toBe(409);
    expect(refused.body.openDependencies).toEqual([
      'infrastructure-monitoring',
      'system-components-deployment',
    ]);
    expect(refused.body.detail).toContain(
      'infrastructure-monitoring, system-components-deployment',
    );
    const viaPatch = await patch(
      eng.id,
      'remote-access-for-installation',
      { status: 'DONE' },
      '"v1"',
    );
    expect(viaPatch.status).toBe(409);
    expect(viaPatch.body.openDependencies).toEqual(['subscription-prerequisites']);
    expect(await snapshotDatabase(t)).toBe(before);

    const first = await complete(eng.id, 'subscription-prerequisites', { note: 'all set' });
    expect(first.status).toBe(200);
    expect(first.body.allowedMoves).toEqual([{ status: 'IN_PROGRESS', reasonRequired: true }]);
    const next = await t.http
      .get(tasksUrl(eng.id, 'remote-access-for-installation'))
      .set('Authorization', t.admin)
      .expect(200);
    expect(next.body.openDependencies).toEqual([]);
    const done = await complete(eng.id, 'remote-access-for-installation', {}, '"v1"');
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'DONE', version: 2 });
    expect(done.headers.etag).toBe('"v2"');
    // Completing twice is a refused move, and a stale If-Match on complete is 412.
    await complete(eng.id, 'remote-access-for-installation').expect(409);
    await complete(eng.id, 'subscription-prerequisites', {}, '"v1"').expect(412);

    await patch(eng.id, 'subscription-prerequisites', { status: 'IN_PROGRESS' }, '"v2"').expect(
      422,
    );
    const reopened = await patch(
      eng.id,
      'subscription-prerequisites',
      { status: 'IN_PROGRESS', reason: 'quota too low' },
      '"v2"',
    );
    expect(reopened.status).toBe(200);

    const history = await t.http
      .get(`/api/v1/engagements/${eng.id}/audit`)
      .query({ taskKey: 'subscription-prerequisites' })
      .set('Authorization', t.admin)
      .expect(200);
    expect(
      history.body.items.map((e: { changes: unknown; reason: unknown }) => [e.changes, e.reason]),
    ).toEqual([
      [{ status: { from: 'NOT_STARTED', to: 'DONE' }, note: { from: null, to: 'all set' } }, null],
      [{ status: { from: 'DONE', to: 'IN_PROGRESS' } }, 'quota too low'],
    ]);
  });

  it('completes the engagement when every task is closed and reactivates it on reopen, audited', async () => {
    const eng = await createEngagement(t, customerId, { templateKey: 'customer-self-managed' });
    const template = fixtureTemplate('customer-self-managed');
    for (const key of keysInDependencyOrder(template)) {
      if (key === 'application-logs') {
        await patch(
          eng.id,
          key,
          { status: 'NOT_APPLICABLE', reason: 'no logs shipped' },
          '"v1"',
        ).expect(200);
      } else {
        await complete(eng.id, key).expect(200);
      }
    }
    const completed = await t.http
      .get(`/api/v1/engagements/${eng.id}`)
      .set('Authorization', t.admin)
      .expect(200);
    expect(completed.body).toMatchObject({
      status: 'COMPLETED',
      progress: { total: 16, done: 15, notApplicable: 1, percent: 100 },
    });
    await patch(eng.id, 'application-logs', { status: 'NOT_STARTED' }, '"v2"').expect(200);
    const active = await t.http
      .get(`/api/v1/engagements/${eng.id}`)
      .set('Authorization', t.admin)
      .expect(200);
    expect(active.body).toMatchObject({
      status: 'ACTIVE',
      progress: { done: 15, notApplicable: 0, percent: 93 },
    });
    const statusEvents = await t.prisma.auditEvent.findMany({
      where: { engagementId: eng.id, action: 'engagement.status_changed' },
      orderBy: { id: 'asc' },
    });
    expect(statusEvents.map((e) => e.changes)).toEqual([
      { status: { from: 'ACTIVE', to: 'COMPLETED' } },
      { status: { from: 'COMPLETED', to: 'ACTIVE' } },
    ]);
  });

  it('closing the last two open tasks at once completes the engagement exactly once, chained after the change that did it', async () => {
    const template = fixtureTemplate('customer-self-managed');
    const keys = keysInDependencyOrder(template);
    const engagements = await Promise.all(
      Array.from({ length: 4 }, () =>
        createEngagement(t, customerId, { templateKey: 'customer-self-managed' }),
      ),
    );
    const notApplicable = (id: string, key: string) =>
      patch(id, key, { status: 'NOT_APPLICABLE', reason: 'out of scope' }, '"v1"').expect(200);
    for (const eng of engagements) {
      for (const key of keys.slice(0, -2)) await notApplicable(eng.id, key);
    }
    // Each writer decides on the tasks as the other one left them: the one that commits second
    // sees every task closed.
    await Promise.all(
      engagements.flatMap((eng) => keys.slice(-2).map((key) => notApplicable(eng.id, key))),
    );
    for (const eng of engagements) {
      const read = await t.http
        .get(`/api/v1/engagements/${eng.id}`)
        .set('Authorization', t.admin)
        .expect(200);
      expect(read.body.status).toBe('COMPLETED');
      const events = await t.prisma.auditEvent.findMany({
        where: { engagementId: eng.id },
        orderBy: { chainPosition: 'asc' },
      });
      const completed = events.filter((e) => e.action === 'engagement.status_changed');
      expect(completed.map((e) => e.changes)).toEqual([
        { status: { from: 'ACTIVE', to: 'COMPLETED' } },
      ]);
      const before = events[events.indexOf(completed[0]) - 1];
      expect(before).toMatchObject({ action: 'task.status_changed' });
      expect(keys.slice(-2)).toContain(before.taskKey);
      expect(completed[0].requestId).toBe(before.requestId);
      const verified = await t.http
        .get(`/api/v1/engagements/${eng.id}/audit/verify`)
        .set('Authorization', t.admin)
        .expect(200);
      expect(verified.body.intact).toBe(true);
    }
  });

  it('50 concurrent PATCHes with one If-Match: exactly one 200, 49 x 412, one audit event', async () => {
    const eng = await createEngagement(t, customerId);
    const key = 'network-management';
    const etag = await etagOf(eng.id, key);
    const auditBefore = await t.prisma.auditEvent.count({ where: { engagementId: eng.id } });
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        patch(eng.id, key, { status: 'IN_PROGRESS', note: `writer ${i}` }, etag),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(49);
    const winner = results.find((r) => r.status === 200)!;
    const row = await t.prisma.task.findUnique({
      where: { engagementId_key: { engagementId: eng.id, key } },
    });
    expect(row).toMatchObject({ version: 2, status: 'IN_PROGRESS', note: winner.body.note });
    expect(await t.prisma.auditEvent.count({ where: { engagementId: eng.id } })).toBe(
      auditBefore + 1,
    );
  });

  it('answers 404 for an unknown task and 400 for bad bodies', async () => {
    const eng = await createEngagement(t, customerId);
    await patch(eng.id, 'nope', { status: 'IN_PROGRESS' }, '"v1"').expect(404);
    await complete(eng.id, 'nope').expect(404);
    const bad = await patch(
      eng.id,
      'dns-management',
      { status: 'FINISHED', dueDate: '2026-13-01', extra: 1 },
      '"v1"',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'dueDate',
      'extra',
      'status',
    ]);
  });
});
