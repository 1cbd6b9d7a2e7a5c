import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import * as openid from 'openid-client';
import {
  SignInFailedError,
  SignInNotConfiguredError,
  SignInUnavailableError,
} from '../../common/errors/domain-errors';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import type { OidcConfig } from '../../config/oidc-config';
import { carriesEmailVerdict, emailClaimsOf } from './email-claims';

/** What the provider vouches for, after every check of the authorization response and ID token. */
export interface ProviderIdentity {
  /** The provider (`iss` of the ID token, checked against the discovered issuer). */
  issuer: string;
  /** The provider's stable id of the person (`sub`). */
  subject: string;
  email: string | undefined;
  emailVerified: boolean;
  name: string | undefined;
  /** The ID token itself (checked): the id_token_hint that signs this sign-in out at the provider. */
  idToken: string;
}

/** The values a sign-in started with; the callback must match them. */
export interface SignInChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

// One slow provider must not hold sign-in requests for openid-client's default 30 s.
const PROVIDER_TIMEOUT_SECONDS = 10;
// Sign-out has ended the session here already; the provider gets this long to show it is up.
const SIGN_OUT_TIMEOUT_SECONDS = 3;

/**
 * The service's side of the OpenID Connect protocol (openid-client): discovery, the authorization
 * request (PKCE S256, state, nonce) and the code exchange with every ID-token check. Discovery
 * runs at start-up in the background and again on demand until it succeeds, so a provider that is
 * down delays single sign-on but never the service.
 */
