import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { normaliseEmail } from '../auth/domain/secret-token';
import { PasswordHasher } from '../auth/password-hasher';
import type { Principal } from '../auth/principal';
import { SessionService } from '../auth/session.service';
import { OidcSignOutService } from '../auth/oidc/oidc-sign-out.service';
import { SignInThrottle } from '../auth/sign-in-throttle';
import { UnauthenticatedError } from '../common/errors/domain-errors';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { PrismaService } from '../prisma/prisma.service';
import type { MeDto } from './dto/me.dto';
import type { AuthProvidersDto, SignedOutDto, SignInDto } from './dto/sign-in.dto';
import { MeService } from './me.service';

/** Email-and-password sign-in, and sign-out of every kind of session. */
@Injectable()
export class SignInService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly throttle: SignInThrottle,
    private readonly me: MeService,
    private readonly providerSignOut: OidcSignOutService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * One answer for every failure — unknown email, wrong password, account not active — after the
   * same work: a password hash is verified even when there is no account, so neither the answer
   * nor its timing tells whether an email has an account.
   */
  async signIn(input: SignInDto, request: Request, response: Response): Promise<MeDto> {
    const email = normaliseEmail(input.email);
    const subjects = { account: email, address: request.ip ?? 'unknown' };
    await this.throttle.attempt(subjects);
    const user = await this.prisma.user.findUnique({
      where: { email },
      select: { id: true, status: true, passwordHash: true },
    });
    const passwordMatches = await this.hasher.verify(user?.passwordHash, input.password);
    if (!user || !passwordMatches || user.status !== 'ACTIVE') {
      throw new UnauthenticatedError('The email or password is not correct');
    }
    await this.throttle.forgive(subjects);
    await this.sessions.signIn(user.id, request, response);
    return this.me.ofUser(user.id);
  }

  /** How people can sign in: single sign-on when OIDC_* is configured. */
  providers(): AuthProvidersDto {
    return { password: true, oidc: this.config.oidc !== undefined };
  }

  /**
   * Ends the caller's session (if it is one) and drops the cookies; then, for a session made by
   * single sign-on, finds where the browser signs out at the identity provider. In that order: a
   * provider that is slow or down delays the answer a little, but never keeps anyone signed in.
   */
  async signOut(principal: Principal, request: Request, response: Response): Promise<SignedOutDto> {
    const ended = principal.sessionId ? await this.sessions.end(principal.sessionId) : undefined;
    this.sessions.clearCookies(request, response);
    const provider = await this.providerSignOut.afterSignOut(ended?.idToken);
    return { providerSession: provider.providerSession, redirectUrl: provider.redirectUrl ?? null };
  }
}
