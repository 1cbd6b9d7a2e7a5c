import { Injectable } from '@nestjs/common';
import {
  BusinessRuleError,
  ConflictError,
  ImmutableResourceError,
  NotFoundError,
} from '../common/errors/domain-errors';
import { Prisma } from '../generated/prisma/client';
import { PrismaService, type PrismaTx } from '../prisma/prisma.service';
import type {
  ChecklistItem,
  CloudProvider,
  KeyedTemplateDefinition,
  Raci,
  RaciRole,
  TemplateDefinition,
  TemplateTaskDefinition,
} from './domain/template-definition';
import { diffTemplates, type TemplateDiff } from './domain/template-diff';
import { validateTemplate } from './domain/template-validation';

export interface TemplateSummary {
  key: string;
  version: number;
  name: string;
  description: string | null;
  parties: string[];
  allowedCloudProviders: CloudProvider[] | null;
  publishedAt: Date;
  taskCount: number;
}

/** A published version as the API shows it. */
export interface TemplateVersionView extends TemplateDefinition {
  key: string;
  version: number;
  publishedAt: Date;
}

/** A published version with its row ids, for features that build on it (engagements). */
export interface TemplateVersionRecord extends TemplateVersionView {
  /** template_version.id */
  id: string;
  tasks: (TemplateTaskDefinition & { /** template_task.id */ id: string })[];
}

export interface TemplateVersionDiff extends TemplateDiff {
  key: string;
  from: number;
  to: number;
}

const WITH_TASKS = { tasks: { orderBy: { position: 'asc' } } } as const;
type VersionRow = Prisma.TemplateVersionGetPayload<{ include: typeof WITH_TASKS }>;

/** jsonb keeps keys in its own order; restore the documented one (R, A, C, I). */
function fromJsonRaci(raci: Raci): Raci {
  const entries = (role: RaciRole) =>
    raci[role].map(({ party, ifRequired }) => ({ party, ifRequired }));
  return {
    responsible: entries('responsible'),
    accountable: entries('accountable'),
    consulted: entries('consulted'),
    informed: entries('informed'),
  };
}

function toRecord(row: VersionRow): TemplateVersionRecord {
  return {
    id: row.id,
    key: row.templateKey,
    version: row.version,
    name: row.name,
    description: row.description,
    parties: row.parties,
    // Stored as an empty array, which means "any provider".
    allowedCloudProviders: row.allowedCloudProviders.length ? row.allowedCloudProviders : null,
    publishedAt: row.publishedAt,
    tasks: row.tasks.map((task) => ({
      id: task.id,
      key: task.key,
      position: task.position,
      title: task.title,
      checklist: (task.checklist as unknown as ChecklistItem[]).map(({ text, tiers }) => ({
        text,
        tiers,
      })),
      raci: fromJsonRaci(task.raci as unknown as Raci),
      dueOffsetDays: task.dueOffsetDays,
      dependsOn: task.dependsOn,
    })),
  };
}

function toView(record: TemplateVersionRecord): TemplateVersionView {
  const { id: _id, tasks, ...rest } = record;
  return { ...rest, tasks: tasks.map(({ id: _taskId, ...task }) => task) };
}

function assertValid(definition: TemplateDefinition): void {
  const problems = validateTemplate(definition);
  if (problems.length > 0) {
    const fields = [...new Set(problems.map((p) => p.field))].join(', ');
    throw new BusinessRuleError(`The template breaks template rules: check ${fields}`, problems);
  }
}

/**
 * Serialises every write to one template key (new template, new version, seeding), across
 * instances, until the transaction ends; the unique index on (key, version) is the backstop.
 */
