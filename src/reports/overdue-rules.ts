import { CalendarDate, daysBetween } from '../common/domain/calendar-date';

/**
 * When a task is overdue, and how late it is. Everything that speaks of "overdue" — the report,
 * engagement lists, overdueCount, escalation — goes through these rules (or overdueSql, their
 * SQL form), so they can never disagree.
 */
export const CLOSED_TASK_STATUSES = ['DONE', 'NOT_APPLICABLE'] as const;

export interface OverdueCandidate {
  engagementStatus: string;
  taskStatus: string;
  dueDate: CalendarDate;
}

/** Overdue on `asOf`: engagement ACTIVE, task still open, due strictly before `asOf`. Due today is not late. */
export function isOverdue(task: OverdueCandidate, asOf: CalendarDate): boolean {
  return (
    task.engagementStatus === 'ACTIVE' &&
    !(CLOSED_TASK_STATUSES as readonly string[]).includes(task.taskStatus) &&
    daysBetween(task.dueDate, asOf) > 0
  );
}

/** Days late on `asOf` (0 when not late). */
export function daysOverdue(dueDate: CalendarDate, asOf: CalendarDate): number {
  return Math.max(0, daysBetween(dueDate, asOf));
}

/**
 * "The task `t` is open" as SQL, written exactly as the predicate of the partial indexes over open
 * tasks (task_open_due_date_idx, task_open_engagement_id_due_date_idx), so the planner uses them.
 */
export const OPEN_TASK_SQL = "t.status NOT IN ('DONE', 'NOT_APPLICABLE')";

/**
 * The same rule as SQL over aliases `e` (engagement) and `t` (task), with the as-of date as a
 * bound `date` parameter. It matches the partial index task_open_due_date_idx.
 */
export function overdueSql(asOfParam: string): string {
  return `e.status = 'ACTIVE' AND ${OPEN_TASK_SQL} AND t.due_date < ${asOfParam}`;
}

/**
 * How long overdue tasks have been late, in the bands the overdue board shows: a week, two weeks,
 * a month, and longer. `to: null` is open-ended. Every overdue task (at least 1 day late) falls in
 * exactly one band.
 */
export const AGE_BANDS = [
  { label: '1-7', from: 1, to: 7 },
  { label: '8-14', from: 8, to: 14 },
  { label: '15-30', from: 15, to: 30 },
  { label: '31+', from: 31, to: null },
] as const;

export type AgeBand = (typeof AGE_BANDS)[number]['label'];
export type AgeBandCounts = Record<AgeBand, number>;

/** The band of a task `daysOverdue` late; undefined when it is not late at all. */
export function ageBandOf(daysOverdue: number): AgeBand | undefined {
  return AGE_BANDS.find(
    (band) => daysOverdue >= band.from && (band.to === null || daysOverdue <= band.to),
  )?.label;
}

/** Every band at zero: bands without tasks are still shown. */
export function emptyAgeBandCounts(): AgeBandCounts {
  return Object.fromEntries(AGE_BANDS.map((band) => [band.label, 0])) as AgeBandCounts;
}

/** The same bands as SQL: the band label of an integer `days` expression (NULL when not late). */
export function ageBandSql(daysExpr: string): string {
  const whens = AGE_BANDS.map(
    (band) =>
      `WHEN ${daysExpr} ${band.to === null ? `>= ${band.from}` : `BETWEEN ${band.from} AND ${band.to}`} THEN '${band.label}'`,
  );
  return `CASE ${whens.join(' ')} END`;
}

/** One RACI entry of a task: a party, possibly only "if required". */
export interface RaciEntry {
  party: string;
  ifRequired: boolean;
}

/** A named person of an engagement. */
export interface ContactRef {
  name: string;
  email: string;
}

/** An engagement contact as the report reads it. */
export interface EngagementContactRef extends ContactRef {
  party: string;
  primary: boolean;
}

export const RACI_ROLES = ['responsible', 'accountable', 'consulted', 'informed'] as const;
export type RaciRole = (typeof RACI_ROLES)[number];

/**
 * The entries of one RACI role, read defensively from the task's `raci` JSON (a snapshot of its
 * template task). Malformed entries are skipped rather than failing the whole report.
 */
export function raciEntries(raci: unknown, role: RaciRole): RaciEntry[] {
  const list = (raci as Record<string, unknown> | null | undefined)?.[role];
  if (!Array.isArray(list)) return [];
  return list
    .filter(
      (entry): entry is { party: string; ifRequired?: unknown } =>
        typeof entry === 'object' && entry !== null && typeof entry.party === 'string',
    )
    .map((entry) => ({ party: entry.party, ifRequired: entry.ifRequired === true }));
}

/** The parties accountable for a task; a joint (WSO2/Customer) task yields both. */
export function accountableParties(raci: unknown): RaciEntry[] {
  return raciEntries(raci, 'accountable');
}

/**
 * The accountable person for a party in an engagement: its primary contact for that party, or
 * null when none is named (an unnamed owner is itself worth reporting).
 */
export function primaryContact(
  contacts: readonly EngagementContactRef[],
  party: string,
): ContactRef | null {
  const found = contacts.find((c) => c.primary && c.party === party);
  return found ? { name: found.name, email: found.email } : null;
}
