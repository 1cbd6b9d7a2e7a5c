import { todayUtc, type CalendarDate } from '../common/domain/calendar-date';
import { formatEtag } from '../common/http/etag';
import { toTaskDto, type TaskRow } from '../tasks/task.mapper';
import { NO_PEOPLE, type AssigneePeople } from '../users/assignee-people';
import type { ContactInput } from './contact-rules';
import { compareContacts } from './contacts';
import type { EngagementDto } from './dto/engagement.dto';
import { nextDueTask, progressOf, type EngagementStatus } from './engagement-status';
import type { CloudProvider, SecurityTier } from './template-snapshot';

/** An engagement's own fields, as stored. */
export interface EngagementRecord {
  id: string;
  customerId: string;
  templateKey: string;
  templateVersion: number;
  name: string;
  cloudProvider: CloudProvider;
  securityTier: SecurityTier;
  startDate: CalendarDate;
  status: EngagementStatus;
  cancelReason: string | null;
  /** Raised with every change to the engagement or its tasks: the ETag's version. */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** The whole engagement as the API shows it: contacts, progress and every task by position. */
export function toEngagementDto(
  engagement: EngagementRecord,
  customerName: string,
  contacts: readonly ContactInput[],
  taskRows: readonly TaskRow[],
  people: AssigneePeople = NO_PEOPLE,
  today = todayUtc(),
): EngagementDto {
  const rows = [...taskRows].sort((a, b) => a.position - b.position);
  const tasks = rows.map((task) => toTaskDto(task, engagement.status, rows, people, today));
  return {
    id: engagement.id,
    customerId: engagement.customerId,
    customerName,
    templateKey: engagement.templateKey,
    templateVersion: engagement.templateVersion,
    name: engagement.name,
    cloudProvider: engagement.cloudProvider,
    securityTier: engagement.securityTier,
    startDate: engagement.startDate,
    status: engagement.status,
    cancelReason: engagement.cancelReason,
    progress: progressOf(rows.map((task) => task.status)),
    overdueCount: tasks.filter((task) => task.overdue).length,
    nextDueTask: nextDueTask(engagement.status, tasks),
    createdAt: engagement.createdAt.toISOString(),
    updatedAt: engagement.updatedAt.toISOString(),
    contacts: [...contacts]
      .sort(compareContacts)
      .map(({ party, name, email, primary }) => ({ party, name, email, primary })),
    tasks,
    version: engagement.version,
    etag: formatEtag(engagement.version),
  };
}
