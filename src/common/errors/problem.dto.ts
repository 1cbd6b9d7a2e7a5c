import { ApiProperty } from '@nestjs/swagger';
import { REQUEST_ID_PATTERN } from '../http/request-id';

/** One offending field of a request. */
export class FieldProblemDto {
  /** Path of the field in the request, e.g. `contacts[0].email`. */
  field: string;
  message: string;
}

/**
 * RFC 9457 problem details: the body of every 4xx/5xx (`application/problem+json`). Listed in the
 * document so that clients generated from it know the error shape.
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
}
