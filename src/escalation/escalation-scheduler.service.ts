import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { Client } from 'pg';
import PgBoss from 'pg-boss';
import { APP_CONFIG, AppConfig, DATABASE_URL } from '../config/app-config';
import { isDatabaseUnavailable } from '../common/errors/database-unavailable';
import { EscalationService } from './escalation.service';

/** The pg-boss queue (and schedule) of the escalation evaluation. */
export const EVALUATION_QUEUE = 'escalation-evaluate';
export const PGBOSS_SCHEMA = 'pgboss';
/** Any fixed 64-bit number, the same in every instance: the lock queue set-up takes. */
const QUEUE_SETUP_LOCK = 7_412_390_118;

/**
 * Runs the evaluation on ESCALATION_CRON and once at start-up, through pg-boss on the service's own
 * PostgreSQL. With several instances, pg-boss sends each cron tick once and the singleton queue
 * runs one evaluation at a time; the outbox's unique key would make overlapping runs harmless anyway.
 */
@Injectable()
export class EscalationSchedulerService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('EscalationScheduler');
  private boss: PgBoss | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE_URL) private readonly databaseUrl: string,
    private readonly escalation: EscalationService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.escalation.enabled) return;
    const boss = new PgBoss({
      connectionString: this.databaseUrl,
      schema: PGBOSS_SCHEMA,
      application_name: 'onboarding-tracker:pg-boss',
      max: 3,
    });
    // Without a listener, an 'error' event would crash the process; pg-boss recovers by itself.
    boss.on('error', (error: Error & { code?: string }) => {
      // 57P01: the server is shutting down (e.g. the embedded database stopping on SIGTERM).
      if (error.code === '57P01') this.logger.warn(`pg-boss: ${error.message}`);
      // An outage is logged as one line per poll, not a stack trace; readiness says the rest.
      else if (isDatabaseUnavailable(error)) this.logger.warn(`pg-boss: ${error.message}`);
      else this.logger.error({ err: error }, 'pg-boss error');
    });
    this.boss = boss;
    // Instances starting together set up the queue one at a time: pg-boss's queue creation
    // (a partition per queue) and its first maintenance can deadlock when raced.
    const setupLock = new Client({ connectionString: this.databaseUrl });
    setupLock.on('error', () => undefined);
    await setupLock.connect();
    try {
      await setupLock.query('SELECT pg_advisory_lock($1)', [QUEUE_SETUP_LOCK]);
      await this.setUp(boss);
    } finally {
      await setupLock.end().catch(() => undefined);
    }
    this.logger.log(
      `Escalation scheduled on "${this.config.escalation.cron}" (UTC) and queued for start-up`,
    );
  }

  private async setUp(boss: PgBoss): Promise<void> {
    await boss.start();
    await boss.createQueue(EVALUATION_QUEUE, {
      name: EVALUATION_QUEUE,
      policy: 'singleton',
      retryLimit: 2,
      retryDelay: 60,
      expireInSeconds: 15 * 60,
    });
    await boss.work(EVALUATION_QUEUE, async () => {
      const result = await this.escalation.run();
      return { asOf: result.asOf, evaluated: result.evaluated, created: result.created.length };
    });
    await boss.schedule(EVALUATION_QUEUE, this.config.escalation.cron, {}, { tz: 'UTC' });
    await boss.send(EVALUATION_QUEUE, { reason: 'start-up' });
  }

  /** Stops before the database client closes: a running evaluation finishes (or times out) first. */
  async onModuleDestroy(): Promise<void> {
    const boss = this.boss;
    this.boss = undefined;
    if (!boss) return;
    await boss.stop({ graceful: true, wait: true, timeout: this.config.shutdownTimeoutMs / 2 });
  }
}
