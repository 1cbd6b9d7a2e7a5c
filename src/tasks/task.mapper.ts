import { calendarDateOf, todayUtc } from '../common/domain/calendar-date';
import { formatEtag } from '../common/http/etag';
import type { ChecklistItem, Raci } from '../engagements/template-snapshot';
import { daysOverdue, isOverdue } from '../reports/overdue-rules';
import { assigneePerson, NO_PEOPLE, type AssigneePeople } from '../users/assignee-people';
import type { TaskDto } from './dto/task.dto';
import { openDependencies, type DependencyState } from './task-dependencies';
import { movesFrom, type TaskStatus } from './task-status';

/** A task row as Prisma returns it (only the fields the API shows). */
export interface TaskRow {
  engagementId: string;
  key: string;
  position: number;
  title: string;
  status: TaskStatus;
  dueDate: Date;
  assignee: string | null;
  note: string | null;
  statusReason: string | null;
  checklist: unknown;
  raci: unknown;
  dependsOn: string[];
  version: number;
  updatedAt: Date;
}

/**
 * The task as the API shows it. `siblings` are the engagement's tasks (this one included), for
 * the dependencies still open; `people` those assignees name by user id (see findAssigneePeople).
 */
export function toTaskDto(
  row: TaskRow,
  engagementStatus: string,
  siblings: readonly DependencyState[],
  people: AssigneePeople = NO_PEOPLE,
  today = todayUtc(),
): TaskDto {
  const dueDate = calendarDateOf(row.dueDate);
  const overdue = isOverdue({ engagementStatus, taskStatus: row.status, dueDate }, today);
  return {
    engagementId: row.engagementId,
    key: row.key,
    position: row.position,
    title: row.title,
    status: row.status,
    dueDate,
    overdue,
    daysOverdue: overdue ? daysOverdue(dueDate, today) : 0,
    assignee: row.assignee,
    assigneeUser: assigneePerson(people, row.assignee),
    note: row.note,
    statusReason: row.statusReason,
    checklist: row.checklist as ChecklistItem[],
    raci: row.raci as Raci,
    dependsOn: row.dependsOn,
    openDependencies: openDependencies(row.dependsOn, siblings),
    allowedMoves: engagementStatus === 'CANCELLED' ? [] : movesFrom(row.status),
    version: row.version,
    etag: formatEtag(row.version),
    updatedAt: row.updatedAt.toISOString(),
  };
}
