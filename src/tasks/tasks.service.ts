import { Injectable } from '@nestjs/common';
import { diffFields, type Actor } from '../audit/audit-event';
import type { AuditEventRow } from '../audit/audit-event-sql';
import { customerScope, inScope } from '../auth/access-policy';
import type { Principal } from '../auth/principal';
import {
  calendarDateOf,
  formatCalendarDate,
  formatDays,
  daysBetween,
  LATEST_DATE,
  toDbDate,
  type CalendarDate,
} from '../common/domain/calendar-date';
import {
  BusinessRuleError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
} from '../common/errors/domain-errors';
import { checkIfMatch, parseIfMatch, type IfMatch } from '../common/http/etag';
import { HttpResult } from '../common/http/http-result';
import { deriveEngagementStatus } from '../engagements/engagement-status';
import type { Raci } from '../engagements/template-snapshot';
import type { TaskDto, UpdateTaskDto } from './dto/task.dto';
import { toTaskDto } from './task.mapper';
import {
  assigneePerson,
  assigneeUserId,
  NO_PEOPLE,
  type AssigneePeople,
} from '../users/assignee-people';
import {
  TaskRepository,
  type TaskChange,
  type TaskFields,
  type ScheduledTask,
  type TaskInContext,
  type Written,
} from './task.repository';
import { dependentMoves, openDependencies, type DependentMove } from './task-dependencies';
import {
  accountableBesidesCustomer,
  customerMayChangeTask,
  customerMayNotDecideAlone,
  decidersBesidesCustomer,
} from './task-permissions';
import { checkMove } from './task-status';

interface ChangeInput extends UpdateTaskDto {
  /** Asking for the status the task already has is a refused move, not a no-op ("complete"). */
  strictStatus?: boolean;
  requireIfMatch?: boolean;
}

type FoundTask = TaskInContext & { task: NonNullable<TaskInContext['task']> };

/** A decided change: the answer, and whether the write already named its assignee. */
interface Decided {
  answer: HttpResult<TaskDto>;
  assigneeNamed: boolean;
}

const withEtag = (task: TaskDto): HttpResult<TaskDto> => ({
  status: 200,
  body: task,
  headers: { ETag: task.etag },
});

/** What a task change may set; the audit event records the ones that moved. */
const TASK_FIELDS = ['status', 'dueDate', 'assignee', 'note'] as const;

@Injectable()
export class TasksService {
  constructor(private readonly tasks: TaskRepository) {}

  async get(
    engagementId: string,
    taskKey: string,
    principal: Principal,
  ): Promise<HttpResult<TaskDto>> {
    const found = inScopeOrThrow(
      await this.tasks.read(engagementId, taskKey),
      engagementId,
      taskKey,
      principal,
    );
    const people = await this.tasks.assigneePeople(found.engagement.customerId, [
      found.task.assignee,
    ]);
    return withEtag(toTaskDto(found.task, found.engagement.status, found.siblings, people));
  }

  /** PATCH: If-Match is required. */
  async update(
    engagementId: string,
    taskKey: string,
    input: UpdateTaskDto,
    ifMatch: string | undefined,
    principal: Principal,
    actor: Actor,
  ): Promise<HttpResult<TaskDto>> {
    // Refused before anything is read; a reason with fields that all turn out unchanged is
    // refused once the task is read (decideAndWrite).
    if (TASK_FIELDS.every((field) => input[field] === undefined)) refuseUnrecordedReason(input);
    if (input.moveDependents && input.dueDate === undefined) {
      throw new BusinessRuleError('Moving the tasks that wait for this one goes with a due date', [
        { field: 'moveDependents', message: 'is only accepted together with a new dueDate' },
      ]);
    }
    return this.change(
      engagementId,
      taskKey,
      { ...input, requireIfMatch: true },
      ifMatch,
      principal,
      actor,
    );
  }

  /** "Mark done" in one call; If-Match is checked only when given. */
  complete(
    engagementId: string,
    taskKey: string,
    note: string | undefined,
    ifMatch: string | undefined,
    principal: Principal,
    actor: Actor,
  ): Promise<HttpResult<TaskDto>> {
    const input: ChangeInput = {
      status: 'DONE',
      strictStatus: true,
      ...(note !== undefined ? { note } : {}),
    };
    return this.change(engagementId, taskKey, input, ifMatch, principal, actor);
  }

