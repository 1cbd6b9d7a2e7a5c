import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../audit/audit-event';
import type { Principal } from '../auth/principal';
import { addDays, toDbDate } from '../common/domain/calendar-date';
import { startDateProblem } from './due-dates';
import { BusinessRuleError, FieldProblem } from '../common/errors/domain-errors';
import { formatEtag, parseIfMatch } from '../common/http/etag';
import { HttpResult } from '../common/http/http-result';
import { IdempotencyService } from '../common/idempotency/idempotency.service';
import { PrismaService } from '../prisma/prisma.service';
import { contactProblems } from './contact-rules';
import { normaliseContacts } from './contacts';
import type { EngagementDto, EngagementPageDto } from './dto/engagement.dto';
import type {
  CreateEngagementDto,
  ListEngagementsQueryDto,
  UpdateEngagementDto,
} from './dto/engagement-input.dto';
import { findEngagementInScope, listEngagements, readEngagement } from './engagement-queries';
import { applyEngagementUpdate } from './engagement-updater';
import { checklistForTier, isProviderAllowed } from './template-snapshot';
import type { TemplateVersionRecord } from '../templates/template-version.repository';
import { TemplateVersionCache } from '../templates/template-version.cache';
import { EngagementCreationRepository } from './engagement-creation.repository';
import { customerNameTaken } from '../customers/customer-name';
import { toEngagementDto } from './engagement.mapper';

const withEtag = (engagement: EngagementDto): HttpResult<EngagementDto> => ({
  status: 200,
  body: engagement,
  headers: { ETag: engagement.etag },
});

