import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { ForbiddenError, UnauthenticatedError } from '../common/errors/domain-errors';
import { ApiKeyService } from './api-key.service';
import { FailedAuthentication } from './failed-authentication';
import { ALLOWED_ROLES, DEFAULT_ROLES, IS_PUBLIC } from './auth.decorators';
import { changesState, csrfTokenHolds, isCrossSite } from './csrf';
import type { Principal, Role } from './principal';
import { readCookie, SESSION_COOKIE } from './session-cookies';
import { SessionService } from './session.service';

type AuthRequest = Request & { principal?: Principal };

/**
 * Authenticates every request — by its Bearer API key, else by its session cookie (with CSRF
 * protection for changes) — then checks the route's roles. Keys and users meet the same checks.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeyService,
    private readonly sessions: SessionService,
    private readonly failures: FailedAuthentication,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<AuthRequest>();
    const response = context.switchToHttp().getResponse<Response>();
    const authorization = request.headers.authorization;

    // A browser sent this change on behalf of another site: refused, signed in or not (this
    // also stops forged sign-ins and invitation acceptances).
    if (authorization === undefined && changesState(request) && isCrossSite(request)) {
      throw new ForbiddenError('Cross-site requests may not change anything');
    }
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const principal = await this.authenticate(request, response);
    request.principal = principal;

    const allowed =
      this.reflector.getAllAndOverride<Role[]>(ALLOWED_ROLES, targets) ?? DEFAULT_ROLES;
    if (!allowed.includes(principal.role)) {
      throw new ForbiddenError(`The ${principal.role} role may not do this`, {
        requiredRoles: allowed,
      });
    }
    return true;
  }

  /**
   * The principal of the key or cookie presented. Presenting wrong ones is counted against the
   * client address; over its budget, wrong ones get 429 until the lock ends. A valid key or
   * session is always honoured: a stale key in a cron job behind the same NAT must not lock
   * everyone else out (and a 256-bit secret cannot be guessed anyway).
   */
  private async authenticate(request: Request, response: Response): Promise<Principal> {
    const authorization = request.headers.authorization;
    const presented =
      authorization !== undefined || readCookie(request, SESSION_COOKIE) !== undefined;
    const address = request.ip ?? 'unknown';
    try {
      return authorization !== undefined
        ? await this.byApiKey(authorization)
        : await this.bySession(request, response);
    } catch (error) {
      if (presented && error instanceof UnauthenticatedError) {
        await this.failures.refuseIfLocked(address);
        await this.failures.record(address);
      }
      throw error;
    }
  }

  private async byApiKey(header: string): Promise<Principal> {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) {
      throw new UnauthenticatedError('An API key is required: send "Authorization: Bearer <key>"');
    }
    const principal = await this.apiKeys.authenticate(match[1]);
    if (!principal) throw new UnauthenticatedError('The API key is unknown or revoked');
    return principal;
  }

  private async bySession(request: Request, response: Response): Promise<Principal> {
    const token = readCookie(request, SESSION_COOKIE);
    if (token === undefined) {
      throw new UnauthenticatedError(
        'Sign in first, or send an API key as "Authorization: Bearer <key>"',
      );
    }
    const session = await this.sessions.authenticate(token);
    if (!session) {
      // The browser's cookies are of no further use: let it drop them.
      this.sessions.clearCookies(request, response);
      throw new UnauthenticatedError('The session has ended or expired; sign in again');
    }
    if (changesState(request) && !csrfTokenHolds(request, session.csrfHash)) {
      throw new ForbiddenError(
        'A change made with a session cookie needs the X-CSRF-Token header set to the value of the ot_csrf cookie',
      );
    }
    return session.principal;
  }
}
