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
      const message = withoutFieldName(field, raw);
      byField[field] = byField[field] ? `${byField[field]}; ${message}` : message;
    }
    return byField;
  }
}

/**
 * The API names the member ("email must be an email address…"); under a field labelled "Email"
 * that reads as code, so the form shows "Must be an email address…".
 */
function withoutFieldName(field: string, message: string): string {
  const member = field.slice(field.lastIndexOf('.') + 1).replace(/\[\d+\]$/, '');
  if (!member || !message.startsWith(`${member} `)) return message;
  const rest = message.slice(member.length + 1);
  return rest.charAt(0).toUpperCase() + rest.slice(1);
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
