import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { appendAuditEvent, systemActor } from '../audit/audit-event';
import { CalendarDate, isCalendarDate, todayUtc } from '../common/domain/calendar-date';
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

interface OverdueTaskRow {
  task_id: string;
  task_key: string;
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

// One query for every overdue open task with what a decision needs: its engagement and customer,
// the engagement's primary contacts per party, and the levels already notified.
const OVERDUE_TASKS_SQL = `
  SELECT t.id AS task_id, t.key AS task_key, t.title, t.status::text AS task_status,
         to_char(t.due_date, 'YYYY-MM-DD') AS due_date, t.raci,
         e.id AS engagement_id, e.name AS engagement_name, e.status::text AS engagement_status,
         c.id AS customer_id, c.name AS customer_name,
         COALESCE((SELECT jsonb_object_agg(ec.party, jsonb_build_object('name', ec.name, 'email', ec.email))
                     FROM engagement_contact ec
                    WHERE ec.engagement_id = e.id AND ec."primary"), '{}'::jsonb) AS primary_contacts,
         ARRAY(SELECT n.level FROM notification n WHERE n.task_id = t.id) AS notified_levels
    FROM task t
    JOIN engagement e ON e.id = t.engagement_id
    JOIN customer c ON c.id = e.customer_id
   WHERE ${overdueSql('$1::date')}
   ORDER BY c.name, e.id, t.position`;

// The insert re-checks, at the moment it runs, that the task is still overdue with the same due
// date: a task closed or re-dated since the read above gets nothing. The unique (task_id, level)
// key makes a second row for the same level impossible, whatever else runs at the same time.
const INSERT_NOTIFICATION_SQL = `
  INSERT INTO notification (id, task_id, engagement_id, task_key, level, days_overdue, recipients,
                            payload, status, next_attempt_at, created_at)
  SELECT $1::uuid, t.id, t.engagement_id, t.key, $2::int, $3::int, $4::jsonb, $5::jsonb,
         $6::notification_status, $7::timestamptz, $7::timestamptz
    FROM task t
    JOIN engagement e ON e.id = t.engagement_id
   WHERE t.id = $8::uuid AND t.due_date = $9::date AND ${overdueSql('$10::date')}
  ON CONFLICT (task_id, level) DO NOTHING
  RETURNING id`;

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
   * level, once: see decideEscalation); writes each one with its audit event unless dry.
   */
  async evaluate(asOf: CalendarDate, options: EvaluationOptions = {}): Promise<Evaluation> {
    if (!isCalendarDate(asOf)) {
      throw new RequestValidationError('Invalid request: check asOf', [
        { field: 'asOf', message: 'must be a date as YYYY-MM-DD' },
      ]);
    }
    const { levels } = this.config.escalation;
    const rows = await this.prisma.$queryRawUnsafe<OverdueTaskRow[]>(OVERDUE_TASKS_SQL, asOf);
    const outcomes: EscalationOutcome[] = [];
    let evaluated = 0;
    let stopped = false;
    for (const row of rows) {
      if (options.onProgress && !(await options.onProgress())) {
        stopped = true;
        break;
      }
      evaluated++;
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
      if (!decision) continue;
      const outcome = options.dryRun
        ? outcomeOf(row, decision, null, null)
        : await this.record(row, decision, asOf);
      if (outcome) outcomes.push(outcome);
    }
    if (!options.dryRun && outcomes.length > 0) {
      this.logger.log(`${outcomes.length} escalation notification(s) created as of ${asOf}`);
      this.delivery.trigger();
    }
    return { asOf, levels: [...levels], evaluated, outcomes, stopped };
  }

  /** Writes one notification and its audit event together; undefined when it already existed. */
  private async record(
    row: OverdueTaskRow,
    decision: EscalationDecision,
    asOf: CalendarDate,
  ): Promise<CreatedNotification | undefined> {
    const id = randomUUID();
    const createdAt = new Date();
    const status: NotificationStatus = this.config.escalation.webhookUrl ? 'PENDING' : 'RECORDED';
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
    const payload = buildEscalationPayload(id, decision, subject, asOf, createdAt);
    return this.prisma.$transaction(async (tx) => {
      const inserted = await tx.$queryRawUnsafe<{ id: string }[]>(
        INSERT_NOTIFICATION_SQL,
        id,
        decision.level,
        decision.daysOverdue,
        JSON.stringify(decision.recipients),
        JSON.stringify(payload),
        status,
        createdAt,
        row.task_id,
        row.due_date,
        asOf,
      );
      if (inserted.length === 0) return undefined;
      await appendAuditEvent(tx, {
        actor: systemActor('escalation'),
        action: 'notification.created',
        engagementId: row.engagement_id,
        taskKey: row.task_key,
        changes: {
          level: { from: null, to: decision.level },
          daysOverdue: { from: null, to: decision.daysOverdue },
          status: { from: null, to: status },
          recipients: { from: null, to: decision.recipients },
        },
        reason: `${decision.daysOverdue} day(s) overdue as of ${asOf}: escalation level ${decision.level}`,
      });
      return outcomeOf(row, decision, id, status) as CreatedNotification;
    });
  }
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
