import { ApiProperty } from '@nestjs/swagger';
import { AccountableSummaryDto, OverdueItemDto } from './overdue-report.dto';

/** Overdue tasks by how many days late they are. */
export class AgeBandCountsDto {
  @ApiProperty({ description: '1 to 7 days overdue.' })
  '1-7': number;
  @ApiProperty({ description: '8 to 14 days overdue.' })
  '8-14': number;
  @ApiProperty({ description: '15 to 30 days overdue.' })
  '15-30': number;
  @ApiProperty({ description: '31 days overdue or more.' })
  '31+': number;
}

export class OverdueGroupDto extends AccountableSummaryDto {
  /** This group's tasks by days overdue. */
  bands: AgeBandCountsDto;
}

export class OverdueSummaryDto {
  /** The day lateness was judged on (`YYYY-MM-DD`). */
  asOf: string;
  /** Number of overdue tasks (each counted once, however many parties are accountable). */
  totalOverdue: number;
  /**
   * Overdue tasks by accountable party and that party's primary contact, largest group first
   * (the report's `byAccountable`, with age bands). `contact: null` is the party's "no contact
   * named" group. A jointly accountable task counts in each of its parties' groups.
   */
  groups: OverdueGroupDto[];
  /** All overdue tasks by days overdue; the bands add up to totalOverdue. */
  bands: AgeBandCountsDto;
}

export class OverdueItemPageDto {
  /** Overdue tasks in report order: most days overdue first, then customer, then task position. */
  items: OverdueItemDto[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}
