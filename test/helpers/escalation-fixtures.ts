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
