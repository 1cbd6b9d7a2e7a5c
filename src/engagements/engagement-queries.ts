import { confineToCustomer, customerScope, inScope } from '../auth/access-policy';
import type { Principal } from '../auth/principal';
import { calendarDateOf, todayUtc } from '../common/domain/calendar-date';
import { NotFoundError } from '../common/errors/domain-errors';
import { isUuid, readCursor, toPage } from '../common/paging/cursor';
import { DEFAULT_PAGE_SIZE } from '../common/paging/page-query.dto';
import type { PrismaTx } from '../prisma/prisma.service';
import type { EngagementDto, EngagementPageDto, EngagementSummaryDto } from './dto/engagement.dto';
import type { ListEngagementsQueryDto } from './dto/engagement-input.dto';
import { engagementSummaryPage, type EngagementSummaryRow } from './engagement-list.repository';
import { isSortValue, parseEngagementSort } from './engagement-sort';
import { progressFromCounts } from './engagement-status';
import { toEngagementDto } from './engagement.mapper';
import { findAssigneePeople } from '../users/assignee-people';

/**
 * The engagement when the principal may see it. A CUSTOMER key asking for another customer's
 * engagement gets the same 404 as for one that does not exist.
 */
export async function findEngagementInScope(db: PrismaTx, id: string, principal: Principal) {
  const engagement = await db.engagement.findUnique({ where: { id } });
  if (!engagement || !inScope(customerScope(principal), engagement.customerId)) {
    throw new NotFoundError('Engagement', id);
  }
  return engagement;
}

/** The whole engagement: contacts, progress and every task by position. */
export async function readEngagement(db: PrismaTx, id: string): Promise<EngagementDto> {
  const row = await db.engagement.findUnique({
    where: { id },
    include: { customer: { select: { name: true } }, contacts: true, tasks: true },
  });
  if (!row) throw new NotFoundError('Engagement', id);
  const people = await findAssigneePeople(
    db,
    row.customerId,
    row.tasks.map((task) => task.assignee),
  );
  return toEngagementDto(
    { ...row, startDate: calendarDateOf(row.startDate) },
    row.customer.name,
    row.contacts,
    row.tasks,
    people,
  );
}

/**
 * One page of engagements in the requested order (creation order by default), each with its
 * progress, overdue count and next due task, in one query. The cursor carries the order it was
 * issued for and the last row's sort key: another order's cursor is refused, not misread.
 */
export async function listEngagements(
  db: PrismaTx,
  query: ListEngagementsQueryDto,
  principal: Principal,
): Promise<EngagementPageDto> {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  const sort = parseEngagementSort(query.sort);
  const after =
    query.cursor === undefined
      ? undefined
      : readCursor(query.cursor, {
          s: (value) => value === sort.spec,
          k: (value) => isSortValue(sort, value),
          id: isUuid,
        });
  const customerId = confineToCustomer(customerScope(principal), query.customerId);
  if (customerId === null) return { items: [], nextCursor: null };
  const rows = await engagementSummaryPage(db, {
    customerIds: customerId === undefined ? [] : [customerId],
    status: query.status,
    templateKey: query.templateKey,
    overdue: query.overdue,
    q: query.q,
    sort,
    after: after && { sortKey: after.k, id: after.id },
    limit: limit + 1,
    today: todayUtc(),
  });
  return toPage(rows, limit, toSummary, (row) => ({ s: sort.spec, k: row.sortKey, id: row.id }));
}

function toSummary(row: EngagementSummaryRow): EngagementSummaryDto {
  return {
    id: row.id,
    customerId: row.customerId,
    customerName: row.customerName,
    templateKey: row.templateKey,
    templateVersion: row.templateVersion,
    name: row.name,
    cloudProvider: row.cloudProvider,
    securityTier: row.securityTier,
    startDate: row.startDate,
    status: row.status,
    cancelReason: row.cancelReason,
    progress: progressFromCounts(row.total, row.done, row.notApplicable),
    overdueCount: row.overdueCount,
    nextDueTask:
      row.nextDueKey === null || row.nextDueTitle === null || row.nextDueDate === null
        ? null
        : { key: row.nextDueKey, title: row.nextDueTitle, dueDate: row.nextDueDate },
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}
