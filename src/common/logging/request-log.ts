import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';

/** A path segment as a router reads it: `Invit%61tions` is `invitations`. */
function segmentName(segment: string): string {
  try {
    return decodeURIComponent(segment).toLowerCase();
  } catch {
    return segment.toLowerCase();
  }
}

/**
 * The path as logged: no query string (search text, filters), secrets masked. One-time invitation
 * and password-reset links carry their credential in the path — the API's `/auth/invitations/…`
 * and the page people open, `/invitations/…` — so the segment after any `invitations` is masked,
 * in any case or spelling of it.
 */
export function loggablePath(url: string): string {
  const segments = url.split('?', 1)[0].split('/');
  for (let i = 0; i < segments.length; i++) {
    if (segmentName(segments[i]) !== 'invitations') continue;
    // The next non-empty segment: `/invitations//token` is still a token.
    let next = i + 1;
    while (next < segments.length && segments[next] === '') next++;
    if (next < segments.length) segments[next] = '…';
  }
  return segments.join('/');
}

/** Set on a response whose request gets a line of the request log; holds why it failed, if said. */
const REASON = Symbol('request log reason');
type LoggedResponse = Response & { [REASON]?: string };

/**
 * Puts why a request failed on its line of the request log, if it gets one (health probes and
 * requests refused before the log was mounted do not): answers whether it will be logged there.
 */
export function noteOnRequestLine(res: Response, reason: string): boolean {
  if (!(REASON in res)) return false;
  (res as LoggedResponse)[REASON] = reason;
  return true;
}

/**
 * One line per request once it is answered — method, path, status, duration, request id —
 * instead of the request's headers. Mounted first, so requests refused before routing (bad
 * JSON, oversized bodies, unknown methods) are logged too. Health probes are not logged.
 */
export function requestLog(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.url.startsWith('/health/')) return next();
    const started = process.hrtime.bigint();
    (res as LoggedResponse)[REASON] = '';
    const done = () => {
      res.removeListener('finish', done);
      res.removeListener('close', done);
      const ms = Math.round(Number(process.hrtime.bigint() - started) / 1e6);
      const path = loggablePath(req.originalUrl ?? req.url);
      // A response cut off before it finished (the client left) has no status worth naming.
      const status = res.writableFinished ? res.statusCode : 0;
      const reason = (res as LoggedResponse)[REASON] || undefined;
      const line = {
        requestId: (req as { id?: unknown }).id,
        method: req.method,
        path,
        status,
        ms,
        ...(reason && { reason }),
      };
      const text = `${req.method} ${path} ${status || 'aborted'} ${ms}ms${reason ? `: ${reason}` : ''}`;
      if (status >= 500) logger.warn(line, text);
      else logger.info(line, text);
    };
    res.on('finish', done);
    res.on('close', done);
    next();
  };
}
