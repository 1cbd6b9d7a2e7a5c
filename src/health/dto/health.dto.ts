export class HealthDto {
  /** `ok` when healthy. */
  status: string;
  /** State of each dependency (readiness only), e.g. `{ "database": "up" }`. */
  checks?: Record<string, string>;
}
