import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { systemActor } from '../audit/audit-event';
import {
  CalendarDate,
  formatCalendarDate,
  formatDays,
  isCalendarDate,
  todayUtc,
} from '../common/domain/calendar-date';
import { RequestValidationError } from '../common/errors/domain-errors';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { PrismaService } from '../prisma/prisma.service';
import { overdueSql } from '../reports/overdue-rules';
import { buildEscalationPayload, EscalationSubject } from './escalation-payload';
import {
  Contact,
  decideEscalation,
  EscalationDecision,
  readRaci,
  Recipient,
} from './escalation-rules';
import { NotificationDeliveryService } from './notification-delivery.service';
import { NotificationOutboxRepository } from './notification-outbox.repository';

export type NotificationStatus = 'PENDING' | 'SENT' | 'DEAD' | 'RECORDED';

export interface CreatedNotification {
  notificationId: string;
  engagementId: string;
  taskId: string;
  taskKey: string;
  level: number;
  daysOverdue: number;
  status: NotificationStatus;
  recipients: Recipient[];
}

export interface EscalationRunResult {
  asOf: CalendarDate;
  levels: number[];
  /** Overdue open tasks looked at. */
  evaluated: number;
  /** Notifications this run created; levels another run already recorded are not repeated. */
  created: CreatedNotification[];
}

/**
 * Overdue tasks read per query, in the order above (a page starts after the last row of the one
 * before): a backlog of tens of thousands of tasks is never held in memory at once.
 */
const PAGE_SIZE = 2_000;

interface OverdueTaskRow {
  task_id: string;
  task_key: string;
  position: number;
  title: string;
  task_status: string;
  due_date: string;
  raci: unknown;
  engagement_id: string;
  engagement_name: string;
  engagement_status: string;
  customer_id: string;
  customer_name: string;
  primary_contacts: Record<string, Contact>;
  notified_levels: number[];
}

// Overdue open tasks, a page at a time, with what a decision needs: its engagement and customer,
// the engagement's primary contacts per party, and the levels already notified for its current
// due date (those about a date it has since moved from do not count: late again, it is told again).
const overdueTasksSql = (after: boolean) => `
  SELECT t.id AS task_id, t.key AS task_key, t.position, t.title, t.status::text AS task_status,
         to_char(t.due_date, 'YYYY-MM-DD') AS due_date, t.raci,
         e.id AS engagement_id, e.name AS engagement_name, e.status::text AS engagement_status,
         c.id AS customer_id, c.name AS customer_name,
         e.primary_contacts,
         ARRAY(SELECT n.level FROM notification n
                WHERE n.task_id = t.id AND n.due_date = t.due_date) AS notified_levels
    FROM task t
    JOIN engagement e ON e.id = t.engagement_id
    JOIN customer c ON c.id = e.customer_id
   WHERE ${overdueSql('$1::date')}${after ? '\n     AND (c.name, e.id, t.position) > ($2::text, $3::uuid, $4::int)' : ''}
   ORDER BY c.name, e.id, t.position
   LIMIT ${PAGE_SIZE}`;

/** Decisions written per statement (see NotificationOutboxRepository). */
const BATCH_SIZE = 500;

/** What one evaluation decided: each notification created (or, in a dry run, that would be). */
export interface Evaluation {
  asOf: CalendarDate;
  levels: number[];
  /** Overdue open tasks looked at. */
  evaluated: number;
  /** In a dry run, notificationId and status are null: nothing was written. */
  outcomes: EscalationOutcome[];
  /** True when `onProgress` asked to stop before every task was looked at. */
  stopped: boolean;
}

export type EscalationOutcome = Omit<CreatedNotification, 'notificationId' | 'status'> & {
  notificationId: string | null;
  status: NotificationStatus | null;
};

export interface EvaluationOptions {
  /** Decide, but write nothing and send nothing. */
  dryRun?: boolean;
  /** Called between tasks (to keep a heartbeat); resolving false stops the evaluation there. */
  onProgress?: () => Promise<boolean>;
}

/** Decides which overdue tasks reach which escalation level, and writes each decision to the outbox. */
@Injectable()
export class EscalationService {
  private readonly logger = new Logger('Escalation');

  constructor(
    private readonly prisma: PrismaService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly delivery: NotificationDeliveryService,
    private readonly outbox: NotificationOutboxRepository,
  ) {}

  /** The scheduled evaluation: every decision written, as of `asOf` (today by default). */
  async run(asOf: CalendarDate = todayUtc()): Promise<EscalationRunResult> {
    const evaluation = await this.evaluate(asOf);
    return {
      asOf: evaluation.asOf,
      levels: evaluation.levels,
      evaluated: evaluation.evaluated,
      created: evaluation.outcomes as CreatedNotification[],
    };
  }

