import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { ValidateBy } from 'class-validator';
import { EARLIEST_DATE, isDateInRange, LATEST_DATE } from '../domain/calendar-date';

export const DATE_MESSAGE = `must be a real date from ${EARLIEST_DATE} to ${LATEST_DATE} as YYYY-MM-DD`;

/**
 * A real calendar date in `YYYY-MM-DD` form within the accepted range (so a due date computed
 * from it cannot leave the range JavaScript and PostgreSQL share). Documented as format: date.
 */
export function IsCalendarDate(): PropertyDecorator {
  return applyDecorators(
    ValidateBy({
      name: 'isCalendarDate',
      validator: { validate: (value) => isDateInRange(value), defaultMessage: () => DATE_MESSAGE },
    }),
    ApiProperty({ type: 'string', format: 'date' }),
  );
}
