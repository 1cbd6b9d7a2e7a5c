import type { RunSql } from './db-fingerprint';
import { randomUUID } from 'node:crypto';
import { toDbDate } from '../../src/common/domain/calendar-date';
import type { PrismaService } from '../../src/prisma/prisma.service';

/**
 * Engagements with tasks, written straight into the tables (the engagements API lives on another
 * branch). Only what escalation reads is filled in meaningfully.
 */
export interface RaciFixture {
  responsible?: { party: string; ifRequired?: boolean }[];
  accountable: { party: string; ifRequired?: boolean }[];
  consulted?: { party: string; ifRequired?: boolean }[];
  informed?: { party: string; ifRequired?: boolean }[];
}

export interface TaskFixture {
  key: string;
  dueDate: string;
  raci: RaciFixture;
  status?: 'NOT_STARTED' | 'IN_PROGRESS' | 'BLOCKED' | 'DONE' | 'NOT_APPLICABLE';
  title?: string;
}

export interface EngagementFixture {
  customerName: string;
  /** Reuses the customer when one with this name exists. */
  name?: string;
  status?: 'ACTIVE' | 'COMPLETED' | 'CANCELLED';
  contacts?: { party: string; name: string; email: string; primary: boolean }[];
  tasks: TaskFixture[];
}

export interface SeededEngagement {
  customerId: string;
  engagementId: string;
  taskIds: Record<string, string>;
}

const TEMPLATE_KEY = 'escalation-fixture';

async function ensureTemplateVersion(prisma: PrismaService): Promise<string> {
  const existing = await prisma.templateVersion.findFirst({ where: { templateKey: TEMPLATE_KEY } });
  if (existing) return existing.id;
  await prisma.template.create({ data: { key: TEMPLATE_KEY } });
  const version = await prisma.templateVersion.create({
    data: {
      id: randomUUID(),
      templateKey: TEMPLATE_KEY,
      version: 1,
      name: 'Escalation fixture',
      parties: ['WSO2', 'Customer'],
      allowedCloudProviders: ['AZURE'],
    },
  });
  return version.id;
}

function fullRaci(raci: RaciFixture) {
  const list = (entries: { party: string; ifRequired?: boolean }[] = []) =>
    entries.map((e) => ({ party: e.party, ifRequired: e.ifRequired ?? false }));
  return {
    responsible: list(raci.responsible ?? raci.accountable),
    accountable: list(raci.accountable),
    consulted: list(raci.consulted),
    informed: list(raci.informed),
  };
}

export async function seedEngagement(
  prisma: PrismaService,
  fixture: EngagementFixture,
): Promise<SeededEngagement> {
  const templateVersionId = await ensureTemplateVersion(prisma);
  const customer =
    (await prisma.customer.findFirst({ where: { name: fixture.customerName } })) ??
    (await prisma.customer.create({ data: { id: randomUUID(), name: fixture.customerName } }));
  const engagement = await prisma.engagement.create({
    data: {
      id: randomUUID(),
      customerId: customer.id,
      templateVersionId,
      templateKey: TEMPLATE_KEY,
      templateVersion: 1,
      name: fixture.name ?? `${fixture.customerName} PDP`,
      cloudProvider: 'AZURE',
      securityTier: 'STANDARD',
      startDate: toDbDate('2026-01-01'),
      status: fixture.status ?? 'ACTIVE',
    },
  });
  for (const contact of fixture.contacts ?? []) {
    await prisma.engagementContact.create({
      data: { id: randomUUID(), engagementId: engagement.id, ...contact },
    });
  }
  const taskIds: Record<string, string> = {};
  for (const [index, task] of fixture.tasks.entries()) {
    const created = await prisma.task.create({
      data: {
        id: randomUUID(),
        engagementId: engagement.id,
        templateTaskId: randomUUID(),
        key: task.key,
        position: index + 1,
        title: task.title ?? `Task ${task.key}`,
        checklist: [],
        raci: fullRaci(task.raci),
        status: task.status ?? 'NOT_STARTED',
        dueDate: toDbDate(task.dueDate),
      },
    });
    taskIds[task.key] = created.id;
  }
  return { customerId: customer.id, engagementId: engagement.id, taskIds };
}

export interface EscalationRunBody {
  id: string;
  status: 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED';
  asOf: string;
  dryRun: boolean;
  evaluated: number | null;
  notified: number | null;
  notifications: {
    notificationId: string | null;
    engagementId: string;
    taskKey: string;
    level: number;
    daysOverdue: number;
  }[];
  error: string | null;
}

/** Polls a run's status resource until it has finished. */
export async function waitForRun(
  http: TestAgentLike,
  authorization: string,
  location: string,
): Promise<EscalationRunBody> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await http.get(location).set('Authorization', authorization);
    if (res.status !== 200) throw new Error(`reading ${location}: ${res.status} ${res.text}`);
    if (res.body.status === 'SUCCEEDED' || res.body.status === 'FAILED') return res.body;
    if (Date.now() > deadline) throw new Error(`run ${location} still ${res.body.status}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Waits until no escalation run is queued or running (one runs at a time). */
export async function waitForIdleRuns(prisma: PrismaService): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (
    (await prisma.escalationRun.count({ where: { status: { in: ['QUEUED', 'RUNNING'] } } })) > 0
  ) {
    if (Date.now() > deadline) throw new Error('an escalation run never finished');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** POST /escalations/run as ADMIN, then the finished run (waiting for any run before it). */
export async function runEscalation(
  t: { http: TestAgentLike; admin: string; prisma: PrismaService },
  body: { asOf?: string; dryRun?: boolean } = {},
  http: TestAgentLike = t.http,
): Promise<EscalationRunBody> {
  await waitForIdleRuns(t.prisma);
  const started = await http
    .post('/api/v1/escalations/run')
    .set('Authorization', t.admin)
    .send(body);
  if (started.status !== 202) {
    throw new Error(`starting an escalation run: ${started.status} ${started.text}`);
  }
  return waitForRun(http, t.admin, started.headers.location);
}

/** The part of supertest's agent these helpers use. */
type TestAgentLike = {
  get(url: string): { set(name: string, value: string): PromiseLike<RawResponse> };
  post(url: string): {
    set(name: string, value: string): { send(body: object): PromiseLike<RawResponse> };
  };
};
type RawResponse = { status: number; text: string; body: any; headers: Record<string, string> };

/** Waits until no escalation run is queued or running, asking the database directly. */
export async function waitForIdleRunsSql(run: RunSql): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const [{ active }] = (await run(
      `SELECT count(*)::int AS active FROM escalation_run WHERE status IN ('QUEUED', 'RUNNING')`,
    )) as { active: number }[];
    if (active === 0) return;
    if (Date.now() > deadline) throw new Error('an escalation run never finished');
    await new Promise((r) => setTimeout(r, 20));
  }
}
