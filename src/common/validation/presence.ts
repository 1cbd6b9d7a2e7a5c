import { registerDecorator, ValidateIf, type ValidationArguments } from 'class-validator';

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

/**
 * The member may not be given together with `other`: the two are alternatives (one names an
 * existing thing, the other describes a new one), and a request with both is ambiguous.
 */
export function IsNotGivenWith(other: string): PropertyDecorator {
  return (target, propertyName) => {
    registerDecorator({
      name: 'isNotGivenWith',
      target: target.constructor,
      propertyName: String(propertyName),
      constraints: [other],
      options: { message: `$property cannot be given together with ${other}: give one of them` },
      validator: {
        validate: (_value: unknown, args: ValidationArguments) =>
          (args.object as Record<string, unknown>)[other] === undefined,
      },
    });
  };
}

/**
 * The member is required unless `other` is given instead (IsNotGivenWith's counterpart, on the
 * member that is checked when neither is given): a request without either hears of both.
 */
export function IsRequiredUnless(other: string): PropertyDecorator {
  return (target, propertyName) => {
    registerDecorator({
      name: 'isRequiredUnless',
      target: target.constructor,
      propertyName: String(propertyName),
      constraints: [other],
      options: { message: `$property is required, or ${other} instead` },
      validator: { validate: (value: unknown) => value !== undefined },
    });
  };
}