@Injectable()
export class OidcClientService implements OnApplicationBootstrap {
  private readonly logger = new Logger('OidcClient');
  private readonly settings: OidcConfig | undefined;
  private configuration: openid.Configuration | undefined;
  private discovering: Promise<openid.Configuration> | undefined;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.settings = config.oidc;
  }

  get enabled(): boolean {
    return this.settings !== undefined;
  }

  onApplicationBootstrap(): void {
    if (!this.settings) return;
    // Not awaited: start-up does not wait for, or fail with, the identity provider.
    this.discover().catch(() => undefined);
  }

  /** The provider's authorization endpoint URL for a new sign-in. */
  async authorizationUrl(checks: SignInChecks): Promise<URL> {
    const configuration = await this.discover();
    const parameters: Record<string, string> = {
      redirect_uri: this.require().redirectUrl,
      response_type: 'code',
      scope: 'openid email profile',
      state: checks.state,
      nonce: checks.nonce,
      code_challenge: await openid.calculatePKCECodeChallenge(checks.codeVerifier),
      code_challenge_method: 'S256',
    };
    return openid.buildAuthorizationUrl(configuration, parameters);
  }

  /**
   * Validates the authorization response (state, issuer, errors), redeems the code with the PKCE
   * verifier, validates the ID token (signature, issuer, audience, expiry, nonce) and returns who
   * it names. Email claims missing from the ID token are read from the userinfo endpoint, checked
   * to be about the same subject.
   */
  async completeSignIn(callbackQuery: string, checks: SignInChecks): Promise<ProviderIdentity> {
    const configuration = await this.discover();
    const settings = this.require();
    // The registered redirect URL (not this request's Host, which a proxy may have changed) with
    // the provider's answer; openid-client sends it back without the answer as redirect_uri.
    const currentUrl = new URL(settings.redirectUrl);
    currentUrl.search = callbackQuery;
    try {
      const tokens = await openid.authorizationCodeGrant(configuration, currentUrl, {
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        pkceCodeVerifier: checks.codeVerifier,
        idTokenExpected: true,
      });
      const idToken = tokens.claims()!;
      // Some providers (Okta, oidc-provider) put email claims in userinfo only; fetchUserInfo
      // checks that its answer is about the ID token's subject.
      const emailClaims: Record<string, unknown> = carriesEmailVerdict(idToken)
        ? idToken
        : await openid.fetchUserInfo(configuration, tokens.access_token, idToken.sub);
      const name = emailClaims.name ?? idToken.name;
      return {
        issuer: idToken.iss,
        subject: idToken.sub,
        ...emailClaimsOf(emailClaims, settings.trustEmail),
        name: typeof name === 'string' && name.trim() ? name.trim() : undefined,
        idToken: tokens.id_token!,
      };
    } catch (error) {
      throw this.translate(error);
    }
  }

  /**
   * The provider's end-session URL (RP-Initiated Logout) that ends the sign-in of this ID token
   * there and sends the browser on to `postLogoutRedirectUri`; undefined when the provider has no
   * end_session_endpoint, or does not answer within a few seconds. The provider is asked afresh
   * (discovery) rather than trusted from what was discovered earlier: a browser sent to a provider
   * that is down would end up on an error page instead of our sign-in page.
   */
  async endSessionUrl(idToken: string, postLogoutRedirectUri: string): Promise<URL | undefined> {
    const settings = this.require();
    let configuration: openid.Configuration;
    try {
      configuration = await this.discoveryRequest(SIGN_OUT_TIMEOUT_SECONDS);
    } catch (error) {
      this.logger.warn(
        `Single sign-on: ${settings.issuer} did not answer at sign-out (${describe(error)}); the person is signed out here only`,
      );
      return undefined;
    }
    if (!configuration.serverMetadata().end_session_endpoint) return undefined;
    return openid.buildEndSessionUrl(configuration, {
      id_token_hint: idToken,
      post_logout_redirect_uri: postLogoutRedirectUri,
    });
  }

  private require(): OidcConfig {
    if (!this.settings) throw new SignInNotConfiguredError();
    return this.settings;
  }

  /** The discovered provider; one discovery at a time, repeated after a failure. */
  private async discover(): Promise<openid.Configuration> {
    if (this.configuration) return this.configuration;
    const settings = this.require();
    this.discovering ??= this.discoveryRequest(PROVIDER_TIMEOUT_SECONDS)
      .then((configuration) => {
        this.configuration = configuration;
        this.logger.log(`Single sign-on: discovered ${settings.issuer}`);
        return configuration;
      })
      .catch((error: unknown) => {
        this.logger.warn(
          `Single sign-on: discovery of ${settings.issuer} failed (${describe(error)}); trying again at the next sign-in`,
        );
        throw new SignInUnavailableError(
          'The identity provider cannot be reached; try again shortly',
        );
      })
      .finally(() => {
        this.discovering = undefined;
      });
    return this.discovering;
  }

  private discoveryRequest(timeoutSeconds: number): Promise<openid.Configuration> {
    const settings = this.require();
    return openid.discovery(
      new URL(settings.issuer),
      settings.clientId,
      undefined,
      openid.ClientSecretBasic(settings.clientSecret),
      {
        timeout: timeoutSeconds,
        execute: settings.allowInsecureRequests ? [openid.allowInsecureRequests] : [],
      },
    );
  }

  /** Network trouble and provider 5xx are "unavailable"; anything else is a refused response. */
  private translate(error: unknown): Error {
    if (error instanceof SignInUnavailableError || error instanceof SignInFailedError) return error;
    const detail = describe(error);
    if (isProviderUnreachable(error)) {
      this.logger.warn(`Single sign-on: the identity provider did not answer (${detail})`);
      return new SignInUnavailableError(
        'The identity provider cannot be reached; try again shortly',
      );
    }
    this.logger.warn(`Single sign-on: response refused (${detail})`);
    if (error instanceof openid.AuthorizationResponseError) {
      return new SignInFailedError(`The identity provider refused the sign-in (${error.error})`);
    }
    return new SignInFailedError(
      'The identity provider’s response could not be verified; start the sign-in again',
    );
  }
}

function describe(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error);
  const { name, message, code, cause, error: oauthError } = error as Record<string, unknown>;
  const reason = typeof oauthError === 'string' ? ` (${oauthError})` : '';
  const causeText =
    typeof cause === 'object' && cause !== null && 'message' in cause
      ? `: ${String(cause.message)}`
      : '';
  return `${String(name)}${code ? ` ${String(code)}` : ''}: ${String(message)}${reason}${causeText}`;
}

function isProviderUnreachable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    // By name, not class: fetch's errors may come from another realm (Jest's sandbox does that).
    const { name, message } = e as { name?: unknown; message?: unknown };
    if (name === 'TimeoutError' || name === 'AbortError') return true;
    if (name === 'TypeError' && message === 'fetch failed') return true;
    // A 5xx answer: a Response (unexpected status) or a ResponseBodyError carrying its status.
    const status = (e as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 500) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
