import type { PrismaService } from '../prisma/prisma.service';
import { overdueSql } from './overdue-rules';

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
  /** The task's RACI `accountable` and `responsible` lists, as stored. */
  raci: { accountable: unknown; responsible: unknown };
  /** The engagement's primary contacts: `[{ party, name, email, primary }]`. */
  contacts: unknown;
}

export interface SqlQuery {
  text: string;
  values: string[];
}

/**
 * The whole report in ONE query. `overdue` picks the late tasks (the rule from overdueSql, served
 * by the partial indexes over open tasks) with any filters — added only when given, so each
 * combination gets its own plan; `contacts` reads the primary contacts of just those engagements
 * in one pass (not once per task). PostgreSQL returns the result as a single JSON array of
 * tuples, in report order: most days overdue (earliest due date) first, then customer name, task
 * position, and engagement id so that equal rows keep a stable order. One JSON value rather than
 * thousands of rows keeps the driver's per-row, per-cell work out of the hot path.
 */
export function buildOverdueQuery(filters: OverdueFilters): SqlQuery {
  const values: string[] = [filters.asOf];
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
  const text = `
WITH overdue AS MATERIALIZED (
  SELECT t.due_date, t.position, t.key, t.title, t.status,
         t.raci -> 'accountable' AS accountable, t.raci -> 'responsible' AS responsible,
         e.id AS engagement_id, e.name AS engagement_name, e.customer_id
    FROM task t
    JOIN engagement e ON e.id = t.engagement_id
   WHERE ${where.join('\n     AND ')}
), contacts AS (
  SELECT ec.engagement_id,
         json_agg(json_build_object('party', ec.party, 'name', ec.name, 'email', ec.email,
                                    'primary', ec."primary")) AS list
    FROM engagement_contact ec
   WHERE ec."primary" AND ec.engagement_id IN (SELECT engagement_id FROM overdue)
   GROUP BY ec.engagement_id
)
SELECT COALESCE(json_agg(json_build_array(o.engagement_id, o.engagement_name, c.id, c.name, o.key,
                                          o.title, o.status, o.due_date, o.accountable,
                                          o.responsible, pc.list)
                         ORDER BY o.due_date, c.name, o.position, o.engagement_id), '[]')::text
       AS items
  FROM overdue o
  JOIN customer c ON c.id = o.customer_id
  LEFT JOIN contacts pc ON pc.engagement_id = o.engagement_id`;
  return { text, values };
}

type OverdueTuple = [
  string, // engagement id
  string, // engagement name
  string, // customer id
  string, // customer name
  string, // task key
  string, // title
  string, // status
  string, // due date, YYYY-MM-DD
  unknown, // RACI accountable
  unknown, // RACI responsible
  unknown, // primary contacts or null
];

/** Reads the query's JSON result into rows. */
export function parseOverdueResult(json: string): OverdueRow[] {
  return (JSON.parse(json) as OverdueTuple[]).map((tuple) => ({
    engagementId: tuple[0],
    engagementName: tuple[1],
    customerId: tuple[2],
    customerName: tuple[3],
    taskKey: tuple[4],
    title: tuple[5],
    status: tuple[6],
    dueDate: tuple[7],
    raci: { accountable: tuple[8], responsible: tuple[9] },
    contacts: tuple[10] ?? [],
  }));
}

export async function fetchOverdueRows(
  prisma: PrismaService,
  filters: OverdueFilters,
): Promise<OverdueRow[]> {
  const { text, values } = buildOverdueQuery(filters);
  const [result] = await prisma.$queryRawUnsafe<{ items: string }[]>(text, ...values);
  return parseOverdueResult(result.items);
}
