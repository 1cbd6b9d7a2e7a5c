import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { NotFoundError } from '../common/errors/domain-errors';
import { toPage } from '../common/paging/cursor';
import { DEFAULT_PAGE_SIZE } from '../common/paging/page-query.dto';
import { findEngagementInScope } from '../engagements/engagement-queries';
import { PrismaService } from '../prisma/prisma.service';
import { assigneePerson, findAssigneePeople, type AssigneePeople } from '../users/assignee-people';
import { checkAuditChain } from './audit-chain.repository';
import { actorOfRow, eventCursor, eventIdAfter, type EventOrder } from './event-rows';
import type { AuditEventDto, AuditPageDto, AuditVerificationDto } from './dto/audit-event.dto';

export interface AuditPageRequest {
  taskKey?: string;
  limit?: number;
  cursor?: string;
  order?: EventOrder;
}

/** Reads an engagement's audit history, oldest (or newest) first, in pages. */
@Injectable()
export class AuditHistoryService {
  constructor(private readonly prisma: PrismaService) {}

  async forEngagement(
    engagementId: string,
    page: AuditPageRequest,
    principal: Principal,
  ): Promise<AuditPageDto> {
    const { customerId } = await findEngagementInScope(this.prisma, engagementId, principal);
    return this.page(engagementId, customerId, page);
  }

  /** Recomputes the engagement's audit hash chain: was any event changed, removed or inserted? */
  async verify(engagementId: string, principal: Principal): Promise<AuditVerificationDto> {
    await findEngagementInScope(this.prisma, engagementId, principal);
    const check = await checkAuditChain(this.prisma, engagementId);
    return {
      engagementId,
      events: check.events,
      intact: check.firstBroken === null,
      firstBreak: check.firstBroken && {
        eventId: check.firstBroken.id,
        position: check.firstBroken.position,
        reason: check.firstBroken.reason,
      },
      headHash: check.headHash,
    };
  }

  async forTask(
    engagementId: string,
    taskKey: string,
    page: AuditPageRequest,
    principal: Principal,
  ): Promise<AuditPageDto> {
    const { customerId } = await findEngagementInScope(this.prisma, engagementId, principal);
    const task = await this.prisma.task.findUnique({
      where: { engagementId_key: { engagementId, key: taskKey } },
      select: { id: true },
    });
    if (!task) throw new NotFoundError('Task', taskKey);
    return this.page(engagementId, customerId, { ...page, taskKey });
  }

  private async page(
    engagementId: string,
    customerId: string,
    { taskKey, limit = DEFAULT_PAGE_SIZE, cursor, order = 'oldest' }: AuditPageRequest,
  ) {
    const after = eventIdAfter(cursor, order);
    const newest = order === 'newest';
    const rows = await this.prisma.auditEvent.findMany({
      where: {
        engagementId,
        ...(taskKey !== undefined ? { taskKey } : {}),
        ...(after !== undefined ? { id: newest ? { lt: after } : { gt: after } } : {}),
      },
      orderBy: { id: newest ? 'desc' : 'asc' },
      take: limit + 1,
    });
    // Assignees given as user ids are named for the reader, the whole page in one query; the
    // events keep the ids they recorded (names change, the record does not).
    const assignees = rows.map((row) => assigneeChange(row.changes));
    const people = await findAssigneePeople(
      this.prisma,
      customerId,
      assignees.flatMap(({ from, to }) => [from, to]),
    );
    return toPage(
      rows,
      limit,
      (row): AuditEventDto => ({
        id: row.id.toString(),
        at: row.at.toISOString(),
        actor: actorOfRow(row),
        action: row.action,
        engagementId: row.engagementId,
        taskKey: row.taskKey,
        changes: row.changes as AuditEventDto['changes'],
        reason: row.reason,
        people: namedPeople(people, assigneeChange(row.changes)),
        requestId: row.requestId,
      }),
      eventCursor(order),
    );
  }
}

/** An event's change of assignee, if any: free text or user ids, as recorded. */
function assigneeChange(changes: unknown): { from: unknown; to: unknown } {
  const change = (changes as Record<string, { from?: unknown; to?: unknown } | undefined>)
    ?.assignee;
  return { from: change?.from ?? null, to: change?.to ?? null };
}

function namedPeople(
  people: AssigneePeople,
  { from, to }: { from: unknown; to: unknown },
): AuditEventDto['people'] {
  const named: AuditEventDto['people'] = {};
  for (const value of [from, to]) {
    const person = typeof value === 'string' ? assigneePerson(people, value) : null;
    if (person) named[value as string] = person;
  }
  return named;
}
