import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { NotFoundError } from '../common/errors/domain-errors';
import { toPage } from '../common/paging/cursor';
import { DEFAULT_PAGE_SIZE } from '../common/paging/page-query.dto';
import { findEngagementInScope } from '../engagements/engagement-queries';
import { PrismaService } from '../prisma/prisma.service';
import { checkAuditChain } from './audit-chain.repository';
import { actorOfRow, eventCursor, eventIdAfter } from './event-rows';
import type { AuditEventDto, AuditPageDto, AuditVerificationDto } from './dto/audit-event.dto';

export interface AuditPageRequest {
  taskKey?: string;
  limit?: number;
  cursor?: string;
}

/** Reads an engagement's audit history, oldest first, in pages. */
@Injectable()
export class AuditHistoryService {
  constructor(private readonly prisma: PrismaService) {}

  async forEngagement(
    engagementId: string,
    page: AuditPageRequest,
    principal: Principal,
  ): Promise<AuditPageDto> {
    await findEngagementInScope(this.prisma, engagementId, principal);
    return this.page(engagementId, page);
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
    await findEngagementInScope(this.prisma, engagementId, principal);
    const task = await this.prisma.task.findUnique({
      where: { engagementId_key: { engagementId, key: taskKey } },
      select: { id: true },
    });
    if (!task) throw new NotFoundError('Task', taskKey);
    return this.page(engagementId, { ...page, taskKey });
  }

  private async page(
    engagementId: string,
    { taskKey, limit = DEFAULT_PAGE_SIZE, cursor }: AuditPageRequest,
  ) {
    const after = eventIdAfter(cursor);
    const rows = await this.prisma.auditEvent.findMany({
      where: {
        engagementId,
        ...(taskKey !== undefined ? { taskKey } : {}),
        ...(after !== undefined ? { id: { gt: after } } : {}),
      },
      orderBy: { id: 'asc' },
      take: limit + 1,
    });
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
        requestId: row.requestId,
      }),
      eventCursor,
    );
  }
}
