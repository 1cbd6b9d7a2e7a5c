import { Injectable } from '@nestjs/common';
import { Actor, appendAuditEvent } from '../audit/audit-event';
import { confineToCustomer, customerScope, inScope } from '../auth/access-policy';
import type { Principal } from '../auth/principal';
import { calendarDateOf, type CalendarDate } from '../common/domain/calendar-date';
import { ConflictError, NotFoundError } from '../common/errors/domain-errors';
import { isInstant, isUuid, readCursor, toPage } from '../common/paging/cursor';
import { DEFAULT_PAGE_SIZE } from '../common/paging/page-query.dto';
import { PrismaService } from '../prisma/prisma.service';
import type { NotificationStatus } from './escalation.service';
import type { Recipient } from './escalation-rules';
import { NotificationDeliveryService } from './notification-delivery.service';

export interface NotificationView {
  id: string;
  engagementId: string;
  taskId: string;
  taskKey: string;
  /** The names as they are now (the webhook's payload keeps them as they were when sent). */
  taskTitle: string;
  engagementName: string;
  customerName: string;
  /** The task's due date the notification was about (the task may have been re-dated since). */
  dueDate: CalendarDate;
  level: number;
  daysOverdue: number;
  status: NotificationStatus;
  recipients: Recipient[];
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

export interface NotificationFilter {
  engagementId?: string;
  status?: NotificationStatus;
  limit?: number;
  cursor?: string;
}

type NotificationRow = Omit<
  NotificationView,
  'recipients' | 'taskTitle' | 'engagementName' | 'customerName' | 'dueDate'
> & {
  dueDate: Date;
  recipients: unknown;
  task: { title: string };
  engagement: { name: string; customer: { name: string } };
};

function toView(row: NotificationRow): NotificationView {
  return {
    id: row.id,
    engagementId: row.engagementId,
    taskId: row.taskId,
    taskKey: row.taskKey,
    taskTitle: row.task.title,
    engagementName: row.engagement.name,
    customerName: row.engagement.customer.name,
    dueDate: calendarDateOf(row.dueDate),
    level: row.level,
    daysOverdue: row.daysOverdue,
    status: row.status,
    recipients: row.recipients as Recipient[],
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt,
    lastError: row.lastError,
    deliveredAt: row.deliveredAt,
    createdAt: row.createdAt,
  };
}

const VIEW = {
  id: true,
  engagementId: true,
  taskId: true,
  taskKey: true,
  dueDate: true,
  level: true,
  daysOverdue: true,
  status: true,
  recipients: true,
  attempts: true,
  nextAttemptAt: true,
  lastError: true,
  deliveredAt: true,
  createdAt: true,
  task: { select: { title: true } },
  engagement: { select: { name: true, customer: { select: { name: true } } } },
} as const;

/** Reading the outbox, and sending dead notifications back to it. */
@Injectable()
export class NotificationService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly delivery: NotificationDeliveryService,
  ) {}

  /**
   * Newest first, paged by cursor. A CUSTOMER key sees only its own customer's engagements; an
   * engagementId it may not see is answered like one that does not exist (404).
   */
  async list(
    principal: Principal,
    filter: NotificationFilter,
  ): Promise<{ items: NotificationView[]; nextCursor: string | null }> {
    const scope = customerScope(principal);
    if (filter.engagementId) {
      const engagement = await this.prisma.engagement.findUnique({
        where: { id: filter.engagementId },
        select: { customerId: true },
      });
      if (!engagement || !inScope(scope, engagement.customerId)) {
        throw new NotFoundError('engagement', filter.engagementId);
      }
    }
    const customerId = confineToCustomer(scope, undefined);
    if (customerId === null) return { items: [], nextCursor: null };
    const limit = filter.limit ?? DEFAULT_PAGE_SIZE;
    const position = filter.cursor
      ? readCursor(filter.cursor, { at: isInstant, id: isUuid })
      : undefined;
    const after = position && { createdAt: new Date(position.at), id: position.id };
    const rows = await this.prisma.notification.findMany({
      where: {
        engagementId: filter.engagementId,
        status: filter.status,
        engagement: customerId === undefined ? undefined : { customerId },
        OR: after && [
          { createdAt: { lt: after.createdAt } },
          { createdAt: after.createdAt, id: { lt: after.id } },
        ],
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit + 1,
      select: VIEW,
    });
    return toPage(rows, limit, toView, (row) => ({
      at: row.createdAt.toISOString(),
      id: row.id,
    }));
  }

  /** Puts a DEAD notification back in the outbox with a fresh set of attempts; audited. */
  async retry(id: string, actor: Actor): Promise<NotificationView> {
    const view = await this.prisma.$transaction(async (tx) => {
      const current = await tx.notification.findUnique({ where: { id }, select: VIEW });
      if (!current) throw new NotFoundError('notification', id);
      const { count } = await tx.notification.updateMany({
        where: { id, status: 'DEAD' },
        data: { status: 'PENDING', attempts: 0, nextAttemptAt: new Date(), lastError: null },
      });
      if (count === 0) {
        throw new ConflictError(
          `Only DEAD notifications can be retried; this one is ${current.status}`,
          { notificationStatus: current.status },
        );
      }
      await appendAuditEvent(tx, {
        actor,
        action: 'notification.retried',
        engagementId: current.engagementId,
        taskKey: current.taskKey,
        changes: {
          status: { from: 'DEAD', to: 'PENDING' },
          attempts: { from: current.attempts, to: 0 },
          lastError: { from: current.lastError, to: null },
        },
        reason: `Delivery of escalation level ${current.level} retried`,
      });
      return toView(
        (await tx.notification.findUniqueOrThrow({
          where: { id },
          select: VIEW,
        })) as NotificationRow,
      );
    });
    this.delivery.trigger();
    return view;
  }
}
