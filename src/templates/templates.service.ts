import { Injectable } from '@nestjs/common';
import { BusinessRuleError, ConflictError, NotFoundError } from '../common/errors/domain-errors';
import { Prisma } from '../generated/prisma/client';
import { PrismaService, type PrismaTx } from '../prisma/prisma.service';
import { catalogueOrder } from './template-catalogue';
import type {
  CloudProvider,
  KeyedTemplateDefinition,
  TemplateDefinition,
} from './domain/template-definition';
import { diffTemplates, type TemplateDiff } from './domain/template-diff';
import { validateTemplate } from './domain/template-validation';
import {
  findTemplateVersion,
  toRecord,
  toVersionHeader,
  type TemplateVersionRecord,
  type TemplateVersionView,
  type VersionRow,
  WITH_TASKS,
} from './template-version.repository';

export type { TemplateVersionRecord, TemplateVersionView } from './template-version.repository';

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

export interface TemplateVersionDiff extends TemplateDiff {
  key: string;
  from: number;
  to: number;
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

  /**
   * The latest version of every template: the shipped models in the reference document's order
   * (1, 2, 3: the order people know them by), then any others by key.
   */
  async list(): Promise<TemplateSummary[]> {
    const rows = await this.prisma.templateVersion.findMany({
      distinct: ['templateKey'],
      orderBy: [{ templateKey: 'asc' }, { version: 'desc' }],
      include: { _count: { select: { tasks: true } } },
    });
    const order = catalogueOrder();
    const rank = (key: string) => order.get(key) ?? order.size;
    rows.sort((a, b) => rank(a.templateKey) - rank(b.templateKey));
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
    const record = await findTemplateVersion(this.prisma, key, version);
    if (!record) {
      if (version === undefined) throw new NotFoundError('Template', key);
      throw new NotFoundError('Template version', `${key}@${version}`);
    }
    return record;
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
    return { ...toVersionHeader(row), taskCount: row._count.tasks };
  }
}
