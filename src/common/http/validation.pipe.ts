import { ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldProblem, RequestValidationError } from '../errors/domain-errors';
import { MAX_REPORTED_PROBLEMS } from './input-limits';

function childPath(parent: string, property: string): string {
  if (/^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent ? `${parent}.${property}` : property;
}

/** Flattens class-validator's tree into one entry per offending field, e.g. `contacts[0].email`. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = childPath(parent, error.property);
    // Checks that share a message (a page size's range) are one problem.
    const own = [...new Set(Object.values(error.constraints ?? {}))].map((message) => ({
      field,
      message: message.replace(/^property \S+ /, ''),
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** Rejects unknown properties, converts types, and reports every offending field by path. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
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
