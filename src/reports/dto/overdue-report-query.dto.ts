import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { UUID_PATTERN } from '../../common/domain/uuid';
import { IsCalendarDate } from '../../common/validation/is-calendar-date';
import { IsOmittable } from '../../common/validation/presence';
import { upperCase } from '../../common/validation/transforms';
import { PARTY_PATTERN } from '../../templates/domain/template-definition';

export class OverdueReportQueryDto {
  /** The day to judge lateness on (`YYYY-MM-DD`, UTC). Defaults to today. Due on this day is not overdue. */
  @IsOmittable()
  @IsCalendarDate()
  asOf?: string;

  /**
   * Only this customer's engagements. A CUSTOMER key always sees only its own customer: asking
   * for another customer's id gives an empty report, just as an unknown id does.
   */
  @IsOmittable()
  @Matches(UUID_PATTERN, { message: 'must be a UUID' })
  customerId?: string;

  /**
   * Only tasks where this party (e.g. `WSO2`, `CUSTOMER`; any case) is accountable, jointly or
   * alone. Text that cannot name a party (`wso 2`) is refused rather than answered "nothing is
   * late".
   */
  @IsOmittable()
  @Transform(upperCase)
  @IsString()
  @MaxLength(100)
  @Matches(PARTY_PATTERN, { message: 'must be a party name such as WSO2 or CUSTOMER' })
  party?: string;

  /** Only engagements created from this template, e.g. `customer-self-managed`. */
  @IsOmittable()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  templateKey?: string;
}
