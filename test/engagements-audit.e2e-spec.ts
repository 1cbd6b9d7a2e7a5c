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
