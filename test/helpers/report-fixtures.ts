import { toDbDate } from '../../src/common/domain/calendar-date';
import type { PrismaService } from '../../src/prisma/prisma.service';

/**
 * Rows for report tests, inserted straight into the tables (the engagements API is another
 * feature): a small template, customers, engagements with contacts, and their task instances.
 */
type Party = 'WSO2' | 'CUSTOMER';
type TaskStatus = 'NOT_STARTED' | 'IN_PROGRESS' | 'BLOCKED' | 'DONE' | 'NOT_APPLICABLE';
type EngagementStatus = 'ACTIVE' | 'COMPLETED' | 'CANCELLED';

const entry = (party: Party, ifRequired = false) => ({ party, ifRequired });

/** Four tasks covering WSO2-only, CUSTOMER-only, joint and "if required" RACI cells. */
export const FIXTURE_TASKS = [
  {
    key: 'subscription-prerequisites',
    position: 1,
    title: 'Subscription prerequisites',
    raci: {
      responsible: [entry('WSO2')],
      accountable: [entry('WSO2')],
      consulted: [entry('CUSTOMER', true)],
      informed: [entry('CUSTOMER', true)],
    },
  },
  {
    key: 'remote-access-for-installation',
    position: 2,
    title: 'Remote access for installation',
    raci: {
      responsible: [entry('CUSTOMER')],
      accountable: [entry('CUSTOMER')],
      consulted: [entry('WSO2')],
      informed: [entry('WSO2')],
    },
  },
  {
    key: 'network-management',
    position: 3,
    title: 'Network management',
    raci: {
      responsible: [entry('WSO2'), entry('CUSTOMER')],
      accountable: [entry('WSO2'), entry('CUSTOMER')],
      consulted: [entry('CUSTOMER')],
      informed: [entry('CUSTOMER')],
    },
  },
  {
    key: 'infrastructure-monitoring',
    position: 4,
    title: 'Infrastructure monitoring',
    raci: {
      responsible: [entry('WSO2')],
      accountable: [entry('WSO2')],
      consulted: [],
      informed: [entry('CUSTOMER', true)],
    },
  },
] as const;

export type FixtureTaskKey = (typeof FIXTURE_TASKS)[number]['key'];

export interface FixtureTemplate {
  key: string;
  versionId: string;
  taskIds: Record<string, string>;
}

export async function createFixtureTemplate(
  prisma: PrismaService,
  key: string,
): Promise<FixtureTemplate> {
  await prisma.template.create({ data: { key } });
  const version = await prisma.templateVersion.create({
    data: { templateKey: key, version: 1, name: `Template ${key}`, parties: ['WSO2', 'CUSTOMER'] },
  });
  const taskIds: Record<string, string> = {};
  for (const task of FIXTURE_TASKS) {
    const row = await prisma.templateTask.create({
      data: {
        templateVersionId: version.id,
        key: task.key,
        position: task.position,
        title: task.title,
        checklist: [],
        raci: task.raci,
        dueOffsetDays: task.position * 7,
      },
    });
    taskIds[task.key] = row.id;
  }
  return { key, versionId: version.id, taskIds };
}

export async function createFixtureCustomer(prisma: PrismaService, name: string): Promise<string> {
  return (await prisma.customer.create({ data: { name } })).id;
}

export interface FixtureContact {
  party: Party;
  name: string;
  email: string;
  primary: boolean;
}

export interface FixtureEngagement {
  customerId: string;
  template: FixtureTemplate;
  name: string;
  status?: EngagementStatus;
  contacts?: FixtureContact[];
  /** Tasks not listed here are NOT_STARTED and due far in the future. */
  tasks?: Partial<Record<FixtureTaskKey, { dueDate: string; status?: TaskStatus }>>;
}

const FAR_FUTURE = '2099-12-31';

/** An engagement with all four task instances; returns its id. */
export async function createFixtureEngagement(
  prisma: PrismaService,
  spec: FixtureEngagement,
): Promise<string> {
  const engagement = await prisma.engagement.create({
    data: {
      customerId: spec.customerId,
      templateVersionId: spec.template.versionId,
      templateKey: spec.template.key,
      templateVersion: 1,
      name: spec.name,
      cloudProvider: 'AZURE',
      securityTier: 'STANDARD',
      startDate: toDbDate('2026-09-01'),
      status: spec.status ?? 'ACTIVE',
      cancelReason: spec.status === 'CANCELLED' ? 'customer withdrew' : null,
    },
  });
  if (spec.contacts?.length) {
    await prisma.engagementContact.createMany({
      data: spec.contacts.map((c) => ({ ...c, engagementId: engagement.id })),
    });
  }
  await prisma.task.createMany({
    data: FIXTURE_TASKS.map((task) => {
      const override = spec.tasks?.[task.key];
      return {
        engagementId: engagement.id,
        templateTaskId: spec.template.taskIds[task.key],
        key: task.key,
        position: task.position,
        title: task.title,
        checklist: [],
        raci: task.raci,
        status: override?.status ?? 'NOT_STARTED',
        dueDate: toDbDate(override?.dueDate ?? FAR_FUTURE),
      };
    }),
  });
  return engagement.id;
}
