import { RequestValidationError } from '../common/errors/domain-errors';
import { decodeCursor, isInt64, readCursor } from '../common/paging/cursor';
import type { Actor, ActorKind } from './audit-event';
import type { AuditActorDto } from './dto/audit-event.dto';

/** What every event row (engagement audit, account history) records of its actor. */
interface ActorColumns {
  actorKind: string;
  actorId: string | null;
  actorName: string;
  actorEmail: string | null;
}

/** The actor's columns of an event row (and the request it came in), as written. */
export function actorColumns(actor: Actor): ActorColumns & { requestId: string | null } {
  return {
    actorKind: actor.kind,
    actorId: actor.id,
    actorName: actor.name,
    actorEmail: actor.email,
    requestId: actor.requestId,
  };
}

/** The actor as the API shows it. */
export function actorOfRow(row: ActorColumns): AuditActorDto {
  return {
    kind: row.actorKind as ActorKind,
    id: row.actorId,
    name: row.actorName,
    email: row.actorEmail,
  };
}

/** The order an event history is read in: `oldest` first (the default) or `newest` first. */
export const EVENT_ORDERS = ['oldest', 'newest'] as const;
export type EventOrder = (typeof EVENT_ORDERS)[number];

/**
 * Event histories page by their 64-bit id, increasing or (newest first) decreasing: the id after
 * which the next page starts (a 400 naming `cursor` when it is not one this service issued for
 * this order), or undefined for the first page.
 */
export function eventIdAfter(
  cursor: string | undefined,
  order: EventOrder = 'oldest',
): bigint | undefined {
  if (cursor === undefined) return undefined;
  // Oldest-first cursors carry no order (as before there was a choice); a newest-first one says so.
  const { id } = readCursor(cursor, { id: isInt64 });
  const issuedFor = decodeCursor(cursor, ['o'])?.o ?? 'oldest';
  if (issuedFor !== order) {
    throw new RequestValidationError('The cursor is not valid', [
      { field: 'cursor', message: `was issued for order=${issuedFor}, not order=${order}` },
    ]);
  }
  return BigInt(id);
}

/** The cursor that continues after this event, in this order. */
export const eventCursor =
  (order: EventOrder = 'oldest') =>
  (row: { id: bigint }): Record<string, string> =>
    order === 'oldest' ? { id: row.id.toString() } : { id: row.id.toString(), o: order };
