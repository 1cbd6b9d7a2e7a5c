import type { ValidationError } from '@nestjs/common';
import { flattenValidationErrors } from './validation.pipe';

const error = (
  property: string,
  constraints?: Record<string, string>,
  children: ValidationError[] = [],
): ValidationError => ({ property, constraints, children });

describe('flattenValidationErrors', () => {
  it('names nested and array fields by path', () => {
    const errors = [
      error('name', { isString: 'name must be a string' }),
      error('contacts', undefined, [
        error('0', undefined, [error('email', { isEmail: 'email must be an email address' })]),
      ]),
      error('colour', { whitelistValidation: 'property colour should not exist' }),
    ];
    expect(flattenValidationErrors(errors)).toEqual([
      { field: 'name', message: 'name must be a string' },
      { field: 'contacts[0].email', message: 'email must be an email address' },
      { field: 'colour', message: 'should not exist' },
    ]);
  });
});
