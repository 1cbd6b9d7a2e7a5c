import { ValidateIf } from 'class-validator';

/**
 * The member may be left out. Unlike class-validator's IsOptional, null is not "left out": it is
 * checked like any other value, so `{"name": null}` is a 400 naming `name` rather than a null
 * that reaches the database. (ESLint forbids IsOptional for this reason.)
 */
export function IsOmittable(): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined);
}

/**
 * The member may be left out or be null: only for members documented as nullable (`T | null`),
 * where null means something (e.g. "clear the note").
 */
export function IsOmittableOrNull(): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined && value !== null);
}
