import { CalendarDate } from '../common/domain/calendar-date';
import type { EscalationDecision, Recipient } from './escalation-rules';

/**
 * The JSON body a webhook receives for one notification. It is built once, when the notification
 * is decided, and stored with it: every retry sends the very same document.
 */
export interface EscalationPayload {
  /** Always `task.overdue.escalated`: lets one receiver tell our events apart from others. */
  type: 'task.overdue.escalated';
  /** The notification id, also sent as `X-Delivery-Id`: the same on every retry. */
  notificationId: string;
  /** The configured level reached (days overdue), and its position among the levels. */
  level: number;
  levelOrdinal: number;
  daysOverdue: number;
  asOf: CalendarDate;
  task: { id: string; key: string; title: string; status: string; dueDate: CalendarDate };
  engagement: { id: string; name: string };
  customer: { id: string; name: string };
  recipients: Recipient[];
  /** ISO 8601 instant the notification was decided. */
  createdAt: string;
}

export interface EscalationSubject {
  task: EscalationPayload['task'];
  engagement: EscalationPayload['engagement'];
  customer: EscalationPayload['customer'];
}

export const ESCALATION_EVENT_TYPE = 'task.overdue.escalated';

export function buildEscalationPayload(
  notificationId: string,
  decision: EscalationDecision,
  subject: EscalationSubject,
  asOf: CalendarDate,
  createdAt: Date,
): EscalationPayload {
  return {
    type: ESCALATION_EVENT_TYPE,
    notificationId,
    level: decision.level,
    levelOrdinal: decision.ordinal,
    daysOverdue: decision.daysOverdue,
    asOf,
    task: { ...subject.task },
    engagement: { ...subject.engagement },
    customer: { ...subject.customer },
    recipients: decision.recipients.map((r) => ({
      ...r,
      roles: [...r.roles],
      contact: r.contact && { ...r.contact },
    })),
    createdAt: createdAt.toISOString(),
  };
}
