import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  Inject,
  NotFoundException,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { STATUS_CODES } from 'node:http';
import type { Logger } from 'pino';
import { allowedMethods } from '../http/method-not-allowed';
import { ROOT_LOGGER } from '../logging/root-logger';
import { noteOnRequestLine } from '../logging/request-log';
import { Prisma } from '../../generated/prisma/client';
import {
  BusinessRuleError,
  DomainError,
  FieldProblem,
  MethodNotAllowedError,
  RequestValidationError,
  SignInError,
  SignInRequestError,
  TooManyRequestsError,
} from './domain-errors';
import { isDatabaseUnavailable } from './database-unavailable';
import { Problem, PROBLEM_CONTENT_TYPE, problemType } from './problem';

/** How long a client should wait before trying again while the database is unreachable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

const STATUS_BY_KIND: Record<string, number> = {
  'business-rule-violation': 422,
  'validation-error': 400,
  'not-found': 404,
  conflict: 409,
  'method-not-allowed': 405,
  'precondition-failed': 412,
  'precondition-required': 428,
  'idempotency-key-reused': 422,
  unauthenticated: 401,
  forbidden: 403,
  'too-many-requests': 429,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  'sign-in-failed': 400,
  'sign-in-refused': 403,
  'sign-in-unavailable': 503,
  'sign-in-not-configured': 404,
};

interface Mapped {
  status: number;
  kind: string;
  detail: string;
  errors?: FieldProblem[];
  extensions?: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** Names the constraint of a driver-adapter error: fields when known, else the index name. */
function constraintFields(error: Prisma.PrismaClientKnownRequestError): string[] {
  const adapterError = (error.meta?.driverAdapterError as { cause?: { constraint?: unknown } })
    ?.cause;
  const constraint = adapterError?.constraint as { fields?: string[]; index?: string } | undefined;
  if (constraint?.fields?.length) return constraint.fields;
  if (constraint?.index) return [constraint.index];
  const target = error.meta?.target;
  return Array.isArray(target) ? target.map(String) : [];
}

/**
 * Unique indexes a client can run into by racing another request (the services check first, so
 * only a race reaches the index): the answer names the API field and says what the services'
 * own check says, never the index.
 */
const UNIQUE_INDEXES: Record<string, { detail: string; field: string; message: string }> = {
  customer_name_lower_key: {
    detail: 'A customer with this name already exists',
    field: 'name',
    message: 'must be unique (case-insensitive)',
  },
  app_user_email_key: {
    detail: 'A user with this email already exists',
    field: 'email',
    message: 'already has an account',
  },
};

/** Prisma's known errors, mapped in this one place rather than at each call site. */
function mapPrismaError(error: Prisma.PrismaClientKnownRequestError): Mapped | undefined {
  switch (error.code) {
    case 'P2002': {
      const fields = constraintFields(error);
      const known = fields.length === 1 ? UNIQUE_INDEXES[fields[0]] : undefined;
      if (known) {
        return {
          status: 409,
          kind: 'conflict',
          detail: known.detail,
          errors: [{ field: known.field, message: known.message }],
        };
      }
      return {
        status: 409,
        kind: 'conflict',
        detail: `A record with the same ${fields.join(', ') || 'unique value'} already exists`,
        errors: fields.map((field) => ({ field, message: 'must be unique' })),
      };
    }
    case 'P2025':
    case 'P2001':
      return { status: 404, kind: 'not-found', detail: 'The requested record was not found' };
    case 'P2003': {
      const fields = constraintFields(error);
      return {
        status: 422,
        kind: 'business-rule-violation',
        detail: `A referenced record does not exist${fields.length ? ` (${fields.join(', ')})` : ''}`,
        errors: fields.map((field) => ({
          field,
          message: 'refers to a record that does not exist',
        })),
      };
    }
    default:
      return undefined;
  }
}

function mapHttpException(error: HttpException): Mapped {
  const status = error.getStatus();
  const response = error.getResponse();
  const message =
    typeof response === 'string' ? response : (response as { message?: unknown }).message;
  const detail = Array.isArray(message) ? message.join('; ') : String(message ?? error.message);
  const headers: Record<string, string> = {};
  const retryAfter = (error as { retryAfterSeconds?: number }).retryAfterSeconds;
  if (retryAfter !== undefined) headers['Retry-After'] = String(retryAfter);
  return {
    status,
    kind: (STATUS_CODES[status] ?? 'error').toLowerCase().replace(/[^a-z]+/g, '-'),
    detail: status >= 500 && status !== 503 ? 'An unexpected error occurred' : detail,
    headers,
  };
}

