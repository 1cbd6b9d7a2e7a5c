import type { PrismaTx } from '../prisma/prisma.service';
import { actorColumns } from './event-rows';

export const ACTOR_KINDS = ['user', 'key', 'system'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

/** Who did something, and in which request: recorded with every audit event. */
export interface Actor {
  kind: ActorKind;
  /** The user or API key id; null for the system itself (seeding, escalation jobs). */
  id: string | null;
  /** The person's name (their email when they gave none), the key's name, or `system:<job>`. */
  name: string;
  /** People only. */
  email: string | null;
  requestId: string | null;
}

export const systemActor = (job: string): Actor => ({
  kind: 'system',
  id: null,
  name: `system:${job}`,
  email: null,
  requestId: null,
});

/** `{ field: { from, to } }` for every field that changed. */
export type AuditChanges = Record<string, { from: unknown; to: unknown }>;

export interface NewAuditEvent {
  actor: Actor;
  /** Dotted verb, e.g. `engagement.created`, `task.status_changed`, `notification.created`. */
  action: string;
  engagementId: string;
  taskKey?: string | null;
  changes: AuditChanges;
  reason?: string | null;
}

/**
 * Appends an audit event. Call it with the transaction client of the change it records, so the
 * event and the change commit or roll back together.
 */
export async function appendAuditEvent(tx: PrismaTx, event: NewAuditEvent): Promise<void> {
  await tx.auditEvent.create({
    data: {
      ...actorColumns(event.actor),
      action: event.action,
      engagementId: event.engagementId,
      taskKey: event.taskKey ?? null,
      changes: event.changes as object,
      reason: event.reason ?? null,
    },
  });
}

/** The changes between two versions of a record, for the fields named. */
export function diffFields<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
  fields: readonly (keyof T & string)[],
): AuditChanges {
  const changes: AuditChanges = {};
  for (const field of fields) {
    if (!(field in after)) continue;
    const from = before[field] ?? null;
    const to = after[field] ?? null;
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[field] = { from, to };
  }
  return changes;
}
