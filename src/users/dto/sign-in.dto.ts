import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { PROVIDER_SESSIONS, type ProviderSession } from '../../auth/oidc/oidc-sign-out.service';

export class SignInDto {
  /**
   * The account's email; case does not matter.
   * @example "jane.doe@example.com"
   */
  @IsString()
  @IsNotEmpty()
  @MaxLength(320)
  email: string;

  /** @example "correct horse battery staple" */
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  password: string;
}

export class AuthProvidersDto {
  /** Email and password sign-in (always offered). */
  password: boolean;
  /** Single sign-on through the configured OpenID Connect provider. */
  oidc: boolean;
}

/** What signing out did. The session here has ended in every case. */
export class SignedOutDto {
  /**
   * The identity provider's session in this browser. `none`: nothing to do with it (the session
   * here was not made by single sign-on, or OIDC_PROVIDER_LOGOUT is off). `end`: send the browser
   * to `redirectUrl`, where the provider ends its own session and then sends it to this service's
   * sign-in page (`/login?reason=signed_out`). `kept`: made by single sign-on, but the provider's
   * session stays — it has no end-session endpoint or did not answer within a few seconds — so
   * "Sign in with SSO" in this browser may sign the person straight back in without asking.
   */
  @ApiProperty({ enum: PROVIDER_SESSIONS })
  providerSession: ProviderSession;
  /**
   * With `end` only: the provider's end-session URL (OpenID Connect RP-Initiated Logout, with
   * `id_token_hint`, `client_id` and `post_logout_redirect_uri`); null otherwise.
   * @example "https://login.example.com/oidc/logout?id_token_hint=eyJ…&client_id=onboarding-tracker&post_logout_redirect_uri=https%3A%2F%2Ftracker.example.com%2Flogin%3Freason%3Dsigned_out"
   */
  redirectUrl: string | null;
}
