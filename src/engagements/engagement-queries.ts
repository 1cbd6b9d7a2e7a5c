import { confineToCustomer, customerScope, inScope } from '../auth/access-policy';
import type { Principal } from '../auth/principal';
import { calendarDateOf, todayUtc } from '../common/domain/calendar-date';
import { NotFoundError } from '../common/errors/domain-errors';
import { readCursor, toPage, isInstant, isUuid } from '../common/paging/cursor';
import type { PrismaTx } from '../prisma/prisma.service';
import { overdueSql } from '../reports/overdue-rules';
import { toTaskDto } from '../tasks/task.mapper';
import type { TaskStatus } from '../tasks/task-status';
import type { EngagementDto, EngagementPageDto, EngagementSummaryDto } from './dto/engagement.dto';
import type { ListEngagementsQueryDto } from './dto/engagement-input.dto';
import { progressFromCounts, progressOf, type EngagementStatus } from './engagement-status';
import type { CloudProvider, SecurityTier } from './template-snapshot';

export const DEFAULT_PAGE_SIZE = 50;

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
    include: {
      customer: { select: { name: true } },
      contacts: {
        orderBy: [{ party: 'asc' }, { primary: 'desc' }, { name: 'asc' }, { email: 'asc' }],
      },
      tasks: { orderBy: { position: 'asc' } },
    },
  });
  if (!row) throw new NotFoundError('Engagement', id);
  const today = todayUtc();
  const tasks = row.tasks.map((task) => toTaskDto(task, row.status, today));
  return {
    id: row.id,
    customerId: row.customerId,
    customerName: row.customer.name,
    templateKey: row.templateKey,
    templateVersion: row.templateVersion,
    name: row.name,
    cloudProvider: row.cloudProvider,
    securityTier: row.securityTier,
    startDate: calendarDateOf(row.startDate),
    status: row.status,
    cancelReason: row.cancelReason,
    progress: progressOf(row.tasks.map((task) => task.status)),
    overdueCount: tasks.filter((task) => task.overdue).length,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    contacts: row.contacts.map(({ party, name, email, primary }) => ({
      party,
      name,
      email,
      primary,
    })),
    tasks,
  };
}

interface SummaryRow {
  id: string;
  customerId: string;
  customerName: string;
  templateKey: string;
  templateVersion: number;
  name: string;
  cloudProvider: CloudProvider;
  securityTier: SecurityTier;
  startDate: string;
  status: EngagementStatus;
  cancelReason: string | null;
  createdAt: Date;
  updatedAt: Date;
  total: number;
  done: number;
  notApplicable: number;
  overdueCount: number;
}

/**
 * One page of engagements in creation order, each with its progress and overdue count, in one
 * query: a lateral aggregate per engagement row rather than a query per engagement.
 */
export async function listEngagements(
  db: PrismaTx,
  query: ListEngagementsQueryDto,
  principal: Principal,
): Promise<EngagementPageDto> {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  const customerId = confineToCustomer(customerScope(principal), query.customerId);
  if (customerId === null) return { items: [], nextCursor: null };
  const params: unknown[] = [todayUtc()];
  const where: string[] = [];
  const bind = (value: unknown, cast: string) => {
    params.push(value);
    return `$${params.length}::${cast}`;
  };
  if (customerId !== undefined) where.push(`e.customer_id = ${bind(customerId, 'uuid')}`);
  if (query.status) where.push(`e.status = ${bind(query.status, 'engagement_status')}`);
  if (query.templateKey) where.push(`e.template_key = ${bind(query.templateKey, 'text')}`);
  if (query.overdue === true) {
    where.push(
      `EXISTS (SELECT 1 FROM task t WHERE t.engagement_id = e.id AND ${overdueSql('$1::date')})`,
    );
  } else if (query.overdue === false) {
    where.push(
      `NOT EXISTS (SELECT 1 FROM task t WHERE t.engagement_id = e.id AND ${overdueSql('$1::date')})`,
    );
  }
  if (query.cursor) {
    const position = readCursor(query.cursor, { at: isInstant, id: isUuid });
    where.push(
      `(e.created_at, e.id) > (${bind(position.at, 'timestamptz')}, ${bind(position.id, 'uuid')})`,
    );
  }
  const rows = await db.$queryRawUnsafe<SummaryRow[]>(
    `SELECT e.id::text AS "id", e.customer_id::text AS "customerId", c.name AS "customerName",
            e.template_key AS "templateKey", e.template_version AS "templateVersion", e.name,
            e.cloud_provider::text AS "cloudProvider", e.security_tier::text AS "securityTier",
            e.start_date::text AS "startDate", e.status::text AS "status",
            e.cancel_reason AS "cancelReason", e.created_at AS "createdAt", e.updated_at AS "updatedAt",
            agg.total, agg.done, agg.not_applicable AS "notApplicable", agg.overdue AS "overdueCount"
       FROM engagement e
       JOIN customer c ON c.id = e.customer_id
       CROSS JOIN LATERAL (
         SELECT count(*)::int AS total,
                (count(*) FILTER (WHERE t.status = 'DONE'))::int AS done,
                (count(*) FILTER (WHERE t.status = 'NOT_APPLICABLE'))::int AS not_applicable,
                (count(*) FILTER (WHERE ${overdueSql('$1::date')}))::int AS overdue
           FROM task t WHERE t.engagement_id = e.id
       ) agg
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY e.created_at, e.id
      LIMIT ${bind(limit + 1, 'int')}`,
    ...params,
  );
  return toPage(rows, limit, toSummary, (row) => ({
    at: new Date(row.createdAt).toISOString(),
    id: row.id,
  }));
}

function toSummary(row: SummaryRow): EngagementSummaryDto {
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
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

/** The statuses of all tasks of an engagement, for the engagement-status rule. */
export async function taskStatusesOf(db: PrismaTx, engagementId: string): Promise<TaskStatus[]> {
  const tasks = await db.task.findMany({ where: { engagementId }, select: { status: true } });
  return tasks.map((task) => task.status);
}
