import { formatDate } from '@/shared/format/dates';
import type { components } from './schema';

export type Problem = components['schemas']['ProblemDto'];

/** Calls whose 401 answers a wrong password or a bad invitation rather than a lost session. */
const SIGN_IN_CALLS = /^\/auth\/(login|invitations\/)/;

/** A 401 from this path means the person's session has ended (or expired) meanwhile. */
export function isSessionCall(path: string): boolean {
  return !SIGN_IN_CALLS.test(path);
}

/** A refused call: the API's RFC 9457 problem document, or one made up when the body is not one. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  /** The refused call only read (GET): nothing was to be saved. */
  readonly read: boolean;

  constructor(problem: Problem, read = false) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
    this.read = read;
  }

  /** Refused because the session ended meanwhile: nothing was done, signing in again fixes it. */
  get sessionEnded(): boolean {
    return this.status === 401 && isSessionCall(this.problem.instance ?? '');
  }

  /** Messages per field path (e.g. `contacts[0].email`), for showing next to form fields. */
  get fieldErrors(): Record<string, string> {
    const byField: Record<string, string> = {};
    for (const { field, message: raw } of this.problem.errors ?? []) {
      const message = withoutFieldName(field, datesInWords(raw));
      byField[field] = byField[field] ? `${byField[field]}; ${message}` : message;
    }
    return byField;
  }
}

/**
 * The API names the member ("email must be an email address…"); under a field labelled "Email"
 * that reads as code, so the form shows "Must be an email address…". Every message under a field
 * starts as a sentence, named or not ("must be a real date…" too).
 */
function withoutFieldName(field: string, message: string): string {
  const member = field.slice(field.lastIndexOf('.') + 1).replace(/\[\d+\]$/, '');
  const rest =
    member && message.startsWith(`${member} `) ? message.slice(member.length + 1) : message;
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

/**
 * "must be a real date from 2000-01-01 to 2099-12-31 as YYYY-MM-DD" is written for code: a date
 * field shows the browser's own format, so the range is said as the app writes dates — as is any
 * other date in a field's message ("puts the last task's due date at 29 Jan 2100").
 */
function datesInWords(message: string): string {
  return message
    .replace(
      /real date from (\d{4}-\d{2}-\d{2}) to (\d{4}-\d{2}-\d{2}) as YYYY-MM-DD/,
      (_, from: string, to: string) =>
        `real date between ${formatDate(from)} and ${formatDate(to)}`,
    )
    .replace(/\b\d{4}-\d{2}-\d{2}\b/g, (date) => formatDate(date));
}

function isProblem(body: unknown): body is Problem {
  if (typeof body !== 'object' || body === null) return false;
  const candidate = body as Record<string, unknown>;
  return typeof candidate.status === 'number' && typeof candidate.title === 'string';
}

/** Reads a failed response into an ApiError (any body: problem+json, other JSON, text, none). */
export function toApiError(response: Response, body: unknown, read = false): ApiError {
  if (isProblem(body)) return new ApiError(body, read);
  return new ApiError(
    {
      type: 'about:blank',
      title: response.statusText || 'Request failed',
      status: response.status,
      detail: `The service answered ${response.status} ${response.statusText}`.trim(),
      instance: new URL(response.url || '/', window.location.origin).pathname,
    },
    read,
  );
}
