import type { Pool } from 'pg';
import type { CpuMeter } from './measure';
import type { Scratch } from './scratch';
import type { Send } from './service';

/** What every group of bench rows works with. */
export interface BenchContext {
  scratch: Scratch;
  /** HTTP to the running service. */
  send: Send;
  /** Headers of the bootstrap ADMIN API key… */
  key: Record<string, string>;
  /** …and of the bootstrap ADMIN person's session (cookie; X-CSRF-Token for changes). */
  session: Record<string, string>;
  cpu: CpuMeter;
  /** node-postgres as the service's runtime role: the direct-SQL baselines. */
  pool: Pool;
  /** Today (UTC), the report's as-of date. */
  asOf: string;
}
