import type { ValidationArguments, ValidationOptions } from 'class-validator';

/** The longest part before @ an address may have (RFC 5321, and the validator's limit, in bytes). */
const LOCAL_PART_MAX = 64;

/**
 * class-validator's own "email must be an email" reaches people in the web app's forms next to
 * the field; this says what is wanted, and why when the address looks right but its part before
 * @ is too long (it was refused with only "such as name@example.com", which it already was).
 * Use as `@IsEmail({}, EMAIL_ADDRESS)`.
 */
export const EMAIL_ADDRESS: ValidationOptions = {
  message: ({ value }: ValidationArguments) => {
    const at = typeof value === 'string' ? value.lastIndexOf('@') : -1;
    const local = at > 0 ? (value as string).slice(0, at) : '';
    if (Buffer.byteLength(local) > LOCAL_PART_MAX) {
      return `$property must be an email address whose part before @ has at most ${LOCAL_PART_MAX} characters (this one has ${[...local].length})`;
    }
    return '$property must be an email address, such as name@example.com';
  },
};
