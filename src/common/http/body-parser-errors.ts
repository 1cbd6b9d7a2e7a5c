import type { NextFunction, Request, Response } from 'express';
import {
  DomainError,
  PayloadTooLargeError,
  RequestValidationError,
  UnsupportedMediaTypeError,
} from '../errors/domain-errors';
import { firstRepeatedMember } from './repeated-members';

/** The media types the JSON body parser reads. */
export const JSON_MEDIA_TYPES = ['application/json', 'application/*+json'];

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)/i;

/** Whether the request carries a body at all (a length above zero, or chunks). */
function hasBody(req: Request): boolean {
  return (
    req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0
  );
}

/**
 * Express middleware before the body parser: a body in another media type would be skipped by
 * the parser, and the request carried out as if it had none (200, nothing changed). 415 instead.
 */
export function requireJsonBodies(req: Request, _res: Response, next: NextFunction): void {
  if (!BODY_METHODS.has(req.method) || !hasBody(req)) return next();
  const given = req.headers['content-type'];
  if (req.is(JSON_MEDIA_TYPES)) {
    // JSON is UTF-8 (RFC 8259); the parser would decode UTF-16 and then fail as "not JSON".
    const charset = CHARSET.exec(given ?? '')?.[1].toLowerCase();
    if (charset === undefined || charset === 'utf-8' || charset === 'utf8') return next();
    return next(
      new UnsupportedMediaTypeError(
        `The request body charset ${charset} is not supported; send UTF-8`,
        { errors: [{ field: 'Content-Type', message: 'must have charset utf-8 if any' }] },
      ),
    );
  }
  next(
    new UnsupportedMediaTypeError(
      given
        ? `The request body is ${given.split(';')[0]}; send it as application/json`
        : 'The request body has no Content-Type; send it as application/json',
      { errors: [{ field: 'Content-Type', message: 'must be application/json' }] },
    ),
  );
}

/**
 * The JSON body parser's `verify`, on the bytes before they are parsed: a body whose object names
 * a member twice is refused (400) naming it, instead of JSON.parse quietly keeping the last.
 */
export function refuseRepeatedMembers(_req: Request, _res: Response, body: Buffer): void {
  const field = firstRepeatedMember(body);
  if (field === undefined) return;
  throw new RequestValidationError(`The request body gives ${field} more than once`, [
    { field, message: 'is given more than once; give it once' },
  ]);
}

/**
 * Express middleware placed right after the body parsers: turns their errors into domain errors
 * before Nest would reduce them to a bare 400 carrying the parser's internal message — or, for
 * errors it does not know by type (a gzip body that is not gzip), to a 500.
 */
export function translateBodyParserErrors(
  error: unknown,
  req: Request,
  _res: Response,
  next: NextFunction,
): void {
  // Refused by refuseRepeatedMembers (which the parser reports as a 403 "verify" failure).
  if (error instanceof DomainError) return next(error);
  const { type, status } = (error ?? {}) as { type?: unknown; status?: unknown };
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
      return next(
        new UnsupportedMediaTypeError(
          `Content-Encoding ${String(req.headers['content-encoding'])} is not supported; send identity, gzip, deflate or br`,
          { errors: [{ field: 'Content-Encoding', message: 'is not supported' }] },
        ),
      );
    case 'charset.unsupported':
      return next(
        new UnsupportedMediaTypeError('The request body charset is not supported; send UTF-8', {
          errors: [{ field: 'Content-Type', message: 'must have charset utf-8 if any' }],
        }),
      );
  }
  if (typeof status !== 'number' || status < 400 || status >= 500) return next(error);
  // What is left: a body that cannot be read as sent — not what its Content-Encoding says, or
  // shorter or longer than its Content-Length.
  const encoding = req.headers['content-encoding'];
  const problem =
    encoding && encoding !== 'identity'
      ? { field: 'Content-Encoding', message: `does not match the body (not valid ${encoding})` }
      : { field: 'body', message: 'could not be read as sent (does it match Content-Length?)' };
  next(new RequestValidationError(`The request body could not be read`, [problem]));
}
