/**
 * Errors the domain and services raise. They know nothing of HTTP: the global ProblemFilter maps
 * each kind to its status and an RFC 9457 problem document.
 */
export interface FieldProblem {
  /** Path of the offending field in the request, e.g. `tasks[3].raci.accountable`. */
  field: string;
  message: string;
}

/**
 * The members an error may add to its problem document, besides the standard ones (`type`,
 * `title`, `status`, `detail`, `instance`, `requestId`), which it may not reuse: the standard
 * member would win, and the error's value would never reach the client (a notification's `status`
 * did not, hidden by `status: 409`). Each is described in ProblemDto, which a test checks against
 * this list: a member added here and not there fails it, so the OpenAPI document stays true.
 */
export const PROBLEM_EXTENSION_MEMBERS = [
  'errors',
  'code',
  'retryAfterSeconds',
  'resource',
  'requiredRoles',
  'manageableRoles',
  'currentStatus',
  'allowedMoves',
  'openDependencies',
  'engagementStatus',
  'dependentMoves',
  'userStatus',
  'notificationStatus',
  'runId',
  'location',
  'key',
] as const;

export type ProblemExtensions = {
  [member in (typeof PROBLEM_EXTENSION_MEMBERS)[number]]?: unknown;
};

export abstract class DomainError extends Error {
  /** Short, stable slug used in the problem `type`. */
  abstract readonly kind: string;
  /** Extra members for the problem document. */
  readonly extensions: ProblemExtensions;

  constructor(message: string, extensions: ProblemExtensions = {}) {
    super(message);
    this.name = new.target.name;
    this.extensions = extensions;
  }
}

/** The request is well-formed but breaks a business rule (422). */
export class BusinessRuleError extends DomainError {
  readonly kind = 'business-rule-violation';
  constructor(
    message: string,
    readonly errors: FieldProblem[] = [],
    extensions: ProblemExtensions = {},
  ) {
    super(message, extensions);
  }
}

/** The request's shape is wrong: missing, unknown or malformed fields (400). */
export class RequestValidationError extends DomainError {
  readonly kind = 'validation-error';
  constructor(
    message: string,
    readonly errors: FieldProblem[],
  ) {
    super(message);
  }
}

export class NotFoundError extends DomainError {
  readonly kind = 'not-found';
  constructor(resource: string, id: string | number) {
    super(`${resource} ${JSON.stringify(String(id))} was not found`, { resource });
  }
}

/** A one-time link that is unknown, already used or expired (404; says no more than that). */
export class UnusableLinkError extends DomainError {
  readonly kind = 'not-found';
}

/** The change conflicts with the current state of the resource (409). */
export class ConflictError extends DomainError {
  readonly kind = 'conflict';
}

/** The resource exists but does not answer to this method (405 with Allow). */
export class MethodNotAllowedError extends DomainError {
  readonly kind = 'method-not-allowed';
  constructor(
    message: string,
    readonly allow: string[],
  ) {
    super(message);
  }
}

/** A conditional request's precondition did not hold (412). */
export class PreconditionFailedError extends DomainError {
  readonly kind = 'precondition-failed';
}

/** A conditional header is required but missing (428). */
export class PreconditionRequiredError extends DomainError {
  readonly kind = 'precondition-required';
}

/** The same Idempotency-Key was reused with a different request (422). */
export class IdempotencyKeyReuseError extends DomainError {
  readonly kind = 'idempotency-key-reused';
}

/** No valid credentials (401). */
export class UnauthenticatedError extends DomainError {
  readonly kind = 'unauthenticated';
}

/** Valid credentials without the right to do this (403). */
export class ForbiddenError extends DomainError {
  readonly kind = 'forbidden';
}

/** Too many attempts: the caller must wait (429 with Retry-After). */
export class TooManyRequestsError extends DomainError {
  readonly kind = 'too-many-requests';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message, { retryAfterSeconds });
  }
}

/** The request body is larger than the service accepts (413). */
export class PayloadTooLargeError extends DomainError {
  readonly kind = 'payload-too-large';
}

/** The request body is in an encoding or charset the service does not read (415). */
export class UnsupportedMediaTypeError extends DomainError {
  readonly kind = 'unsupported-media-type';
}

/** Why a single sign-on did not sign anyone in; the web app's /login page has a message for each. */
export type SignInErrorCode =
  | 'sso_failed'
  | 'sso_not_started'
  | 'sso_state_mismatch'
  | 'sso_unverified_email'
  | 'sso_unknown_user'
  | 'sso_disabled_user'
  | 'sso_identity_mismatch'
  | 'sso_invalid_link';

export type SignInFailedCode = Extract<
  SignInErrorCode,
  'sso_failed' | 'sso_not_started' | 'sso_state_mismatch'
>;

/**
 * A browser sign-in that did not succeed. A browser (Accept: text/html) is sent back to
 * `/login?error=<code>`; any other client gets the problem document, which carries the code too.
 */
export abstract class SignInError extends DomainError {
  /**
   * The page the person was signing in to open, when known and worth keeping: the sign-in page
   * gets it back, so that the next attempt (SSO again, or a password) still ends there.
   */
  returnTo: string | undefined;

  constructor(
    message: string,
    readonly code: SignInErrorCode,
  ) {
    super(message, { code });
  }
}

/**
 * The provider's answer is invalid or could not be verified (400); `sso_not_started` when the
 * browser brought no sign-in of its own to match it with, `sso_state_mismatch` when its state is
 * not that of a sign-in this browser has in progress (another tab's or browser's, used, expired).
 */
export class SignInFailedError extends SignInError {
  readonly kind = 'sign-in-failed';
  constructor(message: string, code: SignInFailedCode = 'sso_failed') {
    super(message, code);
  }
}

/** The provider vouched for the person, but they may not sign in here (403). */
export class SignInRefusedError extends SignInError {
  readonly kind = 'sign-in-refused';
}

/** The identity provider cannot be reached or answers with errors of its own (503). */
export class SignInUnavailableError extends SignInError {
  readonly kind = 'sign-in-unavailable';
  constructor(message: string) {
    super(message, 'sso_failed');
  }
}

/**
 * A single sign-on start refused for its address (a returnTo that could lead to another site, an
 * unknown parameter): the 400 naming the fields that any invalid request gets, except that a
 * browser which followed such a link lands on the sign-in page, which says the link was not used.
 */
export class SignInRequestError extends SignInError {
  readonly kind = 'validation-error';
  constructor(
    message: string,
    readonly errors: FieldProblem[],
  ) {
    super(message, 'sso_invalid_link');
  }
}

/** Single sign-on is not configured on this service (404). */
export class SignInNotConfiguredError extends SignInError {
  readonly kind = 'sign-in-not-configured';
  constructor() {
    super('Single sign-on is not configured on this service', 'sso_failed');
  }
}