  /**
   * Looks at every overdue open task as of `asOf` and decides its notification (its current
   * level, once: see decideEscalation); unless dry, writes the decisions with their audit events a
   * batch at a time (NotificationOutboxRepository). `onProgress` is asked between batches.
   */
  async evaluate(asOf: CalendarDate, options: EvaluationOptions = {}): Promise<Evaluation> {
    if (!isCalendarDate(asOf)) {
      throw new RequestValidationError('Invalid request: check asOf', [
        { field: 'asOf', message: 'must be a date as YYYY-MM-DD' },
      ]);
    }
    const { levels } = this.config.escalation;
    const outcomes: EscalationOutcome[] = [];
    let evaluated = 0;
    let stopped = false;
    for await (const batch of this.overdueBatches(asOf)) {
      if (options.onProgress && !(await options.onProgress())) {
        stopped = true;
        break;
      }
      evaluated += batch.length;
      const decided = batch.flatMap((row) => {
        const decision = decideEscalation(
          {
            engagementStatus: row.engagement_status,
            taskStatus: row.task_status,
            dueDate: row.due_date,
            raci: readRaci(row.raci),
            primaryContacts: row.primary_contacts,
          },
          asOf,
          levels,
          row.notified_levels,
        );
        return decision ? [{ row, decision }] : [];
      });
      outcomes.push(
        ...(options.dryRun
          ? decided.map(({ row, decision }) => outcomeOf(row, decision, null, null))
          : await this.record(decided, asOf)),
      );
    }
    if (!options.dryRun && outcomes.length > 0) {
      this.logger.log(`${outcomes.length} escalation notification(s) created as of ${asOf}`);
      this.delivery.trigger();
    }
    return { asOf, levels: [...levels], evaluated, outcomes, stopped };
  }

  /** Overdue open tasks in write batches, read a page at a time. */
  private async *overdueBatches(asOf: CalendarDate): AsyncGenerator<OverdueTaskRow[]> {
    let last: OverdueTaskRow | undefined;
    for (;;) {
      const rows = await this.overduePage(asOf, last);
      for (let start = 0; start < rows.length; start += BATCH_SIZE) {
        yield rows.slice(start, start + BATCH_SIZE);
      }
      if (rows.length < PAGE_SIZE) return;
      last = rows[rows.length - 1];
    }
  }

  /** The next page of overdue open tasks, after `last` (from the start without it). */
  private async overduePage(
    asOf: CalendarDate,
    last: OverdueTaskRow | undefined,
  ): Promise<OverdueTaskRow[]> {
    const { rows } = await this.prisma.pool.query<OverdueTaskRow>(
      overdueTasksSql(last !== undefined),
      last ? [asOf, last.customer_name, last.engagement_id, last.position] : [asOf],
    );
    return rows;
  }

  /** Writes a batch of decisions with their audit events; the notifications actually created. */
  private async record(
    decided: { row: OverdueTaskRow; decision: EscalationDecision }[],
    asOf: CalendarDate,
  ): Promise<CreatedNotification[]> {
    const createdAt = new Date();
    const status: NotificationStatus = this.config.escalation.webhookUrl ? 'PENDING' : 'RECORDED';
    const notifications = decided.map(({ row, decision }) => {
      const id = randomUUID();
      const subject: EscalationSubject = {
        task: {
          id: row.task_id,
          key: row.task_key,
          title: row.title,
          status: row.task_status,
          dueDate: row.due_date,
        },
        engagement: { id: row.engagement_id, name: row.engagement_name },
        customer: { id: row.customer_id, name: row.customer_name },
      };
      return {
        id,
        taskId: row.task_id,
        dueDate: row.due_date,
        level: decision.level,
        daysOverdue: decision.daysOverdue,
        recipients: decision.recipients,
        payload: buildEscalationPayload(id, decision, subject, asOf, createdAt),
        changes: {
          level: { from: null, to: decision.level },
          daysOverdue: { from: null, to: decision.daysOverdue },
          status: { from: null, to: status },
          recipients: { from: null, to: decision.recipients },
        },
        reason: escalationReason(decision, asOf),
      };
    });
    const written = await this.outbox.insert(
      notifications,
      status,
      createdAt,
      asOf,
      systemActor('escalation'),
    );
    return decided.flatMap(({ row, decision }, i) =>
      written.has(notifications[i].id)
        ? [outcomeOf(row, decision, notifications[i].id, status) as CreatedNotification]
        : [],
    );
  }
}

/** "50 days overdue on 27 Nov 2026 (escalation level 14 days)": read as is in task histories. */
function escalationReason(decision: EscalationDecision, asOf: CalendarDate): string {
  const overdue = `${formatDays(decision.daysOverdue)} overdue on ${formatCalendarDate(asOf)}`;
  return `${overdue} (escalation level ${formatDays(decision.level)})`;
}

function outcomeOf(
  row: OverdueTaskRow,
  decision: EscalationDecision,
  notificationId: string | null,
  status: NotificationStatus | null,
): EscalationOutcome {
  return {
    notificationId,
    engagementId: row.engagement_id,
    taskId: row.task_id,
    taskKey: row.task_key,
    level: decision.level,
    daysOverdue: decision.daysOverdue,
    status,
    recipients: decision.recipients,
  };
}
