import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate } from '../../common/validation/is-calendar-date';
import { ChecklistItemDto, RaciDto } from '../../templates/dto/template-task.dto';
import { TASK_STATUSES, type TaskStatus } from '../task-status';
import { IsOmittable, IsOmittableOrNull } from '../../common/validation/presence';
import { trim } from '../../common/validation/transforms';
import { IsSingleLine, IsMultiLine } from '../../common/validation/text-lines';

export class TaskMoveDto {
  @ApiProperty({ enum: TASK_STATUSES })
  status: TaskStatus;
  /** The move must be explained: send `reason` with it. */
  reasonRequired: boolean;
}

/** A person a task is assigned to by user id. */
export class AssigneeUserDto {
  /** Null until they accept their invitation and give their name. */
  name: string | null;
  email: string;
}

export class TaskDto {
  engagementId: string;
  /** Stable key from the template, e.g. `subscription-prerequisites`. */
  key: string;
  position: number;
  title: string;
  @ApiProperty({ enum: TASK_STATUSES })
  status: TaskStatus;
  /** YYYY-MM-DD. */
  dueDate: string;
  /** Overdue today (UTC): engagement ACTIVE, task open, due before today. */
  overdue: boolean;
  /** Days late today (UTC) when overdue, as the overdue report counts them; 0 otherwise. */
  daysOverdue: number;
  /** Who works on it: free text or a user id (see `assigneeUser`). */
  assignee: string | null;
  /**
   * The person `assignee` names when it is a user id — one of WSO2's people or of this customer's;
   * null for free text, or for anyone else.
   */
  @ApiProperty({ type: AssigneeUserDto, nullable: true })
  assigneeUser: AssigneeUserDto | null;
  note: string | null;
  /**
   * The reason given with the current status — why it is blocked, not applicable or reopened;
   * null when none was given.
   */
  statusReason: string | null;
  /** The template's checklist, filtered by the engagement's security tier. */
  checklist: ChecklistItemDto[];
  raci: RaciDto;
  /** Keys of the tasks that must be DONE or NOT_APPLICABLE before this one can be DONE. */
  dependsOn: string[];
  /** The tasks of `dependsOn` still open, in `dependsOn` order: while any is, DONE is refused. */
  openDependencies: string[];
  /**
   * The statuses the task may move to now (the status machine), each saying whether a reason is
   * needed; empty when the engagement is cancelled. DONE is listed even while dependencies are
   * open: `openDependencies` tells whether it would be refused.
   */
  allowedMoves: TaskMoveDto[];
  /** Increases with every change; the ETag is `"v<version>"`. */
  version: number;
  /** The value to send as If-Match to change this task. */
  etag: string;
  /** ISO 8601 instant of the last change. */
  updatedAt: string;
}

export class UpdateTaskDto {
  /** The new status; the move must be allowed by the status machine. */
  @IsOmittable()
  @ApiProperty({ enum: TASK_STATUSES, required: false })
  @IsIn(TASK_STATUSES)
  status?: TaskStatus;

  /**
   * Why: required when blocking, declaring not applicable, or reopening a DONE task.
   * @example "Waiting for the customer's VPN"
   */
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @IsMultiLine()
  @IsNotEmpty()
  @MaxLength(2000)
  reason?: string;

  /**
   * New due date, YYYY-MM-DD.
   * @example "2026-03-16"
   */
  @IsOmittable()
  @IsCalendarDate()
  dueDate?: string;

  /**
   * Move the open tasks that wait for this one along with a later `dueDate`. A task must not be
   * due before a task it waits for (directly, or through another that moves): a later due date
   * that would leave any open one so is refused (422 naming `dueDate`, listing them in
   * `dependentMoves` with where they would move) unless this is true. Then each of them moves by
   * as many days as this task, in the same change, each with its own audit event saying why:
   * the same number of days keeps the time the plan gave it after what it waits for. A task
   * already due on or after the new date keeps its date; done and not applicable tasks never move.
   * A customer may move only tasks whose due date it could change itself (403 naming `dueDate`
   * otherwise). An earlier date, or one that leaves no open task due before it, needs nothing.
   * @example true
   */
  @IsOmittable()
  @IsBoolean()
  moveDependents?: boolean;

  /**
   * Who works on it: a user id (see GET /api/v1/users) or free text, e.g. an email; null clears it.
   * @example "jane.doe@example.com"
   */
  @IsOmittableOrNull()
  @Transform(trim)
  @IsString()
  @IsSingleLine()
  @MaxLength(200)
  assignee?: string | null;

  /**
   * A note on the task; null clears it.
   * @example "Kick-off call booked for Monday"
   */
  @IsOmittableOrNull()
  @IsString()
  @IsMultiLine()
  @MaxLength(4000)
  note?: string | null;
}

export class CompleteTaskDto {
  /**
   * A note recorded with the task as it is marked DONE.
   * @example "Clusters provisioned and handed over"
   */
  @IsOmittable()
  @IsString()
  @IsMultiLine()
  @MaxLength(4000)
  note?: string;
}
