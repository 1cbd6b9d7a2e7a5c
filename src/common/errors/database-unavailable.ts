/**
 * Whether an error means "the database cannot be reached right now" (refused, restarting,
 * terminated, timed out) rather than anything about the request. Those are answered 503 with
 * Retry-After: the client did nothing wrong and may simply try again.
 */

// Prisma: can't reach server, timed out, server closed the connection, pool timeout.
// P2028: an interactive transaction could not get a connection in time, or ran past its time
// limit (rolled back): the database is busy, nothing was written.
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2028']);
// Driver adapter error kinds (Prisma 7) for connection-level failures.
const ADAPTER_KINDS = new Set([
  'DatabaseNotReachable',
  'DatabaseDoesNotExist',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
  'TransactionAlreadyClosed',
]);
// PostgreSQL SQLSTATE: admin/crash shutdown, cannot connect now, too many connections,
// and class 08 (connection exception).
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
const ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH']);
const MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error/i,
  /Can't reach database server/i,
  /Cannot use a pool after calling end/i,
  /Query read timeout/i,
  // ALLOW_CONNECTIONS false (an operator's maintenance switch): SQLSTATE 55000, a class too
  // broad to read as an outage by its code alone.
  /is not currently accepting connections/i,
];

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  const e = error as {
    code?: unknown;
    kind?: unknown;
    message?: unknown;
    cause?: unknown;
    errors?: unknown;
    meta?: { driverAdapterError?: unknown };
  };
  const code = typeof e.code === 'string' ? e.code : undefined;
  if (code && (PRISMA_CODES.has(code) || SQLSTATES.has(code) || ERRNOS.has(code))) return true;
  if (code && /^08[0-9A-Z]{3}$/.test(code)) return true;
  if (typeof e.kind === 'string' && ADAPTER_KINDS.has(e.kind)) return true;
  if (typeof e.message === 'string' && MESSAGES.some((m) => m.test(e.message as string))) {
    return true;
  }
  if (Array.isArray(e.errors) && e.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1)))
    return true;
  return (
    isDatabaseUnavailable(e.cause, depth + 1) ||
    isDatabaseUnavailable(e.meta?.driverAdapterError, depth + 1)
  );
}
