import { NotFoundError } from '../common/errors/domain-errors';
import type { PrismaTx } from '../prisma/prisma.service';
import type { EngagementStatus } from './engagement-status';

/**
 * Locks the engagement row for the rest of the transaction. Every change to an engagement or its
 * tasks takes this lock first, so changes to one engagement are serialised: the derived status is
 * computed from a stable task list, and version checks cannot interleave.
 */
export async function lockEngagement(
  tx: PrismaTx,
  id: string,
): Promise<{ status: EngagementStatus; version: number }> {
  const rows = await tx.$queryRaw<{ status: EngagementStatus; version: number }[]>`
    SELECT status::text AS status, version FROM engagement WHERE id = ${id}::uuid FOR UPDATE`;
  if (rows.length === 0) throw new NotFoundError('Engagement', id);
  return rows[0];
}

/**
 * Raises the engagement's version (its ETag) once per change: to the engagement itself or to any
 * of its tasks, since GET /engagements/{id} shows them all. Call it under lockEngagement.
 */
export async function bumpEngagementVersion(tx: PrismaTx, id: string): Promise<void> {
  await tx.engagement.update({ where: { id }, data: { version: { increment: 1 } } });
}
