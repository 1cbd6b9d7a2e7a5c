import type { Actor, AuditChanges } from './audit-event';

/** An audit event of one engagement, without its actor (shared by the whole statement). */
export interface AuditEventRow {
  action: string;
  taskKey: string | null;
  changes: AuditChanges;
  reason: string | null;
}

/**
 * `INSERT … SELECT` of an engagement's audit events, in array order (the database chains them
 * in the order they arrive), for statements that write a change and its events at once. Binds its
 * values into `values`; `from` names a relation the events depend on (one row: the change was
 * made), e.g. a data-modifying CTE. The trigger sets `at`, the chain position and the hashes.
 */
export function insertAuditEventsSql(
  values: unknown[],
  actor: Actor,
  engagementIdSql: string,
  events: readonly AuditEventRow[],
  from?: string,
): string {
  const param = (value: unknown) => `$${values.push(value)}::text`;
  return `
  INSERT INTO audit_event (actor_kind, actor_id, actor_name, actor_email, action, engagement_id,
                           task_key, changes, reason, request_id)
  SELECT ${param(actor.kind)}, ${param(actor.id)}, ${param(actor.name)}, ${param(actor.email)},
         ev.event ->> 'action', ${engagementIdSql}, ev.event ->> 'taskKey', ev.event -> 'changes',
         ev.event ->> 'reason', ${param(actor.requestId)}
    FROM ${from ? `${from}, ` : ''}jsonb_array_elements(${param(JSON.stringify(events))}::jsonb)
         WITH ORDINALITY AS ev(event, n)
   ORDER BY ev.n`;
}
