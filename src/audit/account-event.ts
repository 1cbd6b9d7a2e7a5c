import type { PrismaTx } from '../prisma/prisma.service';
import { actorColumns } from './event-rows';
import type { Actor, AuditChanges } from './audit-event';

/** What can happen to a person's account. */
export const ACCOUNT_ACTIONS = [
  'user.created',
  'user.invited',
  'user.updated',
  'user.disabled',
  'user.enabled',
  'user.invitation_renewed',
  'user.invitation_accepted',
  'user.sso_linked',
  'user.sso_unlinked',
  'user.signed_in',
  'user.password_changed',
  'user.sessions_ended',
] as const;
export type AccountAction = (typeof ACCOUNT_ACTIONS)[number];

export interface NewAccountEvent {
  actor: Actor;
  action: AccountAction;
  userId: string;
  changes?: AuditChanges | Record<string, unknown>;
}

/**
 * Appends an account event. Call it with the transaction client of the change it records, so
 * both commit or roll back together.
 */
export async function appendAccountEvent(tx: PrismaTx, event: NewAccountEvent): Promise<void> {
  await tx.accountEvent.create({
    data: {
      ...actorColumns(event.actor),
      action: event.action,
      userId: event.userId,
      changes: (event.changes ?? {}) as object,
    },
  });
}
