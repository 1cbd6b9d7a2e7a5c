import { PipeTransform } from '@nestjs/common';
import { RequestValidationError } from '../../common/errors/domain-errors';
import { MAX_INT32 } from '../../common/validation/int32';

/**
 * A version number path parameter: plain digits up to 2147483647 (0 is simply no version: 404);
 * anything else is a 400 naming the parameter. A larger number would overflow the database's
 * integer.
 */
export const versionParam = (name: string): PipeTransform<string, number> => ({
  transform(value: string): number {
    const version = /^\d{1,10}$/.test(value) ? Number(value) : NaN;
    if (version <= MAX_INT32) return version;
    throw new RequestValidationError(`Invalid request: check ${name}`, [
      { field: name, message: `must be a whole number up to ${MAX_INT32}` },
    ]);
  },
});