  /**
   * Normally two statements: read the task in context, decide here, then write — the write
   * checks, under the engagement's lock, that nothing in the engagement changed since the read.
   * If something did (a concurrent writer), the decision is made again in a transaction that
   * locks the engagement as it reads, so it rests on the rows as that writer left them.
   */
  private async change(
    engagementId: string,
    taskKey: string,
    input: ChangeInput,
    ifMatch: string | undefined,
    principal: Principal,
    actor: Actor,
  ): Promise<HttpResult<TaskDto>> {
    // A malformed If-Match is refused before anything is read.
    const precondition = parseIfMatch(ifMatch);
    const request = { engagementId, taskKey, input, precondition, principal, actor };
    // Only a new due date needs the plan (the tasks waiting for this one, and their dates).
    const found = await this.tasks.read(engagementId, taskKey, input.dueDate !== undefined);
    const optimistic = await decideAndWrite(found, request, (change) => this.tasks.apply(change));
    const { answer, assigneeNamed } =
      optimistic ?? (await this.changeLocked(engagementId, taskKey, request));
    // A write names the assignee as it now is; a change that changed nothing looks them up.
    if (assigneeNamed) return answer;
    const named = await this.tasks.assigneePeople(found!.engagement.customerId, [
      answer.body.assignee,
    ]);
    return {
      ...answer,
      body: { ...answer.body, assigneeUser: assigneePerson(named, answer.body.assignee) },
    };
  }

  /** A change decided again under the engagement's lock (see change). */
  private changeLocked(
    engagementId: string,
    taskKey: string,
    request: ChangeRequest,
  ): Promise<Decided> {
    return this.tasks.transaction(async (tx) => {
      const locked = await tx.lockInContext(
        engagementId,
        taskKey,
        request.input.dueDate !== undefined,
      );
      const result = await decideAndWrite(locked, request, (change) => tx.apply(change));
      // Under the engagement's lock nobody else can have moved the row (defence in depth).
      if (!result) {
        throw new PreconditionFailedError(
          'The task has changed since you read it; read it again and retry',
        );
      }
      return result;
    });
  }
}

interface ChangeRequest {
  engagementId: string;
  taskKey: string;
  input: ChangeInput;
  precondition: IfMatch | undefined;
  principal: Principal;
  actor: Actor;
}

/**
 * Checks the request against the task as found (scope, permission, If-Match, status machine,
 * dependencies) and writes the change with its audit events and the engagement's derived status.
 * Undefined when `write` wrote nothing because the engagement changed since `found` was read.
 */
