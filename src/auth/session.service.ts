import { actorOf, requestIdOf } from './actor.decorator';
import { principalOfUser } from './principal';
import { appendAccountEvent } from '../audit/account-event';
import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { PrismaService, PrismaTx } from '../prisma/prisma.service';
import { AuthCache, type AuthenticatedSession } from './auth-cache';
import { AuthChangeListener } from './auth-change-listener';
import { hashSecretToken, isSecretTokenShaped, newSecretToken } from './domain/secret-token';
import {
  clearSessionCookies,
  readCookie,
  SESSION_COOKIE,
  setSessionCookies,
} from './session-cookies';

export type { AuthenticatedSession } from './auth-cache';

// Recording "last seen" on every request would turn each read into a write.
const TOUCH_RESOLUTION_MS = 60_000;

/**
 * Server-side sessions in PostgreSQL. The browser holds only an opaque 256-bit id (the table
 * holds its hash), so ending a session — sign-out, password change, a disabled account — takes
 * effect on the very next request.
 */
/** How a person got in, as the account history records it. */
export type SignInMethod = 'password' | 'sso' | 'invitation';

@Injectable()
export class SessionService {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly cache: AuthCache,
    private readonly changes: AuthChangeListener,
  ) {}

  /**
   * Signs a user in on this response: ends the session the request came with (if any), starts
   * a fresh one (a new id at every sign-in: no session fixation), sets both cookies and records
   * the sign-in. The one entry point for every way of signing in (password, invitation, OIDC).
   * The caller has already decided the user may sign in (an ACTIVE user). `recordSignIn: false`
   * rotates the session without counting a sign-in (password change). `idToken`: the ID token of
   * a single sign-on, kept with the session (and only as long) for signing out at the provider.
   */
  async signIn(
    userId: string,
    request: Request,
    response: Response,
    {
      recordSignIn = true,
      method = 'password',
      idToken,
    }: { recordSignIn?: boolean; method?: SignInMethod; idToken?: string } = {},
  ): Promise<string> {
    const previous = readCookie(request, SESSION_COOKIE);
    const tokens = { session: newSecretToken(), csrf: newSecretToken() };
    const now = new Date();
    const session = await this.prisma.$transaction(async (tx) => {
      if (isSecretTokenShaped(previous)) {
        await tx.userSession.deleteMany({ where: { tokenHash: hashSecretToken(previous) } });
      }
      await this.deleteExpired(tx, now);
      if (recordSignIn) {
        const user = await tx.user.update({
          where: { id: userId },
          data: { lastSignInAt: now },
          select: { id: true, name: true, email: true, role: true, customerId: true },
        });
        await appendAccountEvent(tx, {
          actor: actorOf(principalOfUser(user), requestIdOf(request)),
          action: 'user.signed_in',
          userId,
          changes: { method },
        });
      }
      return tx.userSession.create({
        data: {
          userId,
          tokenHash: hashSecretToken(tokens.session),
          csrfHash: hashSecretToken(tokens.csrf),
          createdAt: now,
          lastSeenAt: now,
          expiresAt: new Date(now.getTime() + this.config.auth.sessionMaxMs),
          ip: request.ip ?? null,
          userAgent: request.headers['user-agent']?.slice(0, 500) ?? null,
          idToken: idToken ?? null,
        },
        select: { id: true },
      });
    });
    // The session this replaced (and any ended by the caller just before) ends everywhere now.
    await this.changes.settle();
    setSessionCookies(
      request,
      response,
      tokens,
      this.config.auth.sessionMaxMs,
      this.config.auth.cookieSecure,
    );
    return session.id;
  }

  /**
   * The signed-in user of a session cookie value; undefined when unknown, ended or expired. From
   * the cache when it can be; the entry lives only as long as the last-seen resolution, so idle
   * time is still measured by the database, and the absolute end is checked on every use.
   */
  async authenticate(token: string): Promise<AuthenticatedSession | undefined> {
    if (!isSecretTokenShaped(token)) return undefined;
    const tokenHash = hashSecretToken(token);
    const cached = this.cache.session(tokenHash);
    if (cached) return cached;
    const ticket = this.cache.fillTicket();
    const session = await this.prisma.userSession.findUnique({
      where: { tokenHash },
      include: { user: true },
    });
    if (!session) return undefined;
    const now = Date.now();
    const idleMs = this.config.auth.sessionIdleMs;
    const touchMs = Math.min(TOUCH_RESOLUTION_MS, idleMs / 10);
    const { user } = session;
    if (
      user.status !== 'ACTIVE' ||
      session.expiresAt.getTime() <= now ||
      session.lastSeenAt.getTime() + idleMs <= now
    ) {
      await this.prisma.userSession.deleteMany({ where: { id: session.id } });
      return undefined;
    }
    if (now - session.lastSeenAt.getTime() > touchMs) {
      await this.prisma.userSession.updateMany({
        where: { id: session.id },
        data: { lastSeenAt: new Date(now) },
      });
    }
    const authenticated: AuthenticatedSession = {
      principal: principalOfUser(user, session.id),
      csrfHash: session.csrfHash,
      expiresAt: session.expiresAt.getTime(),
    };
    this.cache.storeSession(tokenHash, authenticated, ticket, touchMs);
    return authenticated;
  }

  /**
   * Ends one session (sign-out), on every instance before this returns. Returns the ID token it
   * was started with (single sign-on), gone from the database with the session.
   */
  async end(sessionId: string): Promise<{ idToken: string | undefined }> {
    const [ended] = await this.prisma.$queryRaw<{ idToken: string | null }[]>`
      DELETE FROM user_session WHERE id = ${sessionId}::uuid RETURNING id_token AS "idToken"`;
    await this.changes.settle();
    return { idToken: ended?.idToken ?? undefined };
  }

  /** The ID token a session was started with, for the session that replaces it (password change). */
  async idTokenOf(sessionId: string): Promise<string | undefined> {
    const session = await this.prisma.userSession.findUnique({
      where: { id: sessionId },
      select: { idToken: true },
    });
    return session?.idToken ?? undefined;
  }

  /**
   * Ends every session of a user (and says how many), in the caller's transaction when given; the
   * caller then calls settle() once it has committed (signIn does it itself).
   */
  async endAll(userId: string, tx: PrismaTx = this.prisma): Promise<number> {
    const { count } = await tx.userSession.deleteMany({ where: { userId } });
    return count;
  }

  /** Waits until every instance has dropped what it cached from rows changed so far. */
  settle(): Promise<void> {
    return this.changes.settle();
  }

  clearCookies(request: Request, response: Response): void {
    clearSessionCookies(request, response, this.config.auth.cookieSecure);
  }

  private async deleteExpired(tx: PrismaTx, now: Date): Promise<void> {
    await tx.userSession.deleteMany({
      where: {
        OR: [
          { expiresAt: { lte: now } },
          { lastSeenAt: { lte: new Date(now.getTime() - this.config.auth.sessionIdleMs) } },
        ],
      },
    });
  }
}
