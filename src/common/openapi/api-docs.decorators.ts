import { ApiExtension } from '@nestjs/swagger';

/**
 * Error statuses an operation can answer beyond those every operation of its kind can (400 for
 * bad input, 401/403, 404 on paths with parameters, 413/415 with a body, 429, 503): each is
 * documented as a problem+json response (see openapi-document.ts).
 */
export type OperationProblem = 401 | 404 | 409 | 412 | 422 | 428;
export const ApiProblems = (...statuses: OperationProblem[]) =>
  ApiExtension('x-problems', statuses);

/** Headers of an operation's success response, beyond X-Request-Id and the rate-limit ones. */
export type SuccessHeader = 'ETag' | 'Location' | 'Idempotent-Replayed' | 'Retry-After';
export const ApiSuccessHeaders = (...headers: SuccessHeader[]) =>
  ApiExtension('x-success-headers', headers);
