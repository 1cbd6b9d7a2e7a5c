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

/** One overdue task with what the report shows about it, as the query returns it. */
export interface OverdueRow {
  engagementId: string;
  engagementName: string;
  customerId: string;
  customerName: string;
  taskKey: string;
  title: string;
  status: string;
  dueDate: string;
  raci: unknown;
  /** The engagement's primary contacts: `[{ party, name, email, primary }]`. */
  contacts: unknown;
}

export interface SqlQuery {
  text: string;
  values: string[];
}

/**
 * The whole report in ONE query: overdue tasks (the rule from overdueSql, which the partial index
 * over open tasks serves) joined to their engagement, customer and the engagement's primary
 * contacts. Filters are added only when given, so each combination gets its own best plan.
 * Ordered as the report is: most days overdue (earliest due date) first, then customer name,
 * task position, and engagement id so that equal rows keep a stable order.
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
SELECT e.id::text AS "engagementId",
       e.name AS "engagementName",
       c.id::text AS "customerId",
       c.name AS "customerName",
       t.key AS "taskKey",
       t.title,
       t.status::text AS status,
       to_char(t.due_date, 'YYYY-MM-DD') AS "dueDate",
       t.raci,
       COALESCE((SELECT jsonb_agg(jsonb_build_object('party', ec.party, 'name', ec.name,
                                                     'email', ec.email, 'primary', ec."primary"))
                   FROM engagement_contact ec
                  WHERE ec.engagement_id = e.id AND ec."primary"), '[]'::jsonb) AS contacts
  FROM task t
  JOIN engagement e ON e.id = t.engagement_id
  JOIN customer c ON c.id = e.customer_id
 WHERE ${where.join('\n   AND ')}
 ORDER BY t.due_date, c.name, t.position, e.id`;
  return { text, values };
}

export function fetchOverdueRows(
  prisma: PrismaService,
  filters: OverdueFilters,
): Promise<OverdueRow[]> {
  const { text, values } = buildOverdueQuery(filters);
  return prisma.$queryRawUnsafe<OverdueRow[]>(text, ...values);
}
