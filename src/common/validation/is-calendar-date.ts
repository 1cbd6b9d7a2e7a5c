import { ValidateBy, ValidationOptions } from 'class-validator';
import { isCalendarDate } from '../domain/calendar-date';

/** A real calendar date in `YYYY-MM-DD` form. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value) => isCalendarDate(value),
        defaultMessage: () => 'must be a real date in YYYY-MM-DD form',
      },
    },
    options,
  );
}