export function mapError(error: unknown): Mapped {
  if (error instanceof DomainError) {
    const mapped: Mapped = {
      status: STATUS_BY_KIND[error.kind] ?? 500,
      kind: error.kind,
      detail: error.message,
      extensions: error.extensions,
    };
    if (
      error instanceof BusinessRuleError ||
      error instanceof RequestValidationError ||
      error instanceof SignInRequestError
    ) {
      if (error.errors.length) mapped.errors = error.errors;
    }
    if (error instanceof MethodNotAllowedError) {
      mapped.headers = { Allow: error.allow.join(', ') };
    }
    if (error instanceof TooManyRequestsError) {
      mapped.headers = { 'Retry-After': String(error.retryAfterSeconds) };
    }
    return mapped;
  }
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    const mapped = mapPrismaError(error);
    if (mapped) return mapped;
  }
  if (error instanceof HttpException) return mapHttpException(error);
  if (isDatabaseUnavailable(error)) {
    return {
      status: 503,
      kind: 'database-unavailable',
      detail: 'The database is not reachable right now; try again shortly',
      headers: { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) },
    };
  }
  return { status: 500, kind: 'internal-error', detail: 'An unexpected error occurred' };
}

/** A browser navigating (Accept: text/html first), rather than a client that reads JSON. */
function prefersHtml(request: Request): boolean {
  return (
    request.accepts(['application/json', 'application/problem+json', 'text/html']) === 'text/html'
  );
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const firstLine = error.message.trim().split('\n').pop() ?? '';
    return [typeof code === 'string' ? code : error.name, firstLine].filter(Boolean).join(': ');
  }
  return String(error);
}

/**
 * The one place that turns errors into responses: every 4xx/5xx leaves as application/problem+json
 * without stack traces, SQL or internal messages.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(@Inject(ROOT_LOGGER) private readonly logger: Logger) {}

  catch(caught: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: string }>();
    const response = http.getResponse<Response>();
    let error = caught;
    // Nest answers a request no route handled with NotFoundException (services raise NotFoundError):
    // on a path that is a resource, the method is what is wrong.
    if (error instanceof NotFoundException) {
      const allow = allowedMethods(request.app, request.method, request.path);
      if (allow && request.method === 'OPTIONS' && !response.headersSent) {
        response.setHeader('Allow', allow.join(', '));
        response.status(204).end();
        return;
      }
      if (allow) {
        error = new MethodNotAllowedError(
          `${request.method} is not allowed on ${request.path}; allowed: ${allow.join(', ')}`,
          allow,
        );
      }
    }
    const mapped = mapError(error);
    const requestId = request.id === undefined ? undefined : String(request.id);
    // The request id is named here: an error raised before routing (in a body parser) is logged
    // outside the request's logging context.
    if (mapped.status === 503) {
      // Expected during an outage and on every readiness probe: one line, not a stack per request
      // — the request's own line where it has one, so an outage is one warning per request.
      const reason = `${mapped.detail} (${describe(error)})`;
      if (!noteOnRequestLine(response, reason)) this.logger.warn({ requestId }, reason);
    } else if (mapped.status >= 500) {
      this.logger.error({ err: error, requestId }, 'Unhandled error');
    }
    if (error instanceof SignInError && prefersHtml(request) && !response.headersSent) {
      // People signing in are in a browser: back to the sign-in page, which explains the code
      // and keeps the page they were opening for their next attempt.
      const query = new URLSearchParams({ error: error.code });
      if (error.returnTo !== undefined) query.set('returnTo', error.returnTo);
      response.setHeader('Cache-Control', 'no-store');
      response.redirect(302, `/login?${query}`);
      return;
    }
    const problem: Problem = {
      ...(mapped.extensions ?? {}),
      type: problemType(mapped.kind),
      title: STATUS_CODES[mapped.status] ?? 'Error',
      status: mapped.status,
      detail: mapped.detail,
      instance: request.originalUrl ?? request.url,
      ...(requestId ? { requestId } : {}),
      ...(mapped.errors ? { errors: mapped.errors } : {}),
    };
    if (response.headersSent) return;
    for (const [name, value] of Object.entries(mapped.headers ?? {}))
      response.setHeader(name, value);
    response.status(mapped.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }
}
