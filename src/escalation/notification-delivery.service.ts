import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { appendAuditEvent, AuditChanges, systemActor } from '../audit/audit-event';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { PrismaService } from '../prisma/prisma.service';
import { nextDeliveryState } from './delivery-backoff';
import { postWebhook } from './webhook-client';

export interface DeliveryPassResult {
  attempted: number;
  sent: number;
  retrying: number;
  dead: number;
}

interface ClaimedNotification {
  id: string;
  engagement_id: string;
  task_key: string;
  attempts: number;
  payload: unknown;
}

const BATCH_SIZE = 10;
// A claimed row is leased for longer than one POST can take; if this instance dies mid-delivery,
// another picks the row up once the lease runs out (at-least-once: receivers dedupe by delivery id).
const LEASE_MARGIN_MS = 30_000;

// Claims due rows by pushing their next attempt past the lease. SKIP LOCKED lets several instances
// claim side by side without waiting on, or taking, each other's rows. Only rows already due when
// the pass began are claimed, so one pass makes at most one attempt per notification.
const CLAIM_SQL = `
  UPDATE notification n
     SET next_attempt_at = now() + make_interval(secs => $2::double precision)
    FROM (SELECT id FROM notification
           WHERE status = 'PENDING' AND next_attempt_at <= $1::timestamptz
           ORDER BY next_attempt_at, id
           LIMIT $3
           FOR UPDATE SKIP LOCKED) due
   WHERE n.id = due.id
  RETURNING n.id, n.engagement_id, n.task_key, n.attempts, n.payload`;

/** Delivers the outbox: signed webhook POSTs with retries, backoff, and a dead state. */
@Injectable()
export class NotificationDeliveryService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('NotificationDelivery');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<DeliveryPassResult> | undefined;
  private stopped = false;

  constructor(
    private readonly prisma: PrismaService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Background delivery runs only with escalation enabled and a webhook configured. */
  private get background(): boolean {
    return this.config.escalation.enabled && this.config.escalation.webhookUrl !== undefined;
  }

  onApplicationBootstrap(): void {
    if (!this.background) return;
    this.timer = setInterval(() => this.trigger(), this.config.escalation.deliveryIntervalMs);
    this.trigger();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Starts a delivery pass in the background (no-op when background delivery is off). */
  trigger(): void {
    if (!this.background || this.stopped) return;
    this.deliverDue().catch((error: unknown) =>
      this.logger.error({ err: error }, 'Notification delivery pass failed'),
    );
  }

  /**
   * Attempts every notification due now, once. A call while a pass is running joins that pass.
   */
  deliverDue(): Promise<DeliveryPassResult> {
    if (!this.running) {
      this.running = this.pass().finally(() => {
        this.running = undefined;
      });
    }
    return this.running;
  }

  private async pass(): Promise<DeliveryPassResult> {
    const result: DeliveryPassResult = { attempted: 0, sent: 0, retrying: 0, dead: 0 };
    const { webhookUrl, webhookSecret } = this.config.escalation;
    if (!webhookUrl || !webhookSecret) return result;
    const [{ now }] = await this.prisma.$queryRaw<{ now: Date }[]>`SELECT now() AS now`;
    const leaseSeconds = (this.config.escalation.webhookTimeoutMs + LEASE_MARGIN_MS) / 1000;
    while (!this.stopped) {
      const batch = await this.prisma.$queryRawUnsafe<ClaimedNotification[]>(
        CLAIM_SQL,
        now,
        leaseSeconds,
        BATCH_SIZE,
      );
      if (batch.length === 0) break;
      const outcomes = await Promise.all(
        batch.map((n) => this.attempt(n, webhookUrl, webhookSecret)),
      );
      for (const status of outcomes) {
        result.attempted++;
        if (status === 'SENT') result.sent++;
        else if (status === 'DEAD') result.dead++;
        else result.retrying++;
      }
    }
    return result;
  }

  private async attempt(
    notification: ClaimedNotification,
    url: string,
    secret: string,
  ): Promise<'SENT' | 'PENDING' | 'DEAD'> {
    const { maxAttempts, retryBaseMs, webhookTimeoutMs } = this.config.escalation;
    const response = await postWebhook({
      url,
      secret,
      deliveryId: notification.id,
      body: JSON.stringify(notification.payload),
      timeoutMs: webhookTimeoutMs,
    });
    const attempts = notification.attempts + 1;
    const next = nextDeliveryState(response.ok, attempts, maxAttempts, retryBaseMs);
    const now = new Date();
    await this.prisma.$transaction(async (tx) => {
      // Guarded by the attempt count read at claim time: if the lease ran out and another
      // instance recorded an attempt meanwhile, this stale result is dropped.
      const { count } = await tx.notification.updateMany({
        where: { id: notification.id, status: 'PENDING', attempts: notification.attempts },
        data: {
          status: next.status,
          attempts,
          lastError: response.error,
          deliveredAt: next.status === 'SENT' ? now : null,
          nextAttemptAt: next.status === 'PENDING' ? new Date(now.getTime() + next.retryInMs) : now,
        },
      });
      if (count === 0 || next.status === 'PENDING') return;
      const changes: AuditChanges = {
        status: { from: 'PENDING', to: next.status },
        attempts: { from: notification.attempts, to: attempts },
      };
      if (response.error) changes.lastError = { from: null, to: response.error };
      await appendAuditEvent(tx, {
        actor: systemActor('escalation'),
        action: next.status === 'SENT' ? 'notification.sent' : 'notification.dead',
        engagementId: notification.engagement_id,
        taskKey: notification.task_key,
        changes,
        reason:
          next.status === 'DEAD'
            ? `Webhook delivery gave up after ${attempts} attempt(s)`
            : `Webhook delivered on attempt ${attempts}`,
      });
    });
    if (next.status === 'DEAD') {
      this.logger.warn(`Notification ${notification.id} is DEAD after ${attempts} attempt(s)`);
    }
    return next.status;
  }
}
