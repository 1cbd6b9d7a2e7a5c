import { prepared } from '../prisma/prepared-statement';
import type { PrismaService } from '../prisma/prisma.service';
import { AgeBand, ageBandSql } from './overdue-rules';
import type { BandCount } from './overdue-summary';
import {
  OVERDUE_COLUMNS,
  OVERDUE_ORDER,
  OverdueFilters,
  OverdueRow,
  overdueWhereSql,
  readOverdueRows,
  SqlQuery,
} from './overdue.report';

/**
 * The overdue board: the report's counts and one page of its items at a time, computed by
 * PostgreSQL from the same partial index instead of shipping every overdue task to this process.
 * Both read task `t` and engagement `e` in one pass: the summary is a GROUP BY, and a page of
 * items follows the index's due-date order and stops at its LIMIT.
 */

/**
 * The distinct accountable parties of task `t` (column `party`): accountableParties in SQL,
 * skipping malformed entries as raciEntries does. It reads `t.raci` whole, so PostgreSQL memoises
 * it over the few distinct RACI cells instead of parsing every task's.
 */
const ACCOUNTABLE_PARTIES_SQL = `
  SELECT DISTINCT entry ->> 'party' AS party
    FROM jsonb_array_elements(
           CASE WHEN jsonb_typeof(t.raci -> 'accountable') = 'array' THEN t.raci -> 'accountable'
                ELSE '[]'::jsonb END
         ) entry
   WHERE jsonb_typeof(entry -> 'party') = 'string'`;

/**
 * The primary contact (`name`, `email`) of `party` in engagement `e`: primaryContact in SQL, one
 * key lookup in the engagement's `primary_contacts` (null name and email when none is named).
 */
function primaryContactSql(party: string): string {
  return `SELECT e.primary_contacts -> ${party} ->> 'name' AS name,
         e.primary_contacts -> ${party} ->> 'email' AS email`;
}

interface BandCountRow {
  party: string | null;
  contact_name: string | null;
  contact_email: string | null;
  band: AgeBand;
  count: number;
  max_days: number;
}

/**
 * Overdue tasks counted per age band in one pass: over all tasks (party null; each task once,
 * however many parties are accountable, also when none is), and per accountable party and its
 * primary contact (a joint task once per party). Only the counts leave the database. With a
 * `party` filter only that party's groups are formed, as in the report.
 */
export function buildOverdueSummaryQuery(filters: OverdueFilters): SqlQuery {
  const values: string[] = [];
  const where = overdueWhereSql(filters, values);
  const onlyParty =
    filters.party === undefined
      ? ''
      : `\n     AND entry ->> 'party' = $${values.push(filters.party)}`;
  const text = `
SELECT a.party, pc.name AS contact_name, pc.email AS contact_email,
       ${ageBandSql('($1::date - t.due_date)')} AS band,
       (CASE WHEN GROUPING(a.party) = 1 THEN count(*) FILTER (WHERE a.first IS NOT FALSE)
             ELSE count(*) END)::int AS count,
       max($1::date - t.due_date)::int AS max_days
  FROM task t
  JOIN engagement e ON e.id = t.engagement_id
  -- One row per accountable party (none: one row, party null); "first" marks one row per task.
  LEFT JOIN LATERAL (
    SELECT p.party, p.party = min(p.party) OVER () AS first
      FROM (${ACCOUNTABLE_PARTIES_SQL}${onlyParty}) p
  ) a ON true
  CROSS JOIN LATERAL (${primaryContactSql('a.party')}) pc
 WHERE ${where.join('\n   AND ')}
 GROUP BY GROUPING SETS ((4), (1, 2, 3, 4))
HAVING GROUPING(a.party) = 1 OR a.party IS NOT NULL`;
  return { text, values };
}

export async function fetchOverdueBandCounts(
  prisma: PrismaService,
  filters: OverdueFilters,
): Promise<BandCount[]> {
  const { text, values } = buildOverdueSummaryQuery(filters);
  const result = await prisma.pool.query<BandCountRow>(prepared(text, values));
  return result.rows.map((row) => ({
    party: row.party,
    contactName: row.contact_name,
    contactEmail: row.contact_email,
    band: row.band,
    count: row.count,
    maxDaysOverdue: row.max_days,
  }));
}

/** Which overdue items to list, and from where. */
export interface OverdueItemFilters extends OverdueFilters {
  /**
   * Only tasks whose accountable party (the `party` filter's, else any) has this primary
   * contact, by email; `null`: whose accountable party has no primary contact named.
   */
  contactEmail?: string | null;
  /** The report-order position of the last item of the previous page. */
  after?: OverdueItemPosition;
  limit: number;
}

/** Where an item stands in report order. */
export interface OverdueItemPosition {
  dueDate: string;
  customerName: string;
  position: number;
  engagementId: string;
}

/**
 * One page of the report's items, in its order (due date, customer name by code point, task
 * position, engagement id), starting after `after`. PostgreSQL walks the open-task index in
 * due-date order, sorts only within a due date and stops after `limit` rows, so a page costs the
 * same whatever the size of the report.
 */
export function buildOverdueItemsQuery(filters: OverdueItemFilters): SqlQuery {
  const values: string[] = [];
  const where = overdueWhereSql(filters, values);
  const bind = (value: string | number) => `$${values.push(String(value))}`;
  if (filters.contactEmail !== undefined) {
    const party = filters.party === undefined ? '' : `a.party = ${bind(filters.party)} AND `;
    const contact =
      filters.contactEmail === null
        ? 'pc.email IS NULL'
        : `lower(pc.email) = lower(${bind(filters.contactEmail)})`;
    where.push(`EXISTS (
    SELECT 1 FROM (${ACCOUNTABLE_PARTIES_SQL}) a
     CROSS JOIN LATERAL (${primaryContactSql('a.party')}) pc
     WHERE ${party}${contact})`);
  }
  if (filters.after) {
    const { dueDate, customerName, position, engagementId } = filters.after;
    where.push(
      `(${OVERDUE_ORDER}) > (${bind(dueDate)}::date, ${bind(customerName)}::text COLLATE "C", ` +
        `${bind(position)}::int, ${bind(engagementId)}::uuid)`,
    );
  }
  const text = `
SELECT ${OVERDUE_COLUMNS}
  FROM task t
  JOIN engagement e ON e.id = t.engagement_id
  JOIN customer c ON c.id = e.customer_id
 WHERE ${where.join('\n   AND ')}
 ORDER BY ${OVERDUE_ORDER}
 LIMIT ${bind(filters.limit)}::int`;
  return { text, values };
}

export function fetchOverdueItemsPage(
  prisma: PrismaService,
  filters: OverdueItemFilters,
): Promise<OverdueRow[]> {
  return readOverdueRows(prisma, buildOverdueItemsQuery(filters));
}
