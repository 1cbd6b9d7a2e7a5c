import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateBy } from 'class-validator';
import { isCalendarDate } from '../../common/domain/calendar-date';

// Any UUID PostgreSQL would store, whatever its version nibble.
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A real calendar date in `YYYY-MM-DD` form. */
function IsCalendarDateString(): PropertyDecorator {
  return ValidateBy({
    name: 'isCalendarDate',
    validator: {
      validate: (value) => isCalendarDate(value),
      defaultMessage: () => 'must be a calendar date in YYYY-MM-DD form',
    },
  });
}

export class OverdueReportQueryDto {
  /** The day to judge lateness on (`YYYY-MM-DD`, UTC). Defaults to today. Due on this day is not overdue. */
  @IsOptional()
  @IsCalendarDateString()
  asOf?: string;

  /**
   * Only this customer's engagements. A CUSTOMER key always sees only its own customer: asking
   * for another customer's id gives an empty report, just as an unknown id does.
   */
  @IsOptional()
  @Matches(UUID_PATTERN, { message: 'must be a UUID' })
  customerId?: string;

  /** Only tasks where this party (e.g. `WSO2`, `CUSTOMER`) is accountable, jointly or alone. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  party?: string;

  /** Only engagements created from this template, e.g. `customer-self-managed`. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  templateKey?: string;
}
