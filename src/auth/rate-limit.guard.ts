import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { ThrottlerLimitDetail, ThrottlerRequest } from '@nestjs/throttler';
import type { Response } from 'express';
import { TooManyRequestsError } from '../common/errors/domain-errors';
import type { Principal } from './principal';

/**
 * Rate limits per person or API key (per client address for unauthenticated routes), one budget
 * across every operation. Every limited answer says where the caller stands — `X-RateLimit-Limit`,
 * `-Remaining` and `-Reset` (seconds), and the IETF draft's `RateLimit-Policy` / `RateLimit` — the
 * 429 included, whose detail says what the limit is and when to come back.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const principal = request.principal as Principal | undefined;
    return principal ? `${principal.kind}:${principal.id}` : `ip:${String(request.ip)}`;
  }

  /**
   * One budget per caller, whatever the operation. The library's default key also names the
   * controller and handler, which gave every caller the limit once per operation (and hashed the
   * key on every request).
   */
  protected override generateKey(
    _context: ExecutionContext,
    tracker: string,
    _throttlerName: string,
  ): string {
    return tracker;
  }

  protected override async handleRequest(request: ThrottlerRequest): Promise<boolean> {
    const allowed = await super.handleRequest(request);
    const res = request.context.switchToHttp().getResponse<Response>();
    const remaining = Number(res.getHeader('X-RateLimit-Remaining'));
    const reset = Number(res.getHeader('X-RateLimit-Reset'));
    setDraftHeaders(res, request.limit, request.ttl, remaining, reset);
    return allowed;
  }

  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const res = context.switchToHttp().getResponse<Response>();
    const wait = Math.max(1, detail.timeToBlockExpire);
    res.setHeader('X-RateLimit-Limit', detail.limit);
    res.setHeader('X-RateLimit-Remaining', 0);
    res.setHeader('X-RateLimit-Reset', wait);
    setDraftHeaders(res, detail.limit, detail.ttl, 0, wait);
    const window = Math.round(detail.ttl / 1000);
    throw new TooManyRequestsError(
      `Too many requests: at most ${detail.limit} per ${window} seconds; try again in ${wait} seconds`,
      wait,
    );
  }
}

/** draft-ietf-httpapi-ratelimit-headers: the policy (quota per window) and where the caller is. */
function setDraftHeaders(
  res: Response,
  limit: number,
  ttlMs: number,
  remaining: number,
  resetSeconds: number,
): void {
  if (!Number.isFinite(remaining) || !Number.isFinite(resetSeconds)) return;
  res.setHeader('RateLimit-Policy', `"default";q=${limit};w=${Math.round(ttlMs / 1000)}`);
  res.setHeader('RateLimit', `"default";r=${remaining};t=${resetSeconds}`);
}
