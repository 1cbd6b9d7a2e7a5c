import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';
import { IsCalendarDate } from '../../common/validation/is-calendar-date';
import { IsOmittable } from '../../common/validation/presence';
import {
  EscalationRecipientDto,
  NOTIFICATION_STATUSES,
  type NotificationStatusName,
} from './notification.dto';

/** What POST /escalations/run evaluates. */
export class EscalationRunRequestDto {
  /**
   * The evaluation date, `YYYY-MM-DD`; default today (UTC). A run that notifies may not look
   * ahead of today (it could not be taken back); a dry run may.
   * @example "2026-11-25"
   */
  @IsOmittable()
  @IsCalendarDate()
  asOf?: string;

  /** `true`: decide and report, but notify nobody and write nothing. Default false. */
  @IsOmittable()
  @IsBoolean()
  dryRun?: boolean;
}

export const ESCALATION_RUN_STATUSES = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED'] as const;
export type EscalationRunStatusName = (typeof ESCALATION_RUN_STATUSES)[number];

/** One notification a run created — or, in a dry run, would have created. */
export class EscalationRunNotificationDto {
  /** The notification's id; null in a dry run. */
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true })
  notificationId: string | null;
  engagementId: string;
  taskId: string;
  taskKey: string;
  /** The task's current escalation level (days overdue it has reached). */
  level: number;
  daysOverdue: number;
  /** RECORDED or PENDING (delivery by webhook); null in a dry run. */
  @ApiProperty({ enum: NOTIFICATION_STATUSES, nullable: true })
  status: NotificationStatusName | null;
  recipients: EscalationRecipientDto[];
}

/** An escalation run: a job started by POST /escalations/run, polled at its Location. */
export class EscalationRunDto {
  id: string;
  /** QUEUED, then RUNNING, then SUCCEEDED or FAILED. */
  @ApiProperty({ enum: ESCALATION_RUN_STATUSES })
  status: EscalationRunStatusName;
  /** The evaluation date (`YYYY-MM-DD`). */
  asOf: string;
  dryRun: boolean;
  /** Who started it (the key's or person's name). */
  requestedBy: string;
  /** ISO 8601 instants. */
  requestedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** The configured levels (days overdue). */
  levels: number[];
  /** Overdue open tasks looked at; null until the run finishes. */
  evaluated: number | null;
  /** Notifications created (or, dry, that would be); null until the run finishes. */
  notified: number | null;
  /** The first 1,000 of them. */
  notifications: EscalationRunNotificationDto[];
  /** Why it failed (FAILED only). */
  error: string | null;
}
