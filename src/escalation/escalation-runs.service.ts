import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../audit/audit-event';
import { calendarDateOf, todayUtc, toDbDate } from '../common/domain/calendar-date';
import {
  ConflictError,
  NotFoundError,
  RequestValidationError,
} from '../common/errors/domain-errors';
import { HttpResult } from '../common/http/http-result';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../prisma/prisma.service';
import type {
  EscalationRunDto,
  EscalationRunNotificationDto,
  EscalationRunRequestDto,
} from './dto/escalation-run.dto';
import { EscalationService } from './escalation.service';

/** The status resource keeps this many notifications of a run; the rest are in /notifications. */
export const MAX_LISTED_NOTIFICATIONS = 1_000;
/** A RUNNING job whose heartbeat is older than this was cut off (its instance stopped or died). */
const HEARTBEAT_TIMEOUT_MS = 2 * 60_000;
const HEARTBEAT_EVERY_MS = 5_000;
const INTERRUPTED =
  'The run was cut off before it finished (the service stopped); start a new run: levels already notified are not repeated';

type RunRow = Prisma.EscalationRunGetPayload<object>;

/**
 * Escalation runs on request: POST answers 202 with the run's Location at once, and the run goes
 * on in the background — it does not hang on a client that leaves, and a large backlog does not
 * hold a request open for tens of seconds. One run at a time (409 while one is active).
 */
@Injectable()
export class EscalationRunsService implements OnModuleDestroy {
  private readonly logger = new Logger('EscalationRuns');
  private readonly running = new Set<Promise<void>>();
  private stopping = false;

  constructor(
    private readonly prisma: PrismaService,
    private readonly escalation: EscalationService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async start(input: EscalationRunRequestDto, actor: Actor): Promise<HttpResult<EscalationRunDto>> {
    const today = todayUtc();
    const asOf = input.asOf ?? today;
    const dryRun = input.dryRun ?? false;
    if (!dryRun && asOf > today) {
      throw new RequestValidationError('Invalid request: check asOf', [
        {
          field: 'asOf',
          message: `must not be after today (${today}) for a run that notifies people; send dryRun: true to look ahead`,
        },
      ]);
    }
    await this.expireInterrupted();
    const id = await this.enqueue(asOf, dryRun, actor);
    this.launch(id);
    return {
      status: 202,
      body: await this.get(id),
      location: locationOf(id),
      headers: { 'Retry-After': '1' },
    };
  }

  /**
   * Inserts the run as QUEUED; a unique index lets only one run be active. When the insert loses to
   * an active run, the 409 names it; when that run finished in between, the insert is tried again.
   */
  private async enqueue(asOf: string, dryRun: boolean, actor: Actor): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      const id = randomUUID();
      try {
        await this.prisma.escalationRun.create({
          data: { id, asOf: toDbDate(asOf), dryRun, requestedBy: actor.name },
        });
        return id;
      } catch (error) {
        if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== 'P2002') {
          throw error;
        }
      }
      const active = await this.prisma.escalationRun.findFirst({
        where: { status: { in: ['QUEUED', 'RUNNING'] } },
      });
      if (active || attempt >= 3) {
        throw new ConflictError(
          `An escalation run is already ${active?.status.toLowerCase() ?? 'active'}; wait for it to finish`,
          active ? { runId: active.id, location: locationOf(active.id) } : {},
        );
      }
    }
  }

  async get(id: string): Promise<EscalationRunDto> {
    await this.expireInterrupted();
    const row = await this.prisma.escalationRun.findUnique({ where: { id } });
    if (!row) throw new NotFoundError('Escalation run', id);
    return this.toDto(row);
  }

  /** Lets a run in progress stop between tasks, and waits for it. */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled([...this.running]);
  }

  private launch(id: string): void {
    const job = this.execute(id).finally(() => this.running.delete(job));
    this.running.add(job);
  }

  private async execute(id: string): Promise<void> {
    try {
      const run = await this.prisma.escalationRun.update({
        where: { id },
        data: { status: 'RUNNING', startedAt: new Date(), heartbeatAt: new Date() },
      });
      let lastBeat = Date.now();
      const evaluation = await this.escalation.evaluate(calendarDateOf(run.asOf), {
        dryRun: run.dryRun,
        onProgress: async () => {
          if (this.stopping) return false;
          if (Date.now() - lastBeat >= HEARTBEAT_EVERY_MS) {
            lastBeat = Date.now();
            await this.prisma.escalationRun.update({
              where: { id },
              data: { heartbeatAt: new Date() },
            });
          }
          return true;
        },
      });
      const listed = evaluation.outcomes.slice(0, MAX_LISTED_NOTIFICATIONS);
      await this.prisma.escalationRun.update({
        where: { id },
        data: {
          status: evaluation.stopped ? 'FAILED' : 'SUCCEEDED',
          finishedAt: new Date(),
          heartbeatAt: new Date(),
          evaluated: evaluation.evaluated,
          notified: evaluation.outcomes.length,
          notifications: listed as unknown as Prisma.InputJsonValue,
          error: evaluation.stopped ? INTERRUPTED : null,
        },
      });
    } catch (error) {
      this.logger.error({ err: error }, `Escalation run ${id} failed`);
      await this.prisma.escalationRun
        .update({
          where: { id },
          data: {
            status: 'FAILED',
            finishedAt: new Date(),
            error: 'An unexpected error stopped the run; see the service log',
          },
        })
        .catch(() => undefined);
    }
  }

  /** Runs whose heartbeat stopped (their instance died) are marked FAILED, freeing the slot. */
  private async expireInterrupted(): Promise<void> {
    await this.prisma.escalationRun.updateMany({
      where: {
        status: { in: ['QUEUED', 'RUNNING'] },
        heartbeatAt: { lt: new Date(Date.now() - HEARTBEAT_TIMEOUT_MS) },
      },
      data: { status: 'FAILED', finishedAt: new Date(), error: INTERRUPTED },
    });
  }

  private toDto(row: RunRow): EscalationRunDto {
    return {
      id: row.id,
      status: row.status,
      asOf: calendarDateOf(row.asOf),
      dryRun: row.dryRun,
      requestedBy: row.requestedBy,
      requestedAt: row.requestedAt.toISOString(),
      startedAt: row.startedAt?.toISOString() ?? null,
      finishedAt: row.finishedAt?.toISOString() ?? null,
      levels: [...this.config.escalation.levels],
      evaluated: row.evaluated,
      notified: row.notified,
      notifications: row.notifications as unknown as EscalationRunNotificationDto[],
      error: row.error,
    };
  }
}

const locationOf = (id: string) => `/api/v1/escalations/runs/${id}`;
