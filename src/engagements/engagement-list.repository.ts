import { containsPattern } from '../common/sql/like-pattern';
import { Prisma } from '../generated/prisma/client';
import type { PrismaTx } from '../prisma/prisma.service';
import { OPEN_TASK_SQL, overdueSql } from '../reports/overdue-rules';
import type { EngagementSort, EngagementSortKey } from './engagement-sort';
import type { EngagementStatus } from './engagement-status';
import type { CloudProvider, SecurityTier } from './template-snapshot';

/** Which engagements to list, in which order, from where. */
export interface EngagementListQuery {
  /** Every condition applies: the caller's scope and the request's filter may both name one. */
  customerIds: string[];
  status?: EngagementStatus;
  templateKey?: string;
  /** With (true) or without (false) a task overdue on `today`. */
  overdue?: boolean;
  /** Text the customer's or the engagement's name contains, case-insensitively. */
  q?: string;
  sort: EngagementSort;
  /** Sort-key value (as `sortKey` gave it) and id of the last row of the previous page. */
  after?: { sortKey: string; id: string };
  limit: number;
  today: string;
}

export interface EngagementSummaryRow {
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
  nextDueKey: string | null;
  nextDueTitle: string | null;
  nextDueDate: string | null;
  /** This row's sort-key value as text, for the next page's cursor. */
  sortKey: string;
}

const endless = (descending: boolean) => (descending ? '-infinity' : 'infinity');

/**
 * Each order as SQL over `e` (engagement), `c` (customer) and `d.today`: the key expression, its
 * text form (exact: binding it back with `cast` gives the same value), and for keys that are
 * aggregates of the tasks, the lateral joins that compute them. Names compare by code point of
 * their lower-case form, so the order does not depend on the database's collation.
 */
interface SortSql {
  key: (descending: boolean) => string;
  text: (descending: boolean) => string;
  cast: string;
  joins?: string;
}

