import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import * as openid from 'openid-client';
import {
  SignInFailedCode,
  SignInFailedError,
  SignInNotConfiguredError,
  SignInRefusedError,
} from '../../common/errors/domain-errors';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { hashSecretToken, isSecretTokenShaped, newSecretToken } from '../domain/secret-token';
import { readCookie } from '../session-cookies';
import { SessionService } from '../session.service';
import { originOf, startOnConfiguredOrigin } from './configured-origin';
import { OidcLoginQueryDto } from './dto/oidc-login-query.dto';
import { OidcClientService } from './oidc-client.service';
import { OidcSignInRepository, type PendingSignIn } from './oidc-sign-in.repository';
import { DEFAULT_RETURN_TO, keepingReturnTo } from './return-to';
import { SsoAccountService } from './sso-account.service';

/** Binds a sign-in to the browser that started it; only sent to /auth/oidc. */
export const OIDC_BROWSER_COOKIE = 'ot_oidc';
const COOKIE_PATH = '/auth/oidc';
/** Long enough to sign in at the provider (password, MFA), short enough to be useless later. */
const SIGN_IN_TTL_MS = 10 * 60_000;

/**
 * Single sign-on by OpenID Connect, authorization code flow with PKCE: start sends the browser to
 * the provider, finish checks its answer and signs the person in through the session service,
 * like every other way of signing in.
 */
@Injectable()
export class OidcSignInService {
  private readonly logger = new Logger('OidcSignIn');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly client: OidcClientService,
    private readonly signIns: OidcSignInRepository,
    private readonly accounts: SsoAccountService,
    private readonly sessions: SessionService,
  ) {}

  /**
   * Records a new sign-in for this browser and returns the provider URL to send it to; a start at
   * another address than the configured one first goes to the same start there. A refusal (the
   * provider is down) keeps returnTo for the sign-in page.
   */
  async start(
    query: OidcLoginQueryDto,
    request: Request,
    response: Response,
  ): Promise<{ url: string }> {
    try {
      return await this.redirectToProvider(query, request, response);
    } catch (error) {
      throw keepingReturnTo(error, query.returnTo);
    }
  }

  private async redirectToProvider(
    query: OidcLoginQueryDto,
    request: Request,
    response: Response,
  ): Promise<{ url: string }> {
    if (!this.client.enabled || !this.config.oidc) throw new SignInNotConfiguredError();
    if (query.moved === undefined) {
      const elsewhere = startOnConfiguredOrigin(
        originOf(request.protocol, request.host),
        request.originalUrl,
        this.config.oidc.redirectUrl,
      );
      if (elsewhere) return { url: elsewhere };
    }
    const checks = {
      state: openid.randomState(),
      nonce: openid.randomNonce(),
      codeVerifier: openid.randomPKCECodeVerifier(),
    };
    const url = await this.client.authorizationUrl(checks);
    // A browser keeps its binding token across sign-ins, so two tabs can sign in at once.
    const existing = readCookie(request, OIDC_BROWSER_COOKIE);
    const browserToken = isSecretTokenShaped(existing) ? existing : newSecretToken();
    const now = new Date();
    await this.signIns.save(
      {
        ...checks,
        returnTo: query.returnTo ?? DEFAULT_RETURN_TO,
        expiresAt: new Date(now.getTime() + SIGN_IN_TTL_MS),
      },
      hashSecretToken(browserToken),
      now,
    );
    response.cookie(OIDC_BROWSER_COOKIE, browserToken, {
      httpOnly: true,
      // Lax: the provider's redirect back is a top-level GET navigation, which carries it.
      sameSite: 'lax',
      path: COOKIE_PATH,
      secure: this.secureCookie(request),
      maxAge: SIGN_IN_TTL_MS,
    });
    return { url: url.href };
  }

  /**
   * Completes the sign-in the provider's answer belongs to: it must carry the state of a sign-in
   * this browser started, unused and unexpired; then the code, PKCE verifier, ID token and nonce
   * are checked, the person is matched by verified email, and a session starts. A refusal keeps
   * the sign-in's returnTo, once the answer is matched to a sign-in, for the sign-in page.
   */
  async finish(request: Request, response: Response): Promise<{ url: string }> {
    if (!this.client.enabled) throw new SignInNotConfiguredError();
    const query = new URL(request.originalUrl, 'http://callback.invalid').search;
    const state = new URLSearchParams(query).get('state');
    const browserToken = readCookie(request, OIDC_BROWSER_COOKIE);
    if (!state) throw this.failed('no state', 'No sign-in was started in this browser');
    if (!isSecretTokenShaped(browserToken)) {
      // Its cookie is missing: the sign-in was started at another address, in another browser,
      // or more than its lifetime ago. Starting again here is what helps, so the page says that.
      throw this.failed(
        'no browser binding',
        'No sign-in was started in this browser at this address; start again from here',
        'sso_not_started',
      );
    }
    const pending = await this.signIns.consume(state, hashSecretToken(browserToken));
    if (!pending) {
      // Started in another tab or browser whose cookie this browser no longer (or never) had,
      // used already, or expired and forgotten: either way starting again here is what helps.
      // Another browser's sign-in stays theirs; only the page it was opening is passed on.
      const returnTo = await this.signIns.returnToOf(state);
      throw keepingReturnTo(
        this.failed(
          returnTo === undefined
            ? 'unknown, used or expired state'
            : 'state of another browser binding',
          'This answer is not for a sign-in in progress in this browser: it was started in ' +
            'another tab or browser, used already, or has expired; start again here',
          'sso_state_mismatch',
        ),
        returnTo,
      );
    }
    try {
      return await this.complete(pending, query, request, response);
    } catch (error) {
      throw keepingReturnTo(error, pending.returnTo);
    }
  }

  /** Checks the answer to this browser's sign-in, matches the person and starts the session. */
  private async complete(
    pending: PendingSignIn,
    query: string,
    request: Request,
    response: Response,
  ): Promise<{ url: string }> {
    if (pending.expiresAt.getTime() <= Date.now()) {
      throw this.failed('expired', 'The sign-in took too long; start again', 'sso_state_mismatch');
    }
    const identity = await this.client.completeSignIn(query, pending);
    let account;
    try {
      account = await this.accounts.accountForSignIn(identity);
    } catch (error) {
      if (error instanceof SignInRefusedError) {
        this.logger.warn({
          msg: 'Single sign-on refused',
          event: 'oidc.sign_in_refused',
          reason: error.code,
          subject: identity.subject,
          email: identity.email ?? null,
          emailVerified: identity.emailVerified,
        });
      }
      throw error;
    }
    await this.sessions.signIn(account.userId, request, response, {
      method: 'sso',
      // Only what signing out at the provider needs, and only when that is on.
      idToken: this.config.oidc?.providerLogout ? identity.idToken : undefined,
    });
    this.logger.log({
      msg: 'Signed in by single sign-on',
      event: 'oidc.sign_in',
      userId: account.userId,
      email: account.email,
      subject: identity.subject,
      provisioned: account.provisioned,
      activated: account.activated,
    });
    return { url: pending.returnTo };
  }

  private secureCookie(request: Request): boolean {
    return (
      this.config.auth.cookieSecure ||
      request.secure ||
      this.config.oidc?.redirectUrl.startsWith('https:') === true
    );
  }

  private failed(reason: string, message: string, code?: SignInFailedCode): SignInFailedError {
    this.logger.warn({
      msg: 'Single sign-on callback refused',
      event: 'oidc.callback_refused',
      reason,
    });
    return new SignInFailedError(message, code);
  }
}
