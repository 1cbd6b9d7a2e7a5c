import { createCustomer, createEngagement, tasksUrl } from './helpers/engagement-api';
import { seedFixtureCatalogue } from './helpers/template-fixtures';
import { startTestApp, TestApp } from './helpers/test-app';

describe('engagement audit history', () => {
  let t: TestApp;
  let engagementId: string;
  beforeAll(async () => {
    t = await startTestApp();
    await seedFixtureCatalogue(t.prisma);
    const customerId = await createCustomer(t, 'Audit Co');
    engagementId = (await createEngagement(t, customerId)).id;
    // Five changes to one task: 1 created + 5 task events.
    const notes = ['a', 'b', 'c', 'd', 'e'];
    for (const [i, note] of notes.entries()) {
      await t.http
        .patch(tasksUrl(engagementId, 'dns-management'))
        .set('Authorization', t.admin)
        .set('If-Match', `"v${i + 1}"`)
        .set('X-Request-Id', `req-${note}`)
        .send({ note })
        .expect(200);
    }
  });
  afterAll(() => t.close());

  it('pages oldest first with an opaque cursor', async () => {
    const seen: { id: string; action: string }[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { id: string; action: string }[]; nextCursor: string | null } } =
        await t.http
          .get(`/api/v1/engagements/${engagementId}/audit`)
          .query({ limit: 4, ...(cursor ? { cursor } : {}) })
          .set('Authorization', t.admin)
          .expect(200);
      seen.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen.map((e) => e.action)).toEqual([
      'engagement.created',
      ...Array(5).fill('task.updated'),
    ]);
    const ids = seen.map((e) => BigInt(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : 1)));
  });

  it('pages newest first with order=newest, and a cursor keeps the order it was issued for', async () => {
    const read = (url: string, query: Record<string, string | number>) =>
      t.http.get(url).query(query).set('Authorization', t.admin);
    const history = `/api/v1/engagements/${engagementId}/audit`;
    const seen: string[] = [];
    const cursors: string[] = [];
    let cursor: string | null = null;
    do {
      const res: {
        body: { items: { action: string; requestId: string }[]; nextCursor: string | null };
      } = await read(history, { order: 'newest', limit: 4, ...(cursor ? { cursor } : {}) }).expect(
        200,
      );
      seen.push(
        ...res.body.items.map((e) => (e.action === 'engagement.created' ? e.action : e.requestId)),
      );
      cursor = res.body.nextCursor;
      if (cursor) cursors.push(cursor);
    } while (cursor);
    expect(seen).toEqual(['req-e', 'req-d', 'req-c', 'req-b', 'req-a', 'engagement.created']);

    const task = `/api/v1/engagements/${engagementId}/tasks/dns-management/audit`;
    const first = await read(task, { order: 'newest', limit: 1 }).expect(200);
    expect(first.body.items.map((e: { requestId: string }) => e.requestId)).toEqual(['req-e']);
    const next = await read(task, { order: 'newest', limit: 2, cursor: first.body.nextCursor });
    expect(next.body.items.map((e: { requestId: string }) => e.requestId)).toEqual([
      'req-d',
      'req-c',
    ]);

    // A newest-first cursor read oldest first (or the other way round) is refused, not misread.
    const oldest = await read(history, { limit: 2 }).expect(200);
    for (const [order, wrong] of [
      ['oldest', cursors[0]],
      ['newest', oldest.body.nextCursor as string],
    ]) {
      const refused = await read(history, { order, cursor: wrong }).expect(400);
      expect(refused.body.errors).toEqual([
        { field: 'cursor', message: expect.stringContaining(`not order=${order}`) },
      ]);
    }
    const bad = await read(history, { order: 'latest' }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['order']);
  });

  it('filters by task and records the request id of each change', async () => {
    const res = await t.http
      .get(`/api/v1/engagements/${engagementId}/tasks/dns-management/audit`)
      .set('Authorization', t.admin)
      .expect(200);
    expect(res.body.items.map((e: { requestId: string }) => e.requestId)).toEqual([
      'req-a',
      'req-b',
      'req-c',
      'req-d',
      'req-e',
    ]);
    expect(res.body.items[1].changes).toEqual({ note: { from: 'a', to: 'b' } });
    expect(res.body.nextCursor).toBeNull();
    await t.http
      .get(`/api/v1/engagements/${engagementId}/tasks/no-such-task/audit`)
      .set('Authorization', t.admin)
      .expect(404);
    await t.http
      .get(`/api/v1/engagements/${engagementId}/audit`)
      .query({ cursor: 'x!' })
      .set('Authorization', t.admin)
      .expect(400);
  });

  describe('append-only, enforced by PostgreSQL', () => {
    const attempts = [
      ['UPDATE', `UPDATE audit_event SET action = 'forged'`],
      ['DELETE', `DELETE FROM audit_event`],
      ['TRUNCATE', `TRUNCATE audit_event`],
      ['TRUNCATE CASCADE', `TRUNCATE audit_event CASCADE`],
    ];
    it.each(attempts)('rejects %s', async (_op, sql) => {
      const before = await t.prisma.$queryRawUnsafe<unknown[]>(
        `SELECT * FROM audit_event ORDER BY id`,
      );
      await expect(t.prisma.$executeRawUnsafe(sql)).rejects.toThrow(/append-only/);
      const after = await t.prisma.$queryRawUnsafe<unknown[]>(
        `SELECT * FROM audit_event ORDER BY id`,
      );
      expect(after).toEqual(before);
      expect(after.length).toBe(6);
    });
  });
});
