import { Query } from 'pg';
import { prepared } from '../prisma/prepared-statement';
import type { PrismaService } from '../prisma/prisma.service';
import { EngagementContactRef, overdueSql } from './overdue-rules';

/** Which overdue tasks to read. */
export interface OverdueFilters {
  asOf: string;
  customerId?: string;
  templateKey?: string;
  /** Keep only tasks where this party is accountable. */
  party?: string;
}

/** One overdue task with what the report shows about it. */
export interface OverdueRow {
  engagementId: string;
  engagementName: string;
  customerId: string;
  customerName: string;
  taskKey: string;
  title: string;
  status: string;
  dueDate: string;
  /** The task's position in its template (the report's third sort key). */
  position: number;
  /** The task's RACI `accountable` and `responsible` lists, as stored. */
  raci: { accountable: unknown; responsible: unknown };
  /** The engagement's primary contacts. */
  contacts: EngagementContactRef[];
}

export interface SqlQuery {
  text: string;
  values: string[];
}

/** The columns of a report row, over `t` task, `e` engagement and `c` customer. */
export const OVERDUE_COLUMNS = `e.id::text AS engagement_id, e.name AS engagement_name, c.id::text AS customer_id,
       c.name AS customer_name, t.key, t.position, t.title, t.status::text,
       to_char(t.due_date, 'YYYY-MM-DD') AS due_date, (t.raci -> 'accountable')::text AS accountable,
       (t.raci -> 'responsible')::text AS responsible, e.primary_contacts::text AS contacts`;

/**
 * Report order: most days overdue (earliest due date) first, then customer name by code point
 * (whatever the database's collation), task position, and engagement id so that equal rows keep a
 * stable order.
 */
export const OVERDUE_ORDER = `t.due_date, c.name COLLATE "C", t.position, e.id`;

/**
 * The whole report in ONE query, in report order. Primary contacts come from the engagement row
 * itself (engagement.primary_contacts, kept by triggers): aggregating engagement_contact here cost
 * two thirds of the query at 5,000 overdue tasks. JSON columns travel as text and are parsed
 * here, once.
 *
 * Across customers, the rows stream in report order from the first millisecond: PostgreSQL walks
 * the open-task index in due-date order, looks each task's engagement and customer up (the
 * `OFFSET 0` subqueries keep it from building hash tables of every engagement first, which it
 * would otherwise choose because it overestimates how many open tasks are late), and sorts only
 * within a due date. So this process shapes and writes the items while PostgreSQL still produces
 * the rest (OverdueReportBuilder), instead of after the last row. For one customer the planner
 * starts from that customer's engagements, and the few rows are sorted at once.
 */
export function buildOverdueQuery(filters: OverdueFilters): SqlQuery {
  const values: string[] = [];
  const where = overdueWhereSql(filters, values);
  const joins =
    filters.customerId === undefined
      ? `CROSS JOIN LATERAL (
        SELECT e.id, e.name, e.customer_id, e.template_key, e.status, e.primary_contacts
          FROM engagement e WHERE e.id = t.engagement_id OFFSET 0) e
 CROSS JOIN LATERAL (SELECT c.id, c.name FROM customer c WHERE c.id = e.customer_id OFFSET 0) c`
      : `JOIN engagement e ON e.id = t.engagement_id
  JOIN customer c ON c.id = e.customer_id`;
  const text = `
SELECT ${OVERDUE_COLUMNS}
  FROM task t
 ${joins}
 WHERE ${where.join('\n   AND ')}
 ORDER BY ${OVERDUE_ORDER}`;
  return { text, values };
}

/**
 * The WHERE conditions (over `t` task and `e` engagement) of the overdue tasks the filters pick,
 * binding their values into `values`; the as-of date is always `$1`.
 */
export function overdueWhereSql(filters: OverdueFilters, values: string[]): string[] {
  values.push(filters.asOf);
  const where = [overdueSql('$1::date')];
  if (filters.customerId !== undefined) {
    values.push(filters.customerId);
    where.push(`e.customer_id = $${values.length}::uuid`);
  }
  if (filters.templateKey !== undefined) {
    values.push(filters.templateKey);
    where.push(`e.template_key = $${values.length}`);
  }
  if (filters.party !== undefined) {
    values.push(filters.party);
    where.push(
      `t.raci -> 'accountable' @> jsonb_build_array(jsonb_build_object('party', $${values.length}::text))`,
    );
  }
  return where;
}

