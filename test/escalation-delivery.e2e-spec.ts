import { NotificationDeliveryService } from '../src/escalation/notification-delivery.service';
import { seedEngagement, SeededEngagement } from './helpers/escalation-fixtures';
import { EscalationService } from '../src/escalation/escalation.service';
import { startTestApp, TestApp } from './helpers/test-app';
import { WebhookReceiver } from './helpers/webhook-receiver';

const SECRET = 'receiver-shared-secret-for-tests';
const TIMEOUT_MS = 300;
const MAX_ATTEMPTS = 4;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('escalation: webhook delivery from the outbox', () => {
  const receiver = new WebhookReceiver(SECRET);
  let t: TestApp;
  let delivery: NotificationDeliveryService;
  let seeded: SeededEngagement;

  beforeAll(async () => {
    await receiver.start();
    // Escalation stays disabled (no background timer or pg-boss): the test drives each pass itself.
    t = await startTestApp({
      WEBHOOK_URL: receiver.url,
      WEBHOOK_SECRET: SECRET,
      WEBHOOK_TIMEOUT_MS: String(TIMEOUT_MS),
      WEBHOOK_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
      WEBHOOK_RETRY_BASE_MS: '1',
    });
    delivery = t.app.get(NotificationDeliveryService);
    seeded = await seedEngagement(t.prisma, {
      customerName: 'Acme',
      contacts: [
        { party: 'WSO2', name: 'Wanda', email: 'wanda@wso2.com', primary: true },
        { party: 'Customer', name: 'Carl', email: 'carl@acme.example', primary: true },
      ],
      tasks: [
        {
          key: 'network',
          dueDate: '2026-11-20',
          raci: { accountable: [{ party: 'WSO2' }], informed: [{ party: 'Customer' }] },
        },
        { key: 'dns', dueDate: '2026-11-20', raci: { accountable: [{ party: 'Customer' }] } },
      ],
    });
  });
  afterAll(async () => {
    await t.close();
    await receiver.stop();
  });

  // The scheduled evaluation, on the days the test needs (a run on request may not look ahead).
  const run = async (asOf: string): Promise<string[]> =>
    (await t.app.get(EscalationService).run(asOf)).created.map((c) => c.notificationId);

  /** Delivery passes until nothing is PENDING (bounded): retries are due within milliseconds. */
  const deliverUntilSettled = async (maxPasses = 30) => {
    for (let pass = 0; pass < maxPasses; pass++) {
      await delivery.deliverDue();
      if ((await t.prisma.notification.count({ where: { status: 'PENDING' } })) === 0)
        return pass + 1;
      await sleep(25);
    }
    throw new Error('notifications still PENDING');
  };

  it('posts signed JSON; a receiver failing three times then recovering gets each exactly once', async () => {
    const ids = await run('2026-11-21');
    expect(ids).toHaveLength(2);
    const rows = await t.prisma.notification.findMany({ where: { id: { in: ids } } });
    expect(rows.map((r) => r.status)).toEqual(['PENDING', 'PENDING']);

    let failuresLeft = 3;
    receiver.reply = () => (failuresLeft-- > 0 ? { status: 500 } : { status: 204 });
    const first = await delivery.deliverDue();
    // One pass tries each due notification once, no more.
    expect(first).toEqual({ attempted: 2, sent: 0, retrying: 2, dead: 0 });
    await deliverUntilSettled();

    const requests = receiver.received.filter((r) => ids.includes(r.deliveryId));
    expect(requests).toHaveLength(5);
    expect(requests.every((r) => r.signatureValid)).toBe(true);
    expect(requests.every((r) => r.contentType === 'application/json')).toBe(true);
    expect(receiver.acceptedCounts()).toEqual(new Map(ids.map((id) => [id, 1])));
    for (const id of ids) {
      const bodies = new Set(requests.filter((r) => r.deliveryId === id).map((r) => r.body));
      expect(bodies.size).toBe(1); // a retry is the same document
      const payload = JSON.parse([...bodies][0]);
      expect(payload).toMatchObject({
        type: 'task.overdue.escalated',
        notificationId: id,
        level: 1,
        daysOverdue: 1,
        asOf: '2026-11-21',
        engagement: { id: seeded.engagementId, name: 'Acme PDP' },
        customer: { id: seeded.customerId, name: 'Acme' },
      });
      const row = await t.prisma.notification.findUniqueOrThrow({ where: { id } });
      expect(row.payload).toEqual(payload);
    }
    const after = await t.prisma.notification.findMany({ where: { id: { in: ids } } });
    expect(after.every((r) => r.status === 'SENT' && r.deliveredAt !== null)).toBe(true);
    expect(after.map((r) => r.attempts).reduce((a, b) => a + b)).toBe(5);
    const sentEvents = await t.prisma.auditEvent.findMany({
      where: { action: 'notification.sent' },
    });
    expect(sentEvents).toHaveLength(2);
    expect(sentEvents[0]).toMatchObject({
      actorName: 'system:escalation',
      engagementId: seeded.engagementId,
      changes: { status: { from: 'PENDING', to: 'SENT' } },
    });
  });

  it('loses nothing while the receiver is down, and delivers once it is back', async () => {
    const ids = await run('2026-11-27');
    expect(ids).toHaveLength(2); // level 7 for both tasks
    receiver.reply = () => ({ status: 200 });
    await receiver.stop();
    expect(await delivery.deliverDue()).toEqual({ attempted: 2, sent: 0, retrying: 2, dead: 0 });
    const down = await t.prisma.notification.findMany({ where: { id: { in: ids } } });
    for (const row of down) {
      expect(row).toMatchObject({ status: 'PENDING', attempts: 1 });
      expect(row.lastError).toMatch(/^network error/);
      expect(row.lastError).not.toContain(SECRET);
      expect(row.nextAttemptAt.getTime()).toBeGreaterThan(row.createdAt.getTime());
    }
    await receiver.start();
    await sleep(25);
    await deliverUntilSettled();
    for (const id of ids) expect(receiver.acceptedCounts().get(id)).toBe(1);
    expect([...receiver.acceptedCounts().values()].every((count) => count === 1)).toBe(true);
    const up = await t.prisma.notification.findMany({ where: { id: { in: ids } } });
    expect(up.every((r) => r.status === 'SENT' && r.attempts === 2 && r.lastError === null)).toBe(
      true,
    );
  });

  it('times out a slow receiver, goes DEAD after the last attempt, and retries on request', async () => {
    const ids = await run('2026-12-10');
    expect(ids).toHaveLength(2); // level 14 for both tasks
    receiver.reply = () => ({ status: 200, delayMs: TIMEOUT_MS * 3 });
    await deliverUntilSettled();
    const dead = await t.prisma.notification.findMany({ where: { id: { in: ids } } });
    for (const row of dead) {
      expect(row).toMatchObject({
        status: 'DEAD',
        attempts: MAX_ATTEMPTS,
        lastError: `timed out after ${TIMEOUT_MS} ms`,
        deliveredAt: null,
      });
    }
    expect(receiver.acceptedCounts().get(ids[0])).toBeUndefined();
    expect(await t.prisma.auditEvent.count({ where: { action: 'notification.dead' } })).toBe(2);
    // Nothing is attempted once dead.
    expect(await delivery.deliverDue()).toEqual({ attempted: 0, sent: 0, retrying: 0, dead: 0 });

    const listed = await t.http
      .get('/api/v1/notifications?status=DEAD')
      .set('Authorization', t.admin)
      .expect(200);
    expect(listed.body.items.map((n: { id: string }) => n.id).sort()).toEqual([...ids].sort());

    const staff = await t.keyFor('STAFF');
    const retried = await t.http
      .post(`/api/v1/notifications/${ids[0]}/retry`)
      .set('Authorization', staff)
      .expect(200);
    expect(retried.body).toMatchObject({
      id: ids[0],
      status: 'PENDING',
      attempts: 0,
      lastError: null,
    });
    const audit = await t.prisma.auditEvent.findFirstOrThrow({
      where: { action: 'notification.retried' },
    });
    expect(audit).toMatchObject({
      actorName: 'staff-1',
      engagementId: seeded.engagementId,
      changes: {
        status: { from: 'DEAD', to: 'PENDING' },
        attempts: { from: MAX_ATTEMPTS, to: 0 },
        lastError: { from: `timed out after ${TIMEOUT_MS} ms`, to: null },
      },
    });
    await t.http
      .post(`/api/v1/notifications/${ids[0]}/retry`)
      .set('Authorization', staff)
      .expect(409);

    receiver.reply = () => ({ status: 200 });
    expect(await delivery.deliverDue()).toEqual({ attempted: 1, sent: 1, retrying: 0, dead: 0 });
    expect(receiver.acceptedCounts().get(ids[0])).toBe(1);
    const rows = await t.prisma.notification.findMany({
      where: { id: { in: ids } },
      orderBy: { id: 'asc' },
    });
    expect(Object.fromEntries(rows.map((r) => [r.id, r.status]))).toEqual({
      [ids[0]]: 'SENT',
      [ids[1]]: 'DEAD',
    });
  });
});
