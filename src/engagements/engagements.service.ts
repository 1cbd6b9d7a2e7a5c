import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { appendAuditEvent, type Actor } from '../audit/audit-event';
import type { Principal } from '../auth/principal';
import { addDays, toDbDate } from '../common/domain/calendar-date';
import { BusinessRuleError, FieldProblem } from '../common/errors/domain-errors';
import { parseIfMatch } from '../common/http/etag';
import { HttpResult } from '../common/http/http-result';
import { IdempotencyService } from '../common/idempotency/idempotency.service';
import { PrismaService, PrismaTx } from '../prisma/prisma.service';
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
import {
  findTemplateVersion,
  type TemplateVersionRecord,
} from '../templates/template-version.repository';

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
  ) {}

  /** Creates the engagement, its tasks and the audit event in one transaction. */
  create(
    input: CreateEngagementDto,
    actor: Actor,
    idempotencyKey: string | undefined,
  ): Promise<HttpResult<EngagementDto>> {
    return this.idempotency.run(
      { scope: `${actor.id}:POST /engagements`, key: idempotencyKey, body: input },
      async (tx) => {
        const id = await this.insert(tx, input, actor);
        const body = await readEngagement(tx, id);
        return {
          status: 201,
          body,
          location: `/api/v1/engagements/${id}`,
          headers: { ETag: body.etag },
        };
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

  private async insert(tx: PrismaTx, input: CreateEngagementDto, actor: Actor): Promise<string> {
    const contacts = normaliseContacts(input.contacts);
    const customer = await tx.customer.findUnique({ where: { id: input.customerId } });
    const template = await findTemplateVersion(tx, input.templateKey, input.templateVersion);
    const problems: FieldProblem[] = [];
    if (!customer) problems.push({ field: 'customerId', message: 'refers to no customer' });
    if (!template) {
      problems.push(await unknownTemplateProblem(tx, input));
    } else {
      if (!isProviderAllowed(template.allowedCloudProviders, input.cloudProvider)) {
        problems.push({
          field: 'cloudProvider',
          message: `is not supported by template ${template.key}; allowed: ${template.allowedCloudProviders?.join(', ')}`,
        });
      }
      problems.push(...contactProblems(contacts, template.parties));
    }
    if (!customer || !template || problems.length > 0) {
      throw new BusinessRuleError(
        `The engagement cannot be created: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`,
        problems,
      );
    }

    const id = randomUUID();
    const name = input.name ?? `${customer.name} — ${template.name}`;
    await tx.engagement.create({
      data: {
        id,
        customerId: customer.id,
        templateVersionId: template.id,
        templateKey: template.key,
        templateVersion: template.version,
        name,
        cloudProvider: input.cloudProvider,
        securityTier: input.securityTier,
        startDate: toDbDate(input.startDate),
      },
    });
    await tx.engagementContact.createMany({
      data: contacts.map((contact) => ({ id: randomUUID(), engagementId: id, ...contact })),
    });
    await tx.task.createMany({ data: taskInstances(id, template, input) });
    await appendAuditEvent(tx, {
      actor,
      action: 'engagement.created',
      engagementId: id,
      changes: Object.fromEntries(
        Object.entries({
          customerId: customer.id,
          templateKey: template.key,
          templateVersion: template.version,
          name,
          cloudProvider: input.cloudProvider,
          securityTier: input.securityTier,
          startDate: input.startDate,
          status: 'ACTIVE',
          contacts,
          tasks: template.tasks.map((task) => task.key),
        }).map(([field, to]) => [field, { from: null, to }]),
      ),
    });
    return id;
  }
}

/** One task instance per template task: a snapshot, so later template versions change nothing. */
function taskInstances(
  engagementId: string,
  template: TemplateVersionRecord,
  input: CreateEngagementDto,
) {
  return template.tasks.map((task) => ({
    id: randomUUID(),
    engagementId,
    templateTaskId: task.id,
    key: task.key,
    position: task.position,
    title: task.title,
    checklist: checklistForTier(task.checklist, input.securityTier) as object[],
    raci: task.raci as object,
    dependsOn: task.dependsOn,
    status: 'NOT_STARTED' as const,
    dueDate: toDbDate(addDays(input.startDate, task.dueOffsetDays)),
    version: 1,
  }));
}

async function unknownTemplateProblem(
  tx: PrismaTx,
  input: CreateEngagementDto,
): Promise<FieldProblem> {
  const exists = await tx.template.findUnique({ where: { key: input.templateKey } });
  return exists && input.templateVersion !== undefined
    ? {
        field: 'templateVersion',
        message: `template ${input.templateKey} has no version ${input.templateVersion}`,
      }
    : { field: 'templateKey', message: 'refers to no published template' };
}