interface OverdueResultRow {
  engagement_id: string;
  engagement_name: string;
  customer_id: string;
  customer_name: string;
  key: string;
  position: number;
  title: string;
  status: string;
  due_date: string;
  accountable: string;
  responsible: string;
  contacts: string | null;
}

/** Primary contacts arrive as `{party: {name, email}}`. */
function parseContacts(json: string | null): EngagementContactRef[] {
  if (json === null) return [];
  const byParty = JSON.parse(json) as Record<string, { name: string; email: string }>;
  return Object.entries(byParty).map(([party, { name, email }]) => ({
    party,
    name,
    email,
    primary: true,
  }));
}

function toRow(
  row: OverdueResultRow,
  contactsOf: (row: OverdueResultRow) => EngagementContactRef[],
  parseRaci: (json: string) => unknown,
): OverdueRow {
  return {
    engagementId: row.engagement_id,
    engagementName: row.engagement_name,
    customerId: row.customer_id,
    customerName: row.customer_name,
    taskKey: row.key,
    title: row.title,
    status: row.status,
    dueDate: row.due_date,
    position: row.position,
    raci: { accountable: parseRaci(row.accountable), responsible: parseRaci(row.responsible) },
    contacts: contactsOf(row),
  };
}

/** The rows of a query that selects the report's columns, in the order it gives them. */
export async function readOverdueRows(
  prisma: PrismaService,
  { text, values }: SqlQuery,
): Promise<OverdueRow[]> {
  // Straight through node-postgres: thousands of rows, and Prisma's per-value mapping of raw
  // results cost a third of the report's time.
  const result = await prisma.pool.query<OverdueResultRow>(prepared(text, values));
  return result.rows.map(overdueRowReader());
}

/**
 * Hands each row of the query to `onRow` as it arrives, while PostgreSQL still produces the rest:
 * work done here overlaps the query instead of following it, and no row is kept once handed over.
 * Resolves once every row was handed over; rejects with the query's error (the connection is then
 * closed, as the pool does after any failed query), or with the first error `onRow` threw (the
 * remaining rows are skipped).
 */
export async function streamOverdueRows(
  prisma: PrismaService,
  { text, values }: SqlQuery,
  onRow: (row: OverdueRow) => void,
): Promise<void> {
  const client = await prisma.pool.connect();
  const read = overdueRowReader();
  let failed: { error: unknown } | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      // The callback, not the 'error' and 'end' events: the pool's query_timeout wraps it, and
      // the query then reports its errors (and that timeout) only there.
      const query = new RowByRowQuery<OverdueResultRow>(prepared(text, values), (error) =>
        error ? reject(error) : resolve(),
      );
      query.on('row', (row: OverdueResultRow) => {
        if (failed) return;
        try {
          onRow(read(row));
        } catch (error) {
          failed = { error };
        }
      });
      void client.query(query);
    });
  } catch (error) {
    client.release(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
  client.release();
  if (failed) throw failed.error;
}

/**
 * A query whose rows are only handed to its 'row' listeners. node-postgres also collects every
 * row of a query that has a callback (here: always, see above), which would keep a whole report's
 * rows alive until its last one; `_accumulateRows` is its switch for that, decided when the rows'
 * description arrives.
 */
export class RowByRowQuery<R extends object> extends Query<R> {
  handleRowDescription(message: unknown): void {
    const base = Query.prototype as unknown as { handleRowDescription(message: unknown): void };
    base.handleRowDescription.call(this, message);
    (this as unknown as { _accumulateRows: boolean })._accumulateRows = false;
  }
}

/**
 * Maps result rows to OverdueRows. An engagement's tasks share its contacts, and a customer's
 * engagements often name the same people: each distinct list is parsed once, and rows with equal
 * lists share one array; likewise each distinct RACI list.
 */
function overdueRowReader(): (row: OverdueResultRow) => OverdueRow {
  const contacts = new Map<string | null, EngagementContactRef[]>();
  const contactsOf = (row: OverdueResultRow) => {
    let parsed = contacts.get(row.contacts);
    if (!parsed) contacts.set(row.contacts, (parsed = parseContacts(row.contacts)));
    return parsed;
  };
  const raciLists = new Map<string, unknown>();
  const parseRaci = (json: string) => {
    let parsed = raciLists.get(json);
    if (parsed === undefined) raciLists.set(json, (parsed = JSON.parse(json)));
    return parsed;
  };
  return (row) => toRow(row, contactsOf, parseRaci);
}
