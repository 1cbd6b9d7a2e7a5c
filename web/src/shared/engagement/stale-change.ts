import { ApiError, type Schema } from '@/shared/api';

export type AuditEvent = Schema<'AuditEventDto'>;
type AuditPage = Schema<'AuditPageDto'>;

/** A change refused with 412 (someone else's came first), read into what that other change did. */
export class ConflictError<Conflict> extends Error {
  constructor(readonly conflict: Conflict) {
    super('Someone else changed this since you opened it; nothing of yours was saved.');
    this.name = 'ConflictError';
  }
}

/**
 * Sends a change made on what was read earlier. A 412 means someone else's change came first and
 * nothing was written: it is thrown as a ConflictError with what `readConflict` finds now, so the
 * person sees what changed instead of a bare refusal.
 */
export async function sendUnlessStale<Saved, Conflict>(
  send: () => Promise<Saved>,
  readConflict: () => Promise<Conflict>,
): Promise<Saved> {
  try {
    return await send();
  } catch (error) {
    if (error instanceof ApiError && error.status === 412) {
      throw new ConflictError(await readConflict());
    }
    throw error;
  }
}

/**
 * The latest event of a history (read newest first): who changed it last. A courtesy, so
 * undefined when the history cannot be read: the conflict is shown without it.
 */
export async function lastEventOf(
  readPage: (query: { limit: number; order: 'newest' }) => Promise<AuditPage>,
): Promise<AuditEvent | undefined> {
  try {
    return (await readPage({ limit: 1, order: 'newest' })).items[0];
  } catch {
    return undefined;
  }
}