async function lockTemplateKey(tx: PrismaTx, key: string): Promise<void> {
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext('template'), hashtext(${key}))::text`;
}

const json = (value: unknown) => value as Prisma.InputJsonValue;

/** Templates are published once and never changed: every change is a new version. */
@Injectable()
export class TemplatesService {
  constructor(private readonly prisma: PrismaService) {}

  /** The latest version of every template, by key. */
  async list(): Promise<TemplateSummary[]> {
    const rows = await this.prisma.templateVersion.findMany({
      distinct: ['templateKey'],
      orderBy: [{ templateKey: 'asc' }, { version: 'desc' }],
      include: { _count: { select: { tasks: true } } },
    });
    return rows.map((row) => this.toSummary(row));
  }

  /** Every version of one template, oldest first. */
  async listVersions(key: string): Promise<TemplateSummary[]> {
    const rows = await this.prisma.templateVersion.findMany({
      where: { templateKey: key },
      orderBy: { version: 'asc' },
      include: { _count: { select: { tasks: true } } },
    });
    if (rows.length === 0) throw new NotFoundError('Template', key);
    return rows.map((row) => this.toSummary(row));
  }

  /**
   * One published version (the latest when `version` is omitted) with the ids of its rows.
   * This is what other features use to instantiate a template.
   */
  async getVersion(key: string, version?: number): Promise<TemplateVersionRecord> {
    const row = await this.prisma.templateVersion.findFirst({
      where: { templateKey: key, ...(version === undefined ? {} : { version }) },
      orderBy: { version: 'desc' },
      include: WITH_TASKS,
    });
    if (!row) {
      if (version === undefined) throw new NotFoundError('Template', key);
      throw new NotFoundError('Template version', `${key}@${version}`);
    }
    return toRecord(row);
  }

  /** The API's view of a published version. */
  async findVersion(key: string, version?: number): Promise<TemplateVersionView> {
    return toView(await this.getVersion(key, version));
  }

  async diff(key: string, from: number, to: number): Promise<TemplateVersionDiff> {
    const before = await this.findVersion(key, from);
    const after = await this.findVersion(key, to);
    return { key, from, to, ...diffTemplates(before, after) };
  }

  /** A new template, published as its version 1. */
  async createTemplate(input: KeyedTemplateDefinition): Promise<TemplateVersionView> {
    const { key, ...definition } = input;
    assertValid(definition);
    return this.prisma.$transaction(async (tx) => {
      await lockTemplateKey(tx, key);
      if (await tx.template.findUnique({ where: { key } })) {
        throw new ConflictError(
          `Template "${key}" already exists; publish a new version with POST /templates/${key}/versions`,
          { key },
        );
      }
      await tx.template.create({ data: { key } });
      return toView(await this.insertVersion(tx, key, 1, definition));
    });
  }

  /** Publishes the next version of an existing template. */
  async publishVersion(key: string, definition: TemplateDefinition): Promise<TemplateVersionView> {
    return this.prisma.$transaction(async (tx) => {
      await lockTemplateKey(tx, key);
      const latest = await tx.templateVersion.findFirst({
        where: { templateKey: key },
        orderBy: { version: 'desc' },
        select: { version: true },
      });
      if (!latest) throw new NotFoundError('Template', key);
      assertValid(definition);
      return toView(await this.insertVersion(tx, key, latest.version + 1, definition));
    });
  }

  /**
   * Makes `definition` version 1 of its key unless a version 1 exists: then it is left exactly
   * as published. Safe to run from several instances at once.
   */
  async ensureFirstVersion(
    input: KeyedTemplateDefinition,
  ): Promise<{ created: boolean; published: TemplateVersionView }> {
    const { key, ...definition } = input;
    assertValid(definition);
    return this.prisma.$transaction(async (tx) => {
      await lockTemplateKey(tx, key);
      const existing = await tx.templateVersion.findUnique({
        where: { templateKey_version: { templateKey: key, version: 1 } },
        include: WITH_TASKS,
      });
      if (existing) return { created: false, published: toView(toRecord(existing)) };
      await tx.template.upsert({ where: { key }, create: { key }, update: {} });
      return { created: true, published: toView(await this.insertVersion(tx, key, 1, definition)) };
    });
  }

  /** PUT/PATCH/DELETE of a template: 404 when it does not exist, else always 405. */
  async refuseTemplateChange(key: string): Promise<never> {
    await this.getVersion(key);
    throw new ImmutableResourceError(
      `Template "${key}" cannot be changed or deleted; publish a new version with POST /templates/${key}/versions`,
      ['GET'],
    );
  }

  /** PUT/PATCH/DELETE of a published version: 404 when it does not exist, else always 405. */
  async refuseVersionChange(key: string, version: number): Promise<never> {
    await this.getVersion(key, version);
    throw new ImmutableResourceError(
      `Version ${version} of template "${key}" is published and cannot be changed or deleted`,
      ['GET'],
    );
  }

  private async insertVersion(
    tx: PrismaTx,
    key: string,
    version: number,
    definition: TemplateDefinition,
  ): Promise<TemplateVersionRecord> {
    const row = await tx.templateVersion.create({
      data: {
        templateKey: key,
        version,
        name: definition.name,
        description: definition.description,
        parties: definition.parties,
        allowedCloudProviders: definition.allowedCloudProviders ?? [],
        tasks: {
          create: definition.tasks.map((task) => ({
            key: task.key,
            position: task.position,
            title: task.title,
            checklist: json(task.checklist),
            raci: json(task.raci),
            dueOffsetDays: task.dueOffsetDays,
            dependsOn: task.dependsOn,
          })),
        },
      },
      include: WITH_TASKS,
    });
    return toRecord(row);
  }

  private toSummary(
    row: Omit<VersionRow, 'tasks'> & { _count: { tasks: number } },
  ): TemplateSummary {
    return {
      key: row.templateKey,
      version: row.version,
      name: row.name,
      description: row.description,
      parties: row.parties,
      allowedCloudProviders: row.allowedCloudProviders.length ? row.allowedCloudProviders : null,
      publishedAt: row.publishedAt,
      taskCount: row._count.tasks,
    };
  }
}
