import { Injectable } from '@nestjs/common';
import type { PoolClient, QueryConfig, QueryResult, QueryResultRow } from 'pg';
import type { Actor } from '../audit/audit-event';
import { insertAuditEventsSql, type AuditEventRow } from '../audit/audit-event-sql';
import { toDbDate, type CalendarDate } from '../common/domain/calendar-date';
import type { EngagementStatus } from '../engagements/engagement-status';
import { inPgTransaction } from '../prisma/pg-transaction';
import { prepared } from '../prisma/prepared-statement';
import { PrismaService } from '../prisma/prisma.service';
import {
  assigneePersonSql,
  assigneeUserId,
  findAssigneePeople,
  type AssigneePeople,
  type AssigneePerson,
} from '../users/assignee-people';
import type { DependencyState, PlannedTask } from './task-dependencies';
import type { TaskRow } from './task.mapper';
import type { TaskStatus } from './task-status';

/**
 * What a decision about one task was based on: the engagement's version, which every change to
 * the engagement or to any of its tasks moves on.
 */
export interface EngagementRevision {
  version: number;
}

/** A task with what deciding on a change to it needs: its engagement and the sibling tasks. */
export interface TaskInContext {
  engagement: { status: EngagementStatus; customerId: string };
  /** Undefined when the engagement has no task with that key. */
  task: (TaskRow & { id: string }) | undefined;
  /** Every task of the engagement (this one included), for dependencies and derived status. */
  siblings: DependencyState[];
  /**
   * Every task of the engagement as a new due date needs it (when it was read for one): what it
   * waits for, when it is due, and who answers for it.
   */
  plan?: ScheduledTask[];
  revision: EngagementRevision;
}

/** A task of the engagement as moving another's due date sees it. */
export interface ScheduledTask extends PlannedTask {
  id: string;
  title: string;
  raci: unknown;
}

/** The fields a change sets (all of them, as they will be). */
export type TaskFields = {
  status: TaskStatus;
  dueDate: CalendarDate;
  assignee: string | null;
  note: string | null;
};

export interface TaskChange {
  engagementId: string;
  /** The engagement's customer: whose people the assignee may name. */
  customerId: string;
  taskId: string;
  /** The version the change was decided on: nothing is written if the row moved past it… */
  version: number;
  /** …or if anything else in the engagement changed since the decision was made. */
  revision: EngagementRevision;
  fields: TaskFields;
  /** The reason that goes with the task's status after the change (kept when it stays). */
  statusReason: string | null;
  /** The engagement's new status, when the change moves it. */
  engagementStatus: EngagementStatus | undefined;
  /** Other tasks whose due dates move with it (open tasks waiting for it); none usually. */
  moves?: { taskId: string; dueDate: CalendarDate }[];
  /** In the order they are to be chained. */
  events: AuditEventRow[];
  actor: Actor;
}

interface ContextRow {
  engagement_status: EngagementStatus;
  customer_id: string;
  engagement_version: number;
  key: string;
  status: TaskStatus;
  version: number;
  /** Only when read with the plan. */
  id?: string;
  title?: string;
  due_date?: string;
  depends_on?: string[];
  raci?: unknown;
  task: {
    id: string;
    position: number;
    title: string;
    dueDate: string;
    assignee: string | null;
    note: string | null;
    statusReason: string | null;
    checklist: unknown;
    raci: unknown;
    dependsOn: string[];
    version: number;
    updatedAt: string;
  } | null;
}

// One row per task of the engagement: every task's key, status and version, and the whole of the
// task asked for. Locking reads lock the engagement row first (then its tasks), like every other change to an
// engagement, and — unlike a lock taken in a statement of its own followed by a read — return the
// rows as the transaction that held the lock left them. With the plan (only for a change of the
// due date), each row also says when that task is due, what it waits for and who answers for it,
// in the engagement's order (the order the tasks moved are named in).
const contextSql = (lock: boolean, plan: boolean) => `
  SELECT e.status::text AS engagement_status, e.customer_id::text AS customer_id,
         e.version AS engagement_version,
         t.key, t.status::text AS status, t.version,${
           plan
             ? `
         t.id::text AS id, t.title, to_char(t.due_date, 'YYYY-MM-DD') AS due_date,
         t.depends_on, t.raci,`
             : ''
         }
         CASE WHEN t.key = $2 THEN json_build_object(
           'id', t.id, 'position', t.position, 'title', t.title,
           'dueDate', to_char(t.due_date, 'YYYY-MM-DD'), 'assignee', t.assignee, 'note', t.note,
           'statusReason', t.status_reason, 'checklist', t.checklist, 'raci', t.raci, 'dependsOn', t.depends_on,
           'version', t.version, 'updatedAt', t.updated_at) END AS task
    FROM engagement e
    JOIN task t ON t.engagement_id = e.id
   WHERE e.id = $1::uuid${plan ? '\n   ORDER BY t.position' : ''}${lock ? '\n   FOR UPDATE' : ''}`;

