import { ApiProperty } from '@nestjs/swagger';

/** A named person: an engagement's primary contact for a party. */
export class ContactRefDto {
  name: string;
  email: string;
}

export class RaciAssigneeDto {
  /** The party, e.g. `WSO2` or `CUSTOMER`. */
  party: string;
  /** True when the party takes this role only "if required". */
  ifRequired: boolean;
  /** The party's primary contact in the engagement; null when none is named. */
  @ApiProperty({ type: ContactRefDto, nullable: true })
  contact: ContactRefDto | null;
}

export class AccountableSummaryDto {
  /** The accountable party. */
  party: string;
  /**
   * The party's primary contact in the engagements counted here. Null means the party has NO
   * named primary contact in those engagements: nobody by name owns these overdue tasks.
   */
  @ApiProperty({ type: ContactRefDto, nullable: true })
  contact: ContactRefDto | null;
  /** Overdue tasks this party and person are accountable for (a joint task counts for each party). */
  count: number;
  /** The most days any of these tasks is overdue. */
  maxDaysOverdue: number;
}

export class OverdueItemDto {
  engagementId: string;
  engagementName: string;
  customerId: string;
  customerName: string;
  taskKey: string;
  title: string;
  /** The task's status (an open one: NOT_STARTED, IN_PROGRESS or BLOCKED). */
  status: string;
  /** `YYYY-MM-DD`. */
  dueDate: string;
  /** asOf minus dueDate, at least 1. */
  daysOverdue: number;
  /** Who is accountable: each party with its primary contact (null when none is named). */
  accountable: RaciAssigneeDto[];
  /** Who is responsible for doing the work, with primary contacts. */
  responsible: RaciAssigneeDto[];
}

export class OverdueReportDto {
  /** The day lateness was judged on (`YYYY-MM-DD`). */
  asOf: string;
  /** Number of overdue tasks (items). */
  totalOverdue: number;
  /** Overdue tasks grouped by accountable party and person, largest group first. */
  byAccountable: AccountableSummaryDto[];
  /** Overdue tasks, most days overdue first, then customer name, then task position. */
  items: OverdueItemDto[];
}
