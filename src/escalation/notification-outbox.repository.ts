import { Injectable } from '@nestjs/common';
import type { Actor, AuditChanges } from '../audit/audit-event';
import type { CalendarDate } from '../common/domain/calendar-date';
import { prepared } from '../prisma/prepared-statement';
import { PrismaService } from '../prisma/prisma.service';
import { overdueSql } from '../reports/overdue-rules';
import type { EscalationPayload } from './escalation-payload';
import type { Recipient } from './escalation-rules';

/** One decided notification, ready to be written with its audit event. */
export interface NotificationToWrite {
  id: string;
  taskId: string;
  /**
   * The due date the decision was made on: a task re-dated since gets nothing. The notification
   * is about this date: a level is sent once per task and due date.
   */
  dueDate: CalendarDate;
  level: number;
  daysOverdue: number;
  recipients: Recipient[];
  payload: EscalationPayload;
  /** The audit event's changes and reason. */
  changes: AuditChanges;
  reason: string;
}

/**
 * The escalation outbox, written a batch at a time: one statement inserts a batch's notifications
 * and, for exactly those that were inserted, their audit events (one transaction). Each row is
 * re-checked as it is written: a task closed or re-dated since the decision gets nothing, and the
 * unique (task_id, due_date, level) key means a level is never written twice for one due date,
 * whatever other runs or instances do at the same moment. Rows go in engagement order, so concurrent batches take the
 * audit chain's per-engagement locks in one order and cannot deadlock. One transaction per
 * notification wrote ~300 a second; a batch of hundreds costs about what one did.
 */
@Injectable()
export class NotificationOutboxRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The ids of the notifications written (the others existed already or no longer apply). */
  async insert(
    batch: readonly NotificationToWrite[],
    status: string,
    createdAt: Date,
    asOf: CalendarDate,
    actor: Actor,
  ): Promise<Set<string>> {
    if (batch.length === 0) return new Set();
    const rows = batch.map((n) => ({
      id: n.id,
      task_id: n.taskId,
      due_date: n.dueDate,
      level: n.level,
      days_overdue: n.daysOverdue,
      recipients: n.recipients,
      payload: n.payload,
      changes: n.changes,
      reason: n.reason,
    }));
    const { rows: written } = await this.prisma.pool.query<{ id: string }>(
      prepared(
        `WITH decided AS (
           SELECT * FROM jsonb_to_recordset($1::jsonb) AS d(id uuid, task_id uuid, due_date date,
                  level int, days_overdue int, recipients jsonb, payload jsonb, changes jsonb,
                  reason text)
         ), written AS (
           INSERT INTO notification (id, task_id, engagement_id, task_key, due_date, level,
                                     days_overdue, recipients, payload, status, next_attempt_at,
                                     created_at)
           SELECT d.id, t.id, t.engagement_id, t.key, t.due_date, d.level, d.days_overdue,
                  d.recipients, d.payload, $2::notification_status, $3::timestamptz,
                  $3::timestamptz
             FROM decided d
             JOIN task t ON t.id = d.task_id
             JOIN engagement e ON e.id = t.engagement_id
            WHERE t.due_date = d.due_date AND ${overdueSql('$4::date')}
            ORDER BY t.engagement_id, t.id
           ON CONFLICT (task_id, due_date, level) DO NOTHING
           RETURNING id, engagement_id, task_key
         ), audited AS (
           INSERT INTO audit_event (actor_kind, actor_id, actor_name, actor_email, action,
                                    engagement_id, task_key, changes, reason, request_id)
           SELECT $5::text, $6::text, $7::text, $8::text, 'notification.created', w.engagement_id,
                  w.task_key, d.changes, d.reason, $9::text
             FROM written w JOIN decided d ON d.id = w.id
            ORDER BY w.engagement_id, w.id
         )
         SELECT id::text FROM written`,
        [
          JSON.stringify(rows),
          status,
          createdAt,
          asOf,
          actor.kind,
          actor.id,
          actor.name,
          actor.email,
          actor.requestId,
        ],
      ),
    );
    return new Set(written.map((row) => row.id));
  }
}