/**
 * What a write returns: the row's new version and time, and the person its assignee names by user
 * id (null for none, free text, or someone the engagement may not show); undefined when nothing
 * was written.
 */
export type Written =
  { version: number; updatedAt: Date; assigneePerson: AssigneePerson | null } | undefined;

/**
 * Task reads and writes straight through node-postgres, in as few round trips as the guarantees
 * allow. A change is normally two statements: a plain read of everything the decision needs, and
 * one statement that locks the engagement, checks its version (moved on by every change to it or
 * its tasks) is still the one read, and writes the row, the engagement's version and status and the
 * audit events (a statement is its own transaction). When something did change, the caller decides again inside a transaction that
 * holds the engagement's lock from its read on.
 */
@Injectable()
export class TaskRepository {
  constructor(private readonly prisma: PrismaService) {}

  private readonly query: Query = (statement) => this.prisma.pool.query(statement);

  /**
   * The task and its context (with the plan when asked: see TaskInContext); undefined when the
   * engagement does not exist.
   */
  read(engagementId: string, key: string, plan = false): Promise<TaskInContext | undefined> {
    return readContext(this.query, engagementId, key, false, plan);
  }

  /** The people these assignees name by user id, as `customerId`'s engagement may show them. */
  assigneePeople(customerId: string, assignees: readonly unknown[]): Promise<AssigneePeople> {
    return findAssigneePeople(this.prisma, customerId, assignees);
  }

  /** Writes `change` unless anything in its engagement changed since `change.revision`. */
  apply(change: TaskChange): Promise<Written> {
    return applyChange(this.query, change);
  }

  /** Runs `work` in one transaction (see inPgTransaction for why not Prisma's). */
  transaction<T>(work: (tx: TaskTransaction) => Promise<T>): Promise<T> {
    return inPgTransaction(this.prisma.pool, (client) => work(new TaskTransaction(client)));
  }
}

export class TaskTransaction {
  constructor(private readonly client: PoolClient) {}

  private readonly query: Query = (statement) => this.client.query(statement);

  /**
   * Locks the engagement (changes to one engagement are serialised: its derived status and the
   * dependency checks see a stable task list) and reads the task in context.
   */
  lockInContext(
    engagementId: string,
    key: string,
    plan = false,
  ): Promise<TaskInContext | undefined> {
    return readContext(this.query, engagementId, key, true, plan);
  }

  apply(change: TaskChange): Promise<Written> {
    return applyChange(this.query, change);
  }
}

/**
 * The change, the engagement's new version and status and the audit events, in one statement. It first locks
 * the engagement and its tasks (the locked rows are the latest ones, even after waiting for
 * another writer) and writes only if they are as the decision saw them.
 */
