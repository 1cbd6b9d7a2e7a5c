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

/**
 * The whole report in ONE query. `overdue` picks the late tasks (the rule from overdueSql, served
 * by the partial indexes over open tasks) with any filters — added only when given, so each
 * combination gets its own plan. Primary contacts come from the engagement row itself
 * (engagement.primary_contacts, kept by triggers): aggregating engagement_contact here cost two
 * thirds of the query at 5,000 overdue tasks. Materialising `overdue` also keeps the planner on the partial index: it overestimates how many
 * open tasks are past due and would otherwise scan the whole task table. There is no ORDER BY:
 * unsorted, PostgreSQL streams rows while it still produces them, and this process parses them as
 * they arrive instead of waiting for a sort; sortOverdueRows puts them in report order here. JSON
 * columns travel as text and are parsed here, once.
 */
export function buildOverdueQuery(filters: OverdueFilters): SqlQuery {
  const values: string[] = [];
  const where = overdueWhereSql(filters, values);
  const text = `
WITH overdue AS MATERIALIZED (
  SELECT t.due_date, t.position, t.key, t.title, t.status,
         t.raci -> 'accountable' AS accountable, t.raci -> 'responsible' AS responsible,
         e.id AS engagement_id, e.name AS engagement_name, e.customer_id, e.primary_contacts
    FROM task t
    JOIN engagement e ON e.id = t.engagement_id
   WHERE ${where.join('\n     AND ')}
)
SELECT o.engagement_id::text, o.engagement_name, c.id::text AS customer_id, c.name AS customer_name,
       o.key, o.position, o.title, o.status::text, to_char(o.due_date, 'YYYY-MM-DD') AS due_date, o.accountable::text,
       o.responsible::text, o.primary_contacts::text AS contacts
  FROM overdue o
  JOIN customer c ON c.id = o.customer_id`;
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

export async function fetchOverdueRows(
  prisma: PrismaService,
  filters: OverdueFilters,
): Promise<OverdueRow[]> {
  return sortOverdueRows(await readOverdueRows(prisma, buildOverdueQuery(filters)));
}

/** The rows of a query that selects the report's columns, in the order it gives them. */
export async function readOverdueRows(
  prisma: PrismaService,
  { text, values }: SqlQuery,
): Promise<OverdueRow[]> {
  // Straight through node-postgres: thousands of rows, and Prisma's per-value mapping of raw
  // results cost a third of the report's time.
  const result = await prisma.pool.query<OverdueResultRow>(prepared(text, values));
  // An engagement's tasks share its contacts, and a customer's engagements often name the same
  // people: each distinct list is parsed once, and rows with equal lists share one array.
  const contacts = new Map<string | null, EngagementContactRef[]>();
  const contactsOf = (row: OverdueResultRow) => {
    let parsed = contacts.get(row.contacts);
    if (!parsed) contacts.set(row.contacts, (parsed = parseContacts(row.contacts)));
    return parsed;
  };
  // Tasks of the same template share a handful of distinct RACI lists: parse each text once.
  const raciLists = new Map<string, unknown>();
  const parseRaci = (json: string) => {
    let parsed = raciLists.get(json);
    if (parsed === undefined) raciLists.set(json, (parsed = JSON.parse(json)));
    return parsed;
  };
  return result.rows.map((row) => toRow(row, contactsOf, parseRaci));
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Report order: most days overdue (earliest due date) first, then customer name, task position,
 * and engagement id so that equal rows keep a stable order. Names compare by code point, so the
 * order is the same whatever the database's collation.
 */
export function sortOverdueRows<
  T extends Pick<OverdueRow, 'dueDate' | 'customerName' | 'position' | 'engagementId'>,
>(rows: T[]): T[] {
  return rows.sort(
    (a, b) =>
      byCodePoint(a.dueDate, b.dueDate) ||
      byCodePoint(a.customerName, b.customerName) ||
      a.position - b.position ||
      byCodePoint(a.engagementId, b.engagementId),
  );
}
