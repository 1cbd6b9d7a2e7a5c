import { randomUUID } from 'node:crypto';
import type { PrismaService } from '../../src/prisma/prisma.service';
import { loadCatalogue } from '../../src/templates/template-catalogue';

/**
 * The three PDP management models as the product ships them (the catalogue data file, which the
 * templates feature checks against the reference document), in the shape the engagement tests use.
 * Every test app seeds them as version 1 at start-up.
 */
export type Tier = 'BASIC' | 'STANDARD' | 'PREMIUM';
export interface FixtureRaciEntry {
  party: 'WSO2' | 'CUSTOMER';
  ifRequired: boolean;
}
export interface FixtureRaci {
  responsible: FixtureRaciEntry[];
  accountable: FixtureRaciEntry[];
  consulted: FixtureRaciEntry[];
  informed: FixtureRaciEntry[];
}
export interface FixtureTask {
  key: string;
  position: number;
  title: string;
  checklist: { text: string; tiers: Tier[] | null }[];
  raci: FixtureRaci;
  dueOffsetDays: number;
  dependsOn: string[];
}
export interface FixtureTemplate {
  key: string;
  version: number;
  name: string;
  parties: string[];
  allowedCloudProviders: ('AZURE' | 'AWS' | 'GCP' | 'OTHER')[] | null;
  tasks: FixtureTask[];
}

const CATALOGUE = loadCatalogue();

export const FIXTURE_MODELS = [
  'wso2-managed-wso2-subscription',
  'wso2-managed-customer-subscription',
  'customer-self-managed',
] as const;
export type FixtureModel = (typeof FIXTURE_MODELS)[number];

/** One model of the shipped catalogue, as the given version number (not inserted). */
export function fixtureTemplate(model: FixtureModel, version = 1): FixtureTemplate {
  const entry = CATALOGUE.find((c) => c.key === model);
  if (!entry) throw new Error(`the catalogue has no model ${model}`);
  return {
    key: entry.key,
    version,
    name: entry.name,
    parties: entry.parties,
    allowedCloudProviders: entry.allowedCloudProviders ?? null,
    tasks: entry.tasks.map((task) => ({
      key: task.key,
      position: task.position,
      title: task.title,
      checklist: task.checklist as FixtureTask['checklist'],
      raci: task.raci as FixtureRaci,
      dueOffsetDays: task.dueOffsetDays,
      dependsOn: task.dependsOn,
    })),
  };
}

/** Publishes a template version by inserting its rows; returns the template_version id. */
export async function insertTemplateVersion(
  prisma: PrismaService,
  template: FixtureTemplate,
): Promise<string> {
  const id = randomUUID();
  await prisma.template.upsert({
    where: { key: template.key },
    create: { key: template.key },
    update: {},
  });
  await prisma.templateVersion.create({
    data: {
      id,
      templateKey: template.key,
      version: template.version,
      name: template.name,
      parties: template.parties,
      allowedCloudProviders: template.allowedCloudProviders ?? [],
      tasks: {
        create: template.tasks.map((task) => ({
          id: randomUUID(),
          key: task.key,
          position: task.position,
          title: task.title,
          checklist: task.checklist,
          raci: task.raci as object,
          dueOffsetDays: task.dueOffsetDays,
          dependsOn: task.dependsOn,
        })),
      },
    },
  });
  return id;
}

/**
 * Version 1 of all three models: seeded by the app at start-up from the catalogue. Fails loudly if
 * the database does not hold exactly what the catalogue says, so tests never run on other data.
 */
export async function seedFixtureCatalogue(prisma: PrismaService): Promise<FixtureTemplate[]> {
  const templates = FIXTURE_MODELS.map((model) => fixtureTemplate(model));
  for (const template of templates) {
    const seeded = await prisma.templateVersion.findUnique({
      where: { templateKey_version: { templateKey: template.key, version: 1 } },
      include: { tasks: { orderBy: { position: 'asc' } } },
    });
    if (
      !seeded ||
      seeded.tasks.map((task) => task.key).join() !== template.tasks.map((task) => task.key).join()
    ) {
      throw new Error(`template ${template.key} v1 was not seeded from the catalogue`);
    }
  }
  return templates;
}

/** Keys of tasks in dependency order (each after everything it depends on). */
export function keysInDependencyOrder(template: FixtureTemplate): string[] {
  return [...template.tasks].sort((a, b) => a.position - b.position).map((task) => task.key);
}
