import type { PrismaService } from '../prisma/prisma.service';
import { AgeBand, ageBandSql } from './overdue-rules';
import type { BandCount } from './overdue-summary';
import {
  OverdueFilters,
  OverdueRow,
  overdueRowsSql,
  overdueWhereSql,
  readOverdueRows,
  SqlQuery,
} from './overdue.report';

/**
 * The overdue board: the report's counts and one page of its items at a time, computed by
 * PostgreSQL over the same partial index instead of shipping every overdue task to this process.
 */

/**
 * Each distinct accountable party of a task with the engagement's primary contact for it (null
 * name and email when none is named): accountableParties and primaryContact in SQL. Malformed RACI
 * entries are skipped as raciEntries skips them.
 */
function accountableSql(accountable: string, primaryContacts: string): string {
  return `
    SELECT a.party, pc.name AS contact_name, pc.email AS contact_email
      FROM (SELECT DISTINCT entry ->> 'party' AS party
              FROM jsonb_array_elements(
                     CASE WHEN jsonb_typeof(${accountable}) = 'array' THEN ${accountable} ELSE '[]'::jsonb END
                   ) entry
             WHERE jsonb_typeof(entry -> 'party') = 'string') a
      LEFT JOIN LATERAL (
        SELECT p ->> 1 AS name, p ->> 2 AS email
          FROM jsonb_array_elements(${primaryContacts}) p
         WHERE p ->> 0 = a.party
         LIMIT 1
      ) pc ON true`;
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
 * Overdue tasks counted per age band, in one statement: over all tasks (each once), and per
 * accountable party and its primary contact (a joint task once per party). Only the counts leave
 * the database. With a `party` filter only that party's groups are counted, as in the report.
 */
export function buildOverdueSummaryQuery(filters: OverdueFilters): SqlQuery {
  const values: string[] = [];
  const where = overdueWhereSql(filters, values);
  const onlyParty =
    filters.party === undefined ? '' : `\n   WHERE acc.party = $${values.push(filters.party)}`;
  const text = `
WITH overdue AS MATERIALIZED (
  SELECT t.raci -> 'accountable' AS accountable, e.primary_contacts,
         $1::date - t.due_date AS days, ${ageBandSql('($1::date - t.due_date)')} AS band
    FROM task t
    JOIN engagement e ON e.id = t.engagement_id
   WHERE ${where.join('\n     AND ')}
)
SELECT NULL::text AS party, NULL::text AS contact_name, NULL::text AS contact_email, o.band,
       count(*)::int AS count, max(o.days)::int AS max_days
  FROM overdue o
 GROUP BY o.band
UNION ALL
SELECT acc.party, acc.contact_name, acc.contact_email, o.band,
       count(*)::int AS count, max(o.days)::int AS max_days
  FROM overdue o
 CROSS JOIN LATERAL (${accountableSql('o.accountable', 'o.primary_contacts')}
 ) acc${onlyParty}
 GROUP BY acc.party, acc.contact_name, acc.contact_email, o.band`;
  return { text, values };
}

export async function fetchOverdueBandCounts(
  prisma: PrismaService,
  filters: OverdueFilters,
): Promise<BandCount[]> {
  const { text, values } = buildOverdueSummaryQuery(filters);
  const result = await prisma.pool.query<BandCountRow>(text, values);
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
 * position, engagement id), starting after `after`: PostgreSQL sorts the overdue tasks and returns
 * `limit` rows, so a page costs the same whatever the size of the report.
 */
export function buildOverdueItemsQuery(filters: OverdueItemFilters): SqlQuery {
  const values: string[] = [];
  const where = overdueWhereSql(filters, values);
  const bind = (value: string | number) => `$${values.push(String(value))}`;
  if (filters.contactEmail !== undefined) {
    const party = filters.party === undefined ? '' : `acc.party = ${bind(filters.party)} AND `;
    const contact =
      filters.contactEmail === null
        ? 'acc.contact_email IS NULL'
        : `acc.contact_email = ${bind(filters.contactEmail)}`;
    where.push(
      `EXISTS (SELECT 1 FROM (${accountableSql("t.raci -> 'accountable'", 'e.primary_contacts')}
      ) acc WHERE ${party}${contact})`,
    );
  }
  const order = `o.due_date, c.name COLLATE "C", o.position, o.engagement_id`;
  let keyset = '';
  if (filters.after) {
    const { dueDate, customerName, position, engagementId } = filters.after;
    const dueDateParam = bind(dueDate);
    // Earlier due dates cannot follow: the index range starts at the last page's date.
    where.push(`t.due_date >= ${dueDateParam}::date`);
    keyset =
      `\n WHERE (${order}) > (${dueDateParam}::date, ${bind(customerName)}::text COLLATE "C", ` +
      `${bind(position)}::int, ${bind(engagementId)}::uuid)`;
  }
  const tail = `${keyset}\n ORDER BY ${order}\n LIMIT ${bind(filters.limit)}::int`;
  return { text: overdueRowsSql(where, tail), values };
}

export function fetchOverdueItemsPage(
  prisma: PrismaService,
  filters: OverdueItemFilters,
): Promise<OverdueRow[]> {
  return readOverdueRows(prisma, buildOverdueItemsQuery(filters));
}
