import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { signedOutPage } from './configured-origin';
import { OidcClientService } from './oidc-client.service';

/**
 * What became of the identity provider's session when a person signed out here: `none`, nothing
 * to do with it (the session here was not made by single sign-on, or OIDC_PROVIDER_LOGOUT is
 * off); `end`, the browser goes on to the provider, which ends it; `kept`, it stays although it
 * should not (the provider has no end-session endpoint or did not answer), so "Sign in with SSO"
 * may sign the person straight back in.
 */
export const PROVIDER_SESSIONS = ['none', 'end', 'kept'] as const;
export type ProviderSession = (typeof PROVIDER_SESSIONS)[number];

export interface ProviderSignOut {
  providerSession: ProviderSession;
  /** With `end`: the provider's end-session URL, for the browser to go to next. */
  redirectUrl: string | undefined;
}

/**
 * Signing out at the identity provider (OpenID Connect RP-Initiated Logout) after the session here
 * has ended: the provider gets the ID token of the sign-in as id_token_hint and sends the browser
 * back to our sign-in page. It never keeps anyone signed in here: it runs when the session is gone.
 */
@Injectable()
export class OidcSignOutService {
  private readonly logger = new Logger('OidcSignOut');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly client: OidcClientService,
  ) {}

  /** `idToken`: the one the ended session was started with; none for other ways of signing in. */
  async afterSignOut(idToken: string | undefined): Promise<ProviderSignOut> {
    const oidc = this.config.oidc;
    // Off (perhaps since the session began): the provider's session is none of our business.
    if (idToken === undefined || !oidc?.providerLogout) {
      return { providerSession: 'none', redirectUrl: undefined };
    }
    const url = await this.client.endSessionUrl(idToken, signedOutPage(oidc.redirectUrl));
    if (!url) {
      this.logger.log({
        msg: 'Signed out here only: the identity provider cannot end its session now',
        event: 'oidc.sign_out_local',
      });
      return { providerSession: 'kept', redirectUrl: undefined };
    }
    return { providerSession: 'end', redirectUrl: url.href };
  }
}
