import { Injectable } from '@nestjs/common';
import { appendAuditEvent, diffFields, type Actor } from '../audit/audit-event';
import type { Principal } from '../auth/principal';
import { calendarDateOf, toDbDate } from '../common/domain/calendar-date';
import {
  BusinessRuleError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
} from '../common/errors/domain-errors';
import { checkIfMatch, parseIfMatch } from '../common/http/etag';
import { HttpResult } from '../common/http/http-result';
import {
  bumpEngagementVersion,
  lockEngagement,
  syncEngagementStatus,
} from '../engagements/engagement-lifecycle';
import { findEngagementInScope } from '../engagements/engagement-queries';
import type { Raci } from '../engagements/template-snapshot';
import { PrismaService, PrismaTx } from '../prisma/prisma.service';
import type { TaskDto, UpdateTaskDto } from './dto/task.dto';
import { toTaskDto, type TaskRow } from './task.mapper';
import { openDependencies } from './task-dependencies';
import { customerMayChangeTask } from './task-permissions';
import { checkMove, TaskStatus } from './task-status';

interface TaskChange extends UpdateTaskDto {
  /** Asking for the status the task already has is a refused move, not a no-op ("complete"). */
  strictStatus?: boolean;
  requireIfMatch?: boolean;
}

const withEtag = (task: TaskDto): HttpResult<TaskDto> => ({
  status: 200,
  body: task,
  headers: { ETag: task.etag },
});

@Injectable()
export class TasksService {
  constructor(private readonly prisma: PrismaService) {}

  async get(
    engagementId: string,
    taskKey: string,
    principal: Principal,
  ): Promise<HttpResult<TaskDto>> {
    const engagement = await findEngagementInScope(this.prisma, engagementId, principal);
    const task = await findTask(this.prisma, engagementId, taskKey);
    return withEtag(await taskDto(this.prisma, task, engagement.status));
  }

  /** PATCH: If-Match is required. */
  update(
    engagementId: string,
    taskKey: string,
    input: UpdateTaskDto,
    ifMatch: string | undefined,
    principal: Principal,
    actor: Actor,
  ): Promise<HttpResult<TaskDto>> {
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
    const input: TaskChange = {
      status: 'DONE',
      strictStatus: true,
      ...(note !== undefined ? { note } : {}),
    };
    return this.change(engagementId, taskKey, input, ifMatch, principal, actor);
  }

  private async change(
    engagementId: string,
    taskKey: string,
    input: TaskChange,
    ifMatch: string | undefined,
    principal: Principal,
    actor: Actor,
  ): Promise<HttpResult<TaskDto>> {
    const precondition = parseIfMatch(ifMatch);
    await findEngagementInScope(this.prisma, engagementId, principal);
    const found = await findTask(this.prisma, engagementId, taskKey);
    if (principal.role === 'CUSTOMER' && !customerMayChangeTask(found.raci as unknown as Raci)) {
      throw new ForbiddenError(
        `Customers may change only tasks where CUSTOMER is responsible or accountable; ${taskKey} is not one`,
      );
    }
    if (precondition === undefined && input.requireIfMatch) {
      checkIfMatch(precondition, found.version, { name: 'the task', required: true });
    }
    return this.prisma.$transaction(
      async (tx) => {
        const { status: engagementStatus } = await lockEngagement(tx, engagementId);
        const task = await findTask(tx, engagementId, taskKey);
        checkIfMatch(precondition, task.version, { name: 'the task' });
        if (engagementStatus === 'CANCELLED') {
          throw new ConflictError('The engagement is cancelled; its tasks can no longer change', {
            engagementStatus,
          });
        }
        const after = await this.proposedFields(tx, task, input);
        const before = {
          status: task.status as string,
          dueDate: calendarDateOf(task.dueDate),
          assignee: task.assignee,
          note: task.note,
        };
        const changes = diffFields(before, after, ['status', 'dueDate', 'assignee', 'note']);
        if (Object.keys(changes).length === 0) {
          return withEtag(await taskDto(tx, task, engagementStatus));
        }

        // Optimistic concurrency: the row changes only if nobody changed it since it was read.
        const updated = await tx.task.updateMany({
          where: { id: task.id, version: task.version },
          data: {
            status: after.status as TaskStatus | undefined,
            dueDate: after.dueDate === undefined ? undefined : toDbDate(after.dueDate),
            assignee: after.assignee,
            note: after.note,
            version: { increment: 1 },
            updatedAt: new Date(),
          },
        });
        if (updated.count !== 1) {
          throw new PreconditionFailedError(
            'The task has changed since you read it; read it again and retry',
          );
        }
        await appendAuditEvent(tx, {
          actor,
          action: changes.status ? 'task.status_changed' : 'task.updated',
          engagementId,
          taskKey,
          changes,
          reason: input.reason ?? null,
        });
        await bumpEngagementVersion(tx, engagementId);
        const status = await syncEngagementStatus(tx, engagementId, engagementStatus, actor);
        return withEtag(await taskDto(tx, await findTask(tx, engagementId, taskKey), status));
      },
      // Many writers to one engagement queue on its row lock; give them time rather than fail.
      { maxWait: 15_000, timeout: 20_000 },
    );
  }

  /** The fields the request sets, after checking the status move and its dependencies. */
  private async proposedFields(
    tx: PrismaTx,
    task: Awaited<ReturnType<typeof findTask>>,
    input: TaskChange,
  ) {
    const after: {
      status?: string;
      dueDate?: string;
      assignee?: string | null;
      note?: string | null;
    } = {};
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
        const open = openDependencies(task.dependsOn, await siblingStates(tx, task.engagementId));
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
}

function siblingStates(db: PrismaTx, engagementId: string) {
  return db.task.findMany({ where: { engagementId }, select: { key: true, status: true } });
}

async function taskDto(db: PrismaTx, task: TaskRow, engagementStatus: string): Promise<TaskDto> {
  return toTaskDto(task, engagementStatus, await siblingStates(db, task.engagementId));
}

async function findTask(db: PrismaTx, engagementId: string, key: string) {
  const task = await db.task.findUnique({ where: { engagementId_key: { engagementId, key } } });
  if (!task) throw new NotFoundError('Task', key);
  return task;
}