async function decideAndWrite(
  found: TaskInContext | undefined,
  { engagementId, taskKey, input, precondition, principal, actor }: ChangeRequest,
  write: (change: TaskChange) => Promise<Written>,
): Promise<Decided | undefined> {
  const context = inScopeOrThrow(found, engagementId, taskKey, principal);
  const { task, engagement } = context;
  if (principal.role === 'CUSTOMER' && !customerMayChangeTask(task.raci as unknown as Raci)) {
    throw new ForbiddenError(
      `Customers may change only tasks where CUSTOMER is responsible or accountable; ${taskKey} is not one`,
    );
  }
  checkIfMatch(precondition, task.version, { name: 'the task', required: input.requireIfMatch });
  if (engagement.status === 'CANCELLED') {
    throw new ConflictError('The engagement is cancelled; its tasks can no longer change', {
      engagementStatus: engagement.status,
    });
  }
  const before: TaskFields = {
    status: task.status,
    dueDate: calendarDateOf(task.dueDate),
    assignee: task.assignee,
    note: task.note,
  };
  const after = proposedFields(context, input);
  const changes = diffFields(before, after, TASK_FIELDS);
  if (Object.keys(changes).length === 0) {
    refuseUnrecordedReason(input);
    return {
      answer: withEtag(toTaskDto(task, engagement.status, context.siblings)),
      assigneeNamed: false,
    };
  }
  if (principal.role === 'CUSTOMER') {
    const raci = task.raci as unknown as Raci;
    const refused = customerMayNotDecideAlone(raci, {
      status: changes.status ? after.status : undefined,
      dueDateChanged: changes.dueDate !== undefined,
    });
    if (refused) {
      const parties = accountableBesidesCustomer(raci);
      const others = parties.join(' and ');
      throw new ForbiddenError(
        `${others} ${parties.length > 1 ? 'are' : 'is'} accountable for ${taskKey}: ask your ${others} contact to ` +
          (refused === 'status' ? 'declare it not applicable' : 'move its due date'),
        { errors: [{ field: refused, message: `is decided with ${others} on this task` }] },
      );
    }
  }

  const fields = { ...before, ...after };
  const moves = changes.dueDate
    ? planDependentMoves(context, { ...fields, from: before.dueDate }, input, principal)
    : [];
  const siblings = context.siblings.map((s) =>
    s.key === task.key ? { key: s.key, status: fields.status } : s,
  );
  const derived = deriveEngagementStatus(
    engagement.status,
    siblings.map((s) => s.status),
  );
  const events: AuditEventRow[] = [
    {
      action: changes.status ? 'task.status_changed' : 'task.updated',
      taskKey,
      changes,
      reason: input.reason ?? null,
    },
  ];
  // Each moved task's history explains its new date, as when the engagement's start moves.
  const why =
    `due date of “${task.title}” moved from ${formatCalendarDate(before.dueDate)} to ` +
    `${formatCalendarDate(fields.dueDate)}; this task waits for it`;
  for (const move of moves) {
    events.push({
      action: 'task.updated',
      taskKey: move.key,
      changes: { dueDate: { from: move.from, to: move.to } },
      reason: input.reason ? `${why}: ${input.reason}` : why,
    });
  }
  if (derived !== engagement.status) {
    events.push({
      action: 'engagement.status_changed',
      taskKey: null,
      changes: { status: { from: engagement.status, to: derived } },
      reason: null,
    });
  }
  // A new status carries the reason given with it (or none); other changes keep the current one.
  const statusReason = changes.status ? (input.reason ?? null) : task.statusReason;
  const written = await write({
    engagementId,
    customerId: engagement.customerId,
    taskId: task.id,
    version: task.version,
    revision: context.revision,
    fields,
    statusReason,
    engagementStatus: derived !== engagement.status ? derived : undefined,
    moves: moves.map((move) => ({ taskId: move.id, dueDate: move.to })),
    events,
    actor,
  });
  if (!written) return undefined;
  const row = {
    ...task,
    ...fields,
    statusReason,
    dueDate: toDbDate(fields.dueDate),
    version: written.version,
    updatedAt: written.updatedAt,
  };
  const userId = assigneeUserId(fields.assignee);
  const people: AssigneePeople =
    userId !== null && written.assigneePerson
      ? new Map([[userId, written.assigneePerson]])
      : NO_PEOPLE;
  return { answer: withEtag(toTaskDto(row, derived, siblings, people)), assigneeNamed: true };
}

/**
 * The open tasks a later due date would leave due before a task they wait for, and where they
 * move (see dependentMoves). They move only when asked (`moveDependents`): otherwise 422 naming
 * dueDate and the tasks, so that no client re-dates a chain of tasks by accident. A customer moves
 * them only where it could move each one's date itself: a task WSO2 answers for is re-dated by
 * WSO2, so the customer asks WSO2 to move this date (403 naming dueDate, with or without the flag,
 * since the flag could not help).
 */
