import type { ValidationOptions } from 'class-validator';

/**
 * class-validator's own "email must be an email" reaches people in the web app's forms next to
 * the field; this says what is wanted. Use as `@IsEmail({}, EMAIL_ADDRESS)`.
 */
export const EMAIL_ADDRESS: ValidationOptions = {
  message: '$property must be an email address, such as name@example.com',
};