const SORTS: Record<EngagementSortKey, SortSql> = {
  createdAt: {
    key: () => 'e.created_at',
    text: () => `to_char(e.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
    cast: 'timestamptz',
  },
  customer: {
    key: () => 'lower(c.name) COLLATE "C"',
    text: () => 'lower(c.name)',
    cast: 'text COLLATE "C"',
  },
  name: {
    key: () => 'lower(e.name) COLLATE "C"',
    text: () => 'lower(e.name)',
    cast: 'text COLLATE "C"',
  },
  startDate: {
    key: () => 'e.start_date',
    text: () => `to_char(e.start_date, 'YYYY-MM-DD')`,
    cast: 'date',
  },
  progress: {
    // progressFromCounts' percent: closed tasks of all, rounded down; 0 without tasks. Closed is
    // counted as all minus open, so both counts are index-only scans (the task rows are wide).
    key: () => 'CASE WHEN kt.total = 0 THEN 0 ELSE (kt.total - ko.open) * 100 / kt.total END',
    text: () =>
      '(CASE WHEN kt.total = 0 THEN 0 ELSE (kt.total - ko.open) * 100 / kt.total END)::text',
    cast: 'int',
    joins: `CROSS JOIN LATERAL (SELECT count(*)::int AS total FROM task t WHERE t.engagement_id = e.id) kt
            CROSS JOIN LATERAL (SELECT count(*)::int AS open FROM task t
                                 WHERE t.engagement_id = e.id AND ${OPEN_TASK_SQL}) ko`,
  },
  overdue: {
    key: () => 'k.value',
    text: () => 'k.value::text',
    cast: 'int',
    joins: `CROSS JOIN LATERAL (SELECT count(*)::int AS value FROM task t
                                 WHERE t.engagement_id = e.id AND ${overdueSql('d.today')}) k`,
  },
  nextDue: {
    // No task due sorts last either way: after every date ascending, before every date descending.
    key: (descending) => `COALESCE(k.value, '${endless(descending)}'::date)`,
    text: (descending) => `COALESCE(to_char(k.value, 'YYYY-MM-DD'), '${endless(descending)}')`,
    cast: 'date',
    joins: `CROSS JOIN LATERAL (SELECT min(t.due_date) AS value FROM task t
                                 WHERE t.engagement_id = e.id AND e.status = 'ACTIVE' AND ${OPEN_TASK_SQL}) k`,
  },
};

/**
 * One page of engagement summaries in ONE statement. `page` picks the page's ids in the requested
 * order — with a task aggregate only when the order needs one — so the counts and the next due
 * task are computed for the rows shown, not for every engagement that matches.
 */
export function engagementSummaryPage(
  db: PrismaTx,
  query: EngagementListQuery,
): Promise<EngagementSummaryRow[]> {
  const sort = SORTS[query.sort.key];
  const descending = query.sort.descending;
  const key = Prisma.raw(sort.key(descending));
  const direction = Prisma.raw(descending ? 'DESC' : 'ASC');
  const where: Prisma.Sql[] = query.customerIds.map(
    (id) => Prisma.sql`e.customer_id = ${id}::uuid`,
  );
  if (query.status) where.push(Prisma.sql`e.status = ${query.status}::engagement_status`);
  if (query.templateKey) where.push(Prisma.sql`e.template_key = ${query.templateKey}`);
  if (query.overdue !== undefined) {
    const exists = `EXISTS (SELECT 1 FROM task t WHERE t.engagement_id = e.id AND ${overdueSql('d.today')})`;
    where.push(Prisma.raw(query.overdue ? exists : `NOT ${exists}`));
  }
  if (query.q !== undefined) {
    const pattern = containsPattern(query.q);
    where.push(
      Prisma.sql`(c.name ILIKE ${pattern} ESCAPE '\\' OR e.name ILIKE ${pattern} ESCAPE '\\')`,
    );
  }
  if (query.after) {
    const value = Prisma.sql`${query.after.sortKey}::${Prisma.raw(sort.cast)}`;
    where.push(
      Prisma.sql`(${key}, e.id) ${Prisma.raw(descending ? '<' : '>')} (${value}, ${query.after.id}::uuid)`,
    );
  }
  const joins = sort.joins ? Prisma.raw(sort.joins) : Prisma.empty;
  return db.$queryRaw<EngagementSummaryRow[]>`
    WITH page AS (
      SELECT e.id, ${key} AS sort_key, ${Prisma.raw(sort.text(descending))} AS sort_text
        FROM engagement e
        JOIN customer c ON c.id = e.customer_id
       CROSS JOIN (SELECT ${query.today}::date AS today) d
       ${joins}
       ${where.length ? Prisma.sql`WHERE ${Prisma.join(where, ' AND ')}` : Prisma.empty}
       ORDER BY ${key} ${direction}, e.id ${direction}
       LIMIT ${query.limit}::int
    )
    SELECT e.id::text AS "id", e.customer_id::text AS "customerId", c.name AS "customerName",
           e.template_key AS "templateKey", e.template_version AS "templateVersion", e.name,
           e.cloud_provider::text AS "cloudProvider", e.security_tier::text AS "securityTier",
           to_char(e.start_date, 'YYYY-MM-DD') AS "startDate", e.status::text AS "status",
           e.cancel_reason AS "cancelReason", e.created_at AS "createdAt", e.updated_at AS "updatedAt",
           agg.total, agg.done, agg.not_applicable AS "notApplicable", agg.overdue AS "overdueCount",
           nd.key AS "nextDueKey", nd.title AS "nextDueTitle",
           to_char(nd.due_date, 'YYYY-MM-DD') AS "nextDueDate", p.sort_text AS "sortKey"
      FROM page p
      JOIN engagement e ON e.id = p.id
      JOIN customer c ON c.id = e.customer_id
     CROSS JOIN (SELECT ${query.today}::date AS today) d
     CROSS JOIN LATERAL (
       SELECT count(*)::int AS total,
              (count(*) FILTER (WHERE t.status = 'DONE'))::int AS done,
              (count(*) FILTER (WHERE t.status = 'NOT_APPLICABLE'))::int AS not_applicable,
              (count(*) FILTER (WHERE ${Prisma.raw(overdueSql('d.today'))}))::int AS overdue
         FROM task t WHERE t.engagement_id = e.id
     ) agg
      -- nextDueTask (engagement-status.ts): the open task due first, by position on a tie.
      LEFT JOIN LATERAL (
       SELECT t.key, t.title, t.due_date FROM task t
        WHERE t.engagement_id = e.id AND e.status = 'ACTIVE' AND ${Prisma.raw(OPEN_TASK_SQL)}
        ORDER BY t.due_date, t.position
        LIMIT 1
     ) nd ON true
     ORDER BY p.sort_key ${direction}, p.id ${direction}`;
}