function planDependentMoves(
  { task, plan }: FoundTask,
  change: { status: TaskFields['status']; from: CalendarDate; dueDate: CalendarDate },
  input: ChangeInput,
  principal: Principal,
): (DependentMove & { id: string })[] {
  const tasks = new Map((plan ?? []).map((planned) => [planned.key, planned]));
  const moves = dependentMoves(
    { key: task.key, status: change.status, from: change.from, to: change.dueDate },
    [...tasks.values()],
  ).map((move) => ({ ...move, id: tasks.get(move.key)!.id }));
  if (moves.length === 0) return moves;
  const days = daysBetween(change.from, change.dueDate);
  const named = (move: DependentMove) => `${move.key} (due ${move.from}, would move to ${move.to})`;
  if (principal.role === 'CUSTOMER') {
    const theirs = moves
      .map((move) => tasks.get(move.key)!)
      .filter((waiting) => !customerMayMove(waiting));
    if (theirs.length > 0) {
      const parties = [
        ...new Set(theirs.flatMap((waiting) => decidersBesidesCustomer(waiting.raci as Raci))),
      ].join(' and ');
      throw new ForbiddenError(
        `${theirs.map((waiting) => waiting.key).join(', ')} ${theirs.length > 1 ? 'wait' : 'waits'} for ` +
          `${task.key} and would move with it, but ${parties} decides ${theirs.length > 1 ? 'their' : 'its'} ` +
          `due date: ask your ${parties} contact to move the due date of ${task.key}`,
        {
          errors: [
            {
              field: 'dueDate',
              message: `would move tasks that ${parties} decides with it: ${theirs.map((w) => w.key).join(', ')}`,
            },
          ],
        },
      );
    }
  }
  const late = moves.find((move) => move.to > LATEST_DATE);
  if (late) {
    throw new BusinessRuleError(`The due date of ${task.key} cannot move that far`, [
      {
        field: 'dueDate',
        message: `would move ${late.key}, which waits for it, to ${late.to}, after ${LATEST_DATE}, the latest date accepted`,
      },
    ]);
  }
  if (!input.moveDependents) {
    throw new BusinessRuleError(
      `Moving ${task.key} to ${change.dueDate} would leave ${moves.length === 1 ? 'a task' : `${moves.length} tasks`} ` +
        `that ${moves.length === 1 ? 'waits' : 'wait'} for it due earlier; send moveDependents: true to move ` +
        `${moves.length === 1 ? 'it' : 'them'} ${formatDays(days)} later too`,
      [
        {
          field: 'dueDate',
          message: `is after the due date of open tasks that wait for it: ${moves.map(named).join(', ')}`,
        },
      ],
      {
        dependentMoves: moves.map(({ key, from, to }) => ({
          key,
          title: tasks.get(key)!.title,
          from,
          to,
        })),
      },
    );
  }
  return moves;
}

/** Whether a customer could move this task's due date itself (see task-permissions). */
function customerMayMove(waiting: ScheduledTask): boolean {
  const raci = waiting.raci as Raci;
  return (
    customerMayChangeTask(raci) &&
    customerMayNotDecideAlone(raci, { dueDateChanged: true }) === undefined
  );
}

/**
 * A reason is recorded with the change it explains: with no change (nothing sent, or only what the
 * task already is) it would be acknowledged and lost, so it is refused.
 */
function refuseUnrecordedReason(input: ChangeInput): void {
  if (input.reason === undefined) return;
  throw new BusinessRuleError('A reason goes with a change of the task', [
    {
      field: 'reason',
      message: `is only accepted together with a change of ${TASK_FIELDS.join(', ')}`,
    },
  ]);
}

/**
 * The task when the engagement exists, the principal may see it (a CUSTOMER principal asking for
 * another customer's engagement gets the same 404 as for one that does not exist) and it has the
 * task.
 */
function inScopeOrThrow(
  found: TaskInContext | undefined,
  engagementId: string,
  taskKey: string,
  principal: Principal,
): FoundTask {
  if (!found || !inScope(customerScope(principal), found.engagement.customerId)) {
    throw new NotFoundError('Engagement', engagementId);
  }
  if (!found.task) throw new NotFoundError('Task', taskKey);
  return found as FoundTask;
}

/** The fields the request sets, after checking the status move and its dependencies. */
function proposedFields({ task, siblings }: FoundTask, input: ChangeInput): Partial<TaskFields> {
  const after: Partial<TaskFields> = {};
  if (input.status !== undefined && (input.status !== task.status || input.strictStatus)) {
    const check = checkMove(task.status, input.status, input.reason);
    if (!check.ok && check.problem === 'not-allowed') {
      throw new ConflictError(
        `Task ${task.key} is ${task.status} and cannot move to ${input.status}; allowed moves: ${
          check.allowed.join(', ') || 'none'
        }`,
        { currentStatus: task.status, allowedMoves: check.allowed },
      );
    }
    if (!check.ok) {
      throw new BusinessRuleError(`Moving task ${task.key} to ${input.status} needs a reason`, [
        {
          field: 'reason',
          message: `is required to move from ${task.status} to ${input.status}`,
        },
      ]);
    }
    if (input.status === 'DONE') {
      const open = openDependencies(task.dependsOn, siblings);
      if (open.length > 0) {
        throw new ConflictError(
          `Task ${task.key} cannot be DONE while it depends on open tasks: ${open.join(', ')}`,
          { currentStatus: task.status, openDependencies: open },
        );
      }
    }
    after.status = input.status;
  }
  if (input.dueDate !== undefined) after.dueDate = input.dueDate;
  if (input.assignee !== undefined) after.assignee = input.assignee || null;
  if (input.note !== undefined) after.note = input.note || null;
  return after;
}
