import { ApiProperty } from '@nestjs/swagger';
import { REQUEST_ID_PATTERN } from '../http/request-id';

/** One offending field of a request. */
export class FieldProblemDto {
  /** Path of the field in the request, e.g. `contacts[0].email`. */
  field: string;
  message: string;
}

/** A task a later due date would take along (see ProblemDto.dependentMoves). */
export class DependentMoveProblemDto {
  key: string;
  title: string;
  /** `YYYY-MM-DD`: when it is due now. */
  from: string;
  /** `YYYY-MM-DD`: when it would be due. */
  to: string;
}

/**
 * RFC 9457 problem details: the body of every 4xx/5xx (`application/problem+json`). Listed in the
 * document so that clients generated from it know the error shape. Besides the standard members
 * and `errors`, some problems carry members of their own, listed below with when they come (every
 * one of PROBLEM_EXTENSION_MEMBERS; the OpenAPI test checks).
 */
export class ProblemDto {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** The request's path; absent when the request could not even be parsed. */
  instance?: string;
  /** The request's `X-Request-Id`, also in the service's logs. */
  @ApiProperty({ required: false, pattern: REQUEST_ID_PATTERN.source })
  requestId?: string;
  /** For invalid input: each offending field. */
  errors?: FieldProblemDto[];
  /** Sign-in problems: what went wrong, as the sign-in page names it (`sso_failed`, …). */
  code?: string;
  /** 429: how many seconds to wait (also in `Retry-After`). */
  retryAfterSeconds?: number;
  /** 404: what kind of thing was not found (`Engagement`, `Task`, …). */
  resource?: string;
  /** 403: the roles that may do this. */
  requiredRoles?: string[];
  /** 403 on people: the roles of the people this person may manage. */
  manageableRoles?: string[];
  /** 409 on a task or an engagement: the status it has, which the change cannot leave. */
  currentStatus?: string;
  /** 409 on a task: the statuses it may move to from there. */
  allowedMoves?: string[];
  /** 409 on marking a task done: the keys of the open tasks it waits for. */
  openDependencies?: string[];
  /** 409 on a task: the status of its engagement (`CANCELLED`), which allows no change. */
  engagementStatus?: string;
  /**
   * 422 on a later due date without `moveDependents`: the open tasks that wait for the task and
   * would be left due before it, and where they would move (send `moveDependents: true`).
   */
  dependentMoves?: DependentMoveProblemDto[];
  /** 409 on a person: their account's status (`INVITED`, `DISABLED`). */
  userStatus?: string;
  /** 409 on retrying a notification: its delivery status (only `DEAD` ones are retried). */
  notificationStatus?: string;
  /** 409 on starting an escalation run while one is active: that run's id… */
  runId?: string;
  /** …and where to follow it. */
  location?: string;
  /** 409 on creating a template: the key that is taken. */
  key?: string;
}
