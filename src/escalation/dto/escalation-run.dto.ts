import { ApiProperty } from '@nestjs/swagger';
import { IsCalendarDate } from '../../common/validation/is-calendar-date';
import {
  EscalationRecipientDto,
  NOTIFICATION_STATUSES,
  type NotificationStatusName,
} from './notification.dto';
import { IsOmittable } from '../../common/validation/presence';

/** Evaluate "as of" another day than today (UTC): for testing and operations. */
export class EscalationRunDto {
  /** The evaluation date, `YYYY-MM-DD`; default today (UTC). */
  @IsOmittable()
  @IsCalendarDate()
  asOf?: string;
}

export class CreatedNotificationDto {
  notificationId: string;
  engagementId: string;
  taskId: string;
  taskKey: string;
  /** The escalation level reached, in days overdue. */
  level: number;
  daysOverdue: number;
  @ApiProperty({ enum: NOTIFICATION_STATUSES })
  status: NotificationStatusName;
  recipients: EscalationRecipientDto[];
}

export class EscalationRunResultDto {
  asOf: string;
  /** The configured levels (days overdue). */
  levels: number[];
  /** Overdue open tasks evaluated. */
  evaluated: number;
  /** Notifications created by this run (levels notified before are not repeated). */
  created: CreatedNotificationDto[];
}
