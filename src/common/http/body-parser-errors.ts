import type { NextFunction, Request, Response } from 'express';
import {
  PayloadTooLargeError,
  RequestValidationError,
  UnsupportedMediaTypeError,
} from '../errors/domain-errors';

/**
 * Express middleware placed right after the body parsers: turns their errors into domain errors
 * before Nest would reduce them to a bare 400 carrying the parser's internal message.
 */
export function translateBodyParserErrors(
  error: unknown,
  _req: Request,
  _res: Response,
  next: NextFunction,
): void {
  const type = (error as { type?: unknown })?.type;
  switch (type) {
    case 'entity.parse.failed':
      return next(
        new RequestValidationError('The request body is not valid JSON', [
          { field: 'body', message: 'is not valid JSON' },
        ]),
      );
    case 'entity.too.large':
      return next(
        new PayloadTooLargeError('The request body is larger than the 1 MiB limit', {
          errors: [{ field: 'body', message: 'exceeds 1 MiB' }],
        }),
      );
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return next(new UnsupportedMediaTypeError('The request body encoding is not supported'));
    default:
      return next(error);
  }
}