async function applyChange(query: Query, change: TaskChange): Promise<Written> {
  const { fields } = change;
  const values: unknown[] = [
    change.taskId,
    change.version,
    fields.status,
    fields.dueDate,
    fields.assignee,
    fields.note,
    change.engagementStatus ?? null,
    change.engagementId,
    change.revision.version,
    change.statusReason,
    assigneeUserId(fields.assignee),
    change.customerId,
  ];
  const moved = change.moves?.length ? movedSql(values, change.moves) : '';
  const { rows } = await query<{
    version: number;
    updated_at: Date;
    assignee_name: string | null;
    assignee_email: string | null;
  }>(
    prepared(
      `WITH unchanged AS (
         -- The lock returns the engagement as the last writer left it (also after waiting).
         SELECT 1 FROM engagement WHERE id = $8::uuid AND version = $9 FOR UPDATE
       ), changed AS (
         UPDATE task SET status = $3::task_status, due_date = $4::date, assignee = $5, note = $6,
                         status_reason = $10, version = version + 1, updated_at = now()
          WHERE id = $1::uuid AND version = $2 AND EXISTS (SELECT 1 FROM unchanged)
         RETURNING version, updated_at
       ), engagement_changed AS (
         -- Any task change moves the engagement's version (its ETag) on, and maybe its status.
         UPDATE engagement SET status = coalesce($7::engagement_status, status),
                               version = version + 1, updated_at = now()
          WHERE id = $8::uuid AND EXISTS (SELECT 1 FROM changed)
       )${moved}, audit AS (${insertAuditEventsSql(values, change.actor, '$8::uuid', change.events, 'changed')}
       )
       -- The answer names the assignee: no statement of its own after the write.
       SELECT c.version, c.updated_at, p.name AS assignee_name, p.email AS assignee_email
         FROM changed c
         LEFT JOIN LATERAL (${assigneePersonSql('$11::uuid', '$12::uuid')}) p ON true`,
      values,
    ),
  );
  const row = rows[0];
  return (
    row && {
      version: row.version,
      updatedAt: row.updated_at,
      assigneePerson:
        row.assignee_email === null ? null : { name: row.assignee_name, email: row.assignee_email },
    }
  );
}

/**
 * A CTE moving the due dates of other tasks of the engagement along with the change (and only with
 * it: the engagement's version, checked by the change, says they are as the decision saw them).
 */
function movedSql(values: unknown[], moves: NonNullable<TaskChange['moves']>): string {
  values.push(JSON.stringify(moves.map((move) => ({ id: move.taskId, due_date: move.dueDate }))));
  return `, moved AS (
         UPDATE task SET due_date = m.due_date, version = task.version + 1, updated_at = now()
           FROM jsonb_to_recordset($${values.length}::jsonb) AS m(id uuid, due_date date)
          WHERE task.id = m.id AND task.engagement_id = $8::uuid AND EXISTS (SELECT 1 FROM changed)
       )`;
}

type Query = <R extends QueryResultRow>(statement: QueryConfig) => Promise<QueryResult<R>>;

async function readContext(
  query: Query,
  engagementId: string,
  key: string,
  lock: boolean,
  plan: boolean,
): Promise<TaskInContext | undefined> {
  const { rows } = await query<ContextRow>(prepared(contextSql(lock, plan), [engagementId, key]));
  if (rows.length === 0) {
    // No tasks at all: tell an unknown engagement from an empty one (an error path).
    const found = await query<{ status: EngagementStatus; customer_id: string; version: number }>({
      text: 'SELECT status::text AS status, customer_id::text, version FROM engagement WHERE id = $1::uuid',
      values: [engagementId],
    });
    const engagement = found.rows[0];
    return engagement
      ? {
          engagement: { status: engagement.status, customerId: engagement.customer_id },
          task: undefined,
          siblings: [],
          revision: { version: engagement.version },
        }
      : undefined;
  }
  const target = rows.find((row) => row.task !== null);
  const task = target?.task;
  return {
    engagement: { status: rows[0].engagement_status, customerId: rows[0].customer_id },
    task:
      task && target
        ? {
            id: task.id,
            engagementId,
            key: target.key,
            position: task.position,
            title: task.title,
            status: target.status,
            dueDate: toDbDate(task.dueDate),
            assignee: task.assignee,
            note: task.note,
            statusReason: task.statusReason,
            checklist: task.checklist,
            raci: task.raci,
            dependsOn: task.dependsOn,
            version: task.version,
            updatedAt: new Date(task.updatedAt),
          }
        : undefined,
    siblings: rows.map((row) => ({ key: row.key, status: row.status })),
    ...(plan
      ? {
          plan: rows.map((row) => ({
            id: row.id!,
            key: row.key,
            title: row.title!,
            status: row.status,
            dueDate: row.due_date!,
            dependsOn: row.depends_on!,
            raci: row.raci,
          })),
        }
      : {}),
    revision: { version: rows[0].engagement_version },
  };
}
