import { isInt64, readCursor } from '../common/paging/cursor';
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

/**
 * Event histories page by their increasing 64-bit id: the id after which the next page starts
 * (a 400 naming `cursor` when it is not one this service issued), or undefined for the first page.
 */
export function eventIdAfter(cursor: string | undefined): bigint | undefined {
  return cursor === undefined ? undefined : BigInt(readCursor(cursor, { id: isInt64 }).id);
}

/** The cursor that continues after this event. */
export const eventCursor = (row: { id: bigint }) => ({ id: row.id.toString() });
