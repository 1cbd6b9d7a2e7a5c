import { IntersectionType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsNotEmpty,
  IsString,
  MaxLength,
  ValidateBy,
  ValidationArguments,
} from 'class-validator';
import { PageQueryDto } from '../../common/paging/page-query.dto';
import { OverdueReportQueryDto } from './overdue-report-query.dto';
import { IsOmittable } from '../../common/validation/presence';

/** One group at a time: a contact by email, or "no contact named", but not both. */
function NotWithContactEmail(): PropertyDecorator {
  return ValidateBy({
    name: 'notWithContactEmail',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) =>
        value !== true || (args?.object as { contactEmail?: unknown }).contactEmail === undefined,
      defaultMessage: () => 'cannot be combined with contactEmail',
    },
  });
}

/** The report's filters, narrowed to one accountable group, one page at a time. */
export class OverdueItemsQueryDto extends IntersectionType(OverdueReportQueryDto, PageQueryDto) {
  /**
   * Only tasks whose accountable party (`party` when given, else any) has this primary contact,
   * by exact email: the drill-down of one group of the summary.
   */
  @IsOmittable()
  @IsString()
  @IsNotEmpty()
  @MaxLength(320)
  contactEmail?: string;

  /**
   * `true`: only tasks whose accountable party (`party` when given, else any) has no primary
   * contact named — the drill-down of a summary group with `contact: null`.
   */
  @IsOmittable()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  @NotWithContactEmail()
  noContact?: boolean;
}
