import { Transform } from 'class-transformer';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsUUID } from 'class-validator';
import { PageQueryDto } from '../../common/paging/page-query.dto';
import { IsOmittable } from '../../common/validation/presence';
import { lowerCase } from '../../common/validation/transforms';

export const NOTIFICATION_STATUSES = ['PENDING', 'SENT', 'DEAD', 'RECORDED'] as const;
export type NotificationStatusName = (typeof NOTIFICATION_STATUSES)[number];

export class EscalationContactDto {
  name: string;
  email: string;
}

export class EscalationRecipientDto {
  /** The RACI party, e.g. `WSO2` or `Customer`. */
  party: string;
  /** Why the party is told: accountable for the task, informed of it, or both. */
  @ApiProperty({ enum: ['accountable', 'informed'], isArray: true })
  roles: ('accountable' | 'informed')[];
  /** The engagement's primary contact for the party; null when none is named. */
  contact: EscalationContactDto | null;
  /** True when the party has no primary contact: nobody can be told until one is named. */
  contactMissing: boolean;
}

export class NotificationQueryDto extends PageQueryDto {
  /** Only this engagement's notifications (404 when it does not exist or is not visible to the key). */
  @IsOmittable()
  @Transform(lowerCase)
  @IsUUID()
  engagementId?: string;

  @ApiProperty({ enum: NOTIFICATION_STATUSES, required: false })
  @IsOmittable()
  @IsIn(NOTIFICATION_STATUSES)
  status?: NotificationStatusName;
}

export class NotificationDto {
  /** Also the webhook's `X-Delivery-Id`. */
  id: string;
  engagementId: string;
  taskId: string;
  taskKey: string;
  /** The task's title as it is now. */
  taskTitle: string;
  /** The engagement's name as it is now. */
  engagementName: string;
  /** The customer's name as it is now. */
  customerName: string;
  /**
   * YYYY-MM-DD: the task's due date this notification was about. A task re-dated and late again
   * is told again about its new date; the notifications about the old one stay.
   */
  dueDate: string;
  /** The escalation level, in days overdue. */
  level: number;
  daysOverdue: number;
  @ApiProperty({ enum: NOTIFICATION_STATUSES })
  status: NotificationStatusName;
  recipients: EscalationRecipientDto[];
  /** Delivery attempts made so far. */
  attempts: number;
  /** When the next delivery attempt is due (PENDING only). */
  nextAttemptAt: Date;
  /** Why the last attempt failed, if it did. */
  lastError: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

export class NotificationPageDto {
  /** Newest first. */
  items: NotificationDto[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}