@Injectable()
export class EngagementsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly idempotency: IdempotencyService,
    private readonly creation: EngagementCreationRepository,
    private readonly templates: TemplateVersionCache,
  ) {}

  /**
   * Creates the engagement, its contacts, its tasks and the audit event in one statement (and,
   * with an Idempotency-Key, the stored response too; with `customer`, the new customer too).
   * The response is built from what was written: nothing is read back.
   */
  create(
    input: CreateEngagementDto,
    actor: Actor,
    idempotencyKey: string | undefined,
  ): Promise<HttpResult<EngagementDto>> {
    return this.idempotency.runAtomic(
      { scope: `${actor.id}:POST /engagements`, key: idempotencyKey, body: input },
      async (record) => {
        const created = await this.plan(input);
        const result: HttpResult<EngagementDto> = {
          status: 201,
          body: toEngagementDto(
            created.engagement,
            created.customerName,
            created.contacts,
            created.tasks,
          ),
          location: `/api/v1/engagements/${created.engagement.id}`,
          headers: { ETag: formatEtag(created.engagement.version) },
        };
        await this.creation.insert({
          ...created,
          actor,
          idempotency: record && { record, result },
        });
        return result;
      },
    );
  }

  list(query: ListEngagementsQueryDto, principal: Principal): Promise<EngagementPageDto> {
    return listEngagements(this.prisma, query, principal);
  }

  async get(id: string, principal: Principal): Promise<HttpResult<EngagementDto>> {
    await findEngagementInScope(this.prisma, id, principal);
    return withEtag(await readEngagement(this.prisma, id));
  }

  /** PATCH: If-Match is optional; when given it must name the current version (412 if not). */
  update(
    id: string,
    input: UpdateEngagementDto,
    ifMatch: string | undefined,
    actor: Actor,
  ): Promise<HttpResult<EngagementDto>> {
    const precondition = parseIfMatch(ifMatch);
    return this.prisma.$transaction(async (tx) => {
      await applyEngagementUpdate(tx, id, input, precondition, actor);
      return withEtag(await readEngagement(tx, id));
    });
  }

  /** Checks the request against what it refers to, and lays out every row to write. */
  private async plan(input: CreateEngagementDto) {
    const contacts = normaliseContacts(input.contacts);
    // The DTO lets through exactly one of customerId and customer.
    const newCustomer = input.customer && {
      id: randomUUID(),
      name: input.customer.name,
      externalRef: input.customer.externalRef ?? null,
    };
    const customerId = newCustomer?.id ?? input.customerId!;
    const refs = await this.creation.references(
      newCustomer ? { newName: newCustomer.name } : { id: customerId },
      input.templateKey,
      input.templateVersion,
    );
    if (newCustomer && refs.customerName !== null) {
      throw customerNameTaken('customer.name', refs.customerName);
    }
    const customerName = newCustomer?.name ?? refs.customerName;
    const template = refs.templateVersionId
      ? await this.templates.get(refs.templateVersionId)
      : undefined;
    const problems: FieldProblem[] = [];
    if (customerName === null) {
      problems.push({ field: 'customerId', message: 'refers to no customer' });
    }
    if (!template) {
      problems.push(unknownTemplateProblem(input, refs.templateExists));
    } else {
      if (!isProviderAllowed(template.allowedCloudProviders, input.cloudProvider)) {
        problems.push({
          field: 'cloudProvider',
          message: `is not supported by template ${template.key}; allowed: ${template.allowedCloudProviders?.join(', ')}`,
        });
      }
      problems.push(...contactProblems(contacts, template.parties));
      const dates = startDateProblem(
        input.startDate,
        template.tasks.map((task) => task.dueOffsetDays),
      );
      if (dates) problems.push(dates);
    }
    if (customerName === null || !template || problems.length > 0) {
      throw new BusinessRuleError(
        `The engagement cannot be created: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`,
        problems,
      );
    }

    const id = randomUUID();
    const now = new Date();
    const name = input.name ?? `${customerName} — ${template.name}`;
    const tasks = taskInstances(id, template, input, now);
    // What the creation event records, each field from null to its first value.
    const created = {
      customerId,
      templateKey: template.key,
      templateVersion: template.version,
      name,
      cloudProvider: input.cloudProvider,
      securityTier: input.securityTier,
      startDate: input.startDate,
      status: 'ACTIVE' as const,
    };
    return {
      newCustomer,
      customerName,
      engagement: {
        id,
        ...created,
        templateVersionId: template.id,
        cancelReason: null,
        // A new engagement is at version 1 (the column's default), like each of its tasks.
        version: 1,
        createdAt: now,
        updatedAt: now,
      },
      contacts: contacts.map((contact) => ({ id: randomUUID(), ...contact })),
      tasks,
      event: {
        action: 'engagement.created',
        taskKey: null,
        reason: null,
        changes: Object.fromEntries(
          Object.entries({
            ...created,
            contacts,
            tasks: template.tasks.map((task) => task.key),
          }).map(([field, to]) => [field, { from: null, to }]),
        ),
      },
    };
  }
}

/** One task instance per template task: a snapshot, so later template versions change nothing. */
function taskInstances(
  engagementId: string,
  template: TemplateVersionRecord,
  input: CreateEngagementDto,
  now: Date,
) {
  return template.tasks.map((task) => ({
    id: randomUUID(),
    engagementId,
    templateTaskId: task.id,
    key: task.key,
    position: task.position,
    title: task.title,
    checklist: checklistForTier(task.checklist, input.securityTier),
    raci: task.raci,
    dependsOn: task.dependsOn,
    status: 'NOT_STARTED' as const,
    dueDate: toDbDate(addDays(input.startDate, task.dueOffsetDays)),
    assignee: null,
    note: null,
    statusReason: null,
    version: 1,
    updatedAt: now,
  }));
}

function unknownTemplateProblem(input: CreateEngagementDto, templateExists: boolean): FieldProblem {
  return templateExists && input.templateVersion !== undefined
    ? {
        field: 'templateVersion',
        message: `template ${input.templateKey} has no version ${input.templateVersion}`,
      }
    : { field: 'templateKey', message: 'refers to no published template' };
}
