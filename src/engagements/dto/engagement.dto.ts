import { ApiProperty } from '@nestjs/swagger';
import { TaskDto } from '../../tasks/dto/task.dto';
import { ENGAGEMENT_STATUSES, type EngagementStatus } from '../engagement-status';
import {
  CLOUD_PROVIDERS,
  type CloudProvider,
  SECURITY_TIERS,
  type SecurityTier,
} from '../template-snapshot';

export class ContactDto {
  /** One of the template's parties, e.g. `WSO2` or `CUSTOMER`. */
  party: string;
  name: string;
  email: string;
  /** The party's primary contact: named as "who" when the party is accountable. */
  primary: boolean;
}

export class ProgressDto {
  total: number;
  done: number;
  notApplicable: number;
  /** (done + notApplicable) / total, as a whole percentage rounded down. */
  percent: number;
}

export class NextDueTaskDto {
  key: string;
  title: string;
  /** YYYY-MM-DD; in the past when the task is already overdue. */
  dueDate: string;
}

export class EngagementSummaryDto {
  id: string;
  customerId: string;
  customerName: string;
  templateKey: string;
  templateVersion: number;
  name: string;
  @ApiProperty({ enum: CLOUD_PROVIDERS })
  cloudProvider: CloudProvider;
  @ApiProperty({ enum: SECURITY_TIERS })
  securityTier: SecurityTier;
  /** YYYY-MM-DD. */
  startDate: string;
  @ApiProperty({ enum: ENGAGEMENT_STATUSES })
  status: EngagementStatus;
  /** Why it was cancelled (CANCELLED only). */
  cancelReason: string | null;
  progress: ProgressDto;
  /** Tasks overdue today (UTC). */
  overdueCount: number;
  /**
   * The open task due first (by due date, then position), overdue or not; null when every task
   * is closed or the engagement is not ACTIVE.
   */
  @ApiProperty({ type: NextDueTaskDto, nullable: true })
  nextDueTask: NextDueTaskDto | null;
  /** ISO 8601 instant. */
  createdAt: string;
  /** ISO 8601 instant. */
  updatedAt: string;
}

export class EngagementDto extends EngagementSummaryDto {
  contacts: ContactDto[];
  /** Every task, by position. */
  tasks: TaskDto[];
  /** Raised with every change to the engagement or any of its tasks; the ETag is `"v<version>"`. */
  version: number;
  /** The value to send as If-Match to change this engagement only if nobody changed it since. */
  etag: string;
}

export class EngagementPageDto {
  items: EngagementSummaryDto[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}
