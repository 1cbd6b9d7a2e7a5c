import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldProblem, RequestValidationError, SignInRequestError } from '../errors/domain-errors';
import { MAX_REPORTED_PROBLEMS } from './input-limits';

const SIGN_IN_LINKS = new WeakSet<object>();

/**
 * Marks the query of an address people open in their browser to sign in (a link, the sign-in
 * page's button): its refusal is a SignInRequestError, which takes a browser back to the sign-in
 * page instead of showing it a problem document; other clients get the same 400 as ever.
 */
export function SignInLinkQuery(): ClassDecorator {
  return (target) => {
    SIGN_IN_LINKS.add(target);
  };
}

/** Nest's pipe, but a refused sign-in link is a sign-in refusal (see SignInLinkQuery). */
class AppValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      if (
        error instanceof RequestValidationError &&
        metadata.metatype !== undefined &&
        SIGN_IN_LINKS.has(metadata.metatype)
      ) {
        throw new SignInRequestError(error.message, error.errors);
      }
      throw error;
    }
  }
}

function childPath(parent: string, property: string): string {
  if (/^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent ? `${parent}.${property}` : property;
}

/** class-validator's checks of what kind of value a field holds (its other checks assume it). */
const TYPE_CHECKS = new Set([
  'isString',
  'isInt',
  'isNumber',
  'isBoolean',
  'isArray',
  'isObject',
  'isDate',
]);

/**
 * The messages worth reading for one field. A missing field is just required, and a value of the
 * wrong kind is just that: `{"name": null}` had said it must be a string, must not be empty and
 * must be at most 200 characters long, two of which cannot apply to null.
 */
function messagesOf(error: ValidationError): string[] {
  const constraints = error.constraints ?? {};
  if (Object.keys(constraints).length === 0) return [];
  if (error.value === undefined && !('whitelistValidation' in constraints)) {
    // Unless the member is one of two alternatives: then the message names the other too.
    return [constraints.isRequiredUnless ?? `${error.property} is required`];
  }
  // Not a list: what each of its items must be does not apply either.
  const typeChecks =
    'isArray' in constraints
      ? ['isArray']
      : Object.keys(constraints).filter((name) => TYPE_CHECKS.has(name));
  const shown =
    typeChecks.length > 0
      ? typeChecks.map((name) => constraints[name])
      : Object.values(constraints);
  // Checks that share a message (a page size's range) are one problem.
  return [...new Set(shown)].map((message) => message.replace(/^property \S+ /, ''));
}

/** Flattens class-validator's tree into one entry per offending field, e.g. `contacts[0].email`. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = childPath(parent, error.property);
    const own = messagesOf(error).map((message) => ({ field, message }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** Rejects unknown properties, converts types, and reports every offending field by path. */
export function createValidationPipe(): ValidationPipe {
  return new AppValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validateCustomDecorators: true,
    exceptionFactory: (errors) => validationError(flattenValidationErrors(errors)),
  });
}

/** The 400 for these problems: the first MAX_REPORTED_PROBLEMS of them, and how many more. */
export function validationError(problems: FieldProblem[]): RequestValidationError {
  const shown = problems.slice(0, MAX_REPORTED_PROBLEMS);
  const fields = [...new Set(shown.map((p) => p.field))];
  const more = problems.length - shown.length;
  return new RequestValidationError(
    `Invalid request: check ${fields.join(', ')}${more > 0 ? ` (and ${more} more problems)` : ''}`,
    shown,
  );
}
