import { ParseIntPipe } from '@nestjs/common';
import { RequestValidationError } from '../../common/errors/domain-errors';

/** A version number path parameter; anything but a whole number is a 400 naming the parameter. */
export const versionParam = (name: string) =>
  new ParseIntPipe({
    exceptionFactory: () =>
      new RequestValidationError(`Invalid request: check ${name}`, [
        { field: name, message: 'must be a whole number' },
      ]),
  });
