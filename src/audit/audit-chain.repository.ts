import type { PrismaTx } from '../prisma/prisma.service';

export interface AuditChainCheck {
  events: number;
  /** The first event whose link or hash does not match, by chain position. */
  firstBroken: { id: string; position: number; reason: string } | null;
  /** Hash of the last event (hex): what a later check can compare with. */
  headHash: string | null;
}

interface Row {
  events: number;
  broken_id: string | null;
  broken_position: number | null;
  broken_reason: string | null;
  head: string | null;
}

/**
 * Recomputes an engagement's audit hash chain in the database, with the same digest function
 * the insert trigger uses, so the check and the writer can never disagree on the canonical form.
 */
export async function checkAuditChain(
  db: PrismaTx,
  engagementId: string,
): Promise<AuditChainCheck> {
  const [row] = await db.$queryRaw<Row[]>`
    WITH chain AS (
      SELECT e.id, e.chain_position, e.prev_hash, e.hash,
             lag(e.hash) OVER w AS expected_prev,
             coalesce(lag(e.chain_position) OVER w, 0) + 1 AS expected_position,
             audit_event_digest(e, lag(e.hash) OVER w) AS recomputed
        FROM audit_event e
       WHERE e.engagement_id = ${engagementId}::uuid
      WINDOW w AS (ORDER BY e.chain_position)
    ), broken AS (
      SELECT id, chain_position,
             CASE
               WHEN chain_position <> expected_position THEN 'an event is missing before this one'
               WHEN prev_hash IS DISTINCT FROM expected_prev THEN 'its link to the previous event does not match'
               ELSE 'its content does not match its hash'
             END AS reason
        FROM chain
       WHERE chain_position <> expected_position
          OR prev_hash IS DISTINCT FROM expected_prev
          OR hash IS DISTINCT FROM recomputed
       ORDER BY chain_position
       LIMIT 1
    )
    SELECT (SELECT count(*)::int FROM chain) AS events,
           (SELECT id::text FROM broken) AS broken_id,
           (SELECT chain_position FROM broken) AS broken_position,
           (SELECT reason FROM broken) AS broken_reason,
           (SELECT encode(hash, 'hex') FROM chain ORDER BY chain_position DESC LIMIT 1) AS head`;
  return {
    events: row.events,
    firstBroken:
      row.broken_id === null
        ? null
        : { id: row.broken_id, position: row.broken_position!, reason: row.broken_reason! },
    headHash: row.head,
  };
}
