import type { ValidationError } from '@nestjs/common';
import { flattenValidationErrors } from './validation.pipe';

const error = (
  property: string,
  constraints?: Record<string, string>,
  children: ValidationError[] = [],
): ValidationError => ({ property, constraints, children, value: 'given' });

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

  it('says a missing field is required, and a value of the wrong kind only that', () => {
    const missing = {
      ...error('name', {
        isString: 'name must be a string',
        isNotEmpty: 'name should not be empty',
      }),
      value: undefined,
    };
    const wrongKind = {
      ...error('name', { maxLength: 'name must be shorter', isString: 'name must be a string' }),
      value: null,
    };
    const notAList = {
      ...error('contacts', {
        isObject: 'each value in contacts must be an object',
        isArray: 'contacts must be an array',
      }),
      value: 'x',
    };
    const tooLong = {
      ...error('name', {
        maxLength: 'name must be shorter',
        isSingleLine: 'name must be one line',
      }),
      value: 'x'.repeat(300),
    };
    expect(flattenValidationErrors([missing, wrongKind, notAList, tooLong])).toEqual([
      { field: 'name', message: 'name is required' },
      { field: 'name', message: 'name must be a string' },
      { field: 'contacts', message: 'contacts must be an array' },
      { field: 'name', message: 'name must be shorter' },
      { field: 'name', message: 'name must be one line' },
    ]);
  });
});
