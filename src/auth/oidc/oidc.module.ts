import { Module } from '@nestjs/common';
import { AuthModule } from '../auth.module';
import { OidcClientService } from './oidc-client.service';
import { OidcSignInRepository } from './oidc-sign-in.repository';
import { OidcSignInService } from './oidc-sign-in.service';
import { OidcSignOutService } from './oidc-sign-out.service';
import { OidcController } from './oidc.controller';
import { SsoAccountService } from './sso-account.service';

/**
 * Single sign-on by OpenID Connect; signs people in through the session service, and out at the
 * provider after sign-out (for the users module's POST /auth/logout).
 */
@Module({
  imports: [AuthModule],
  controllers: [OidcController],
  providers: [
    OidcClientService,
    OidcSignInRepository,
    OidcSignInService,
    OidcSignOutService,
    SsoAccountService,
  ],
  exports: [OidcSignOutService],
})
export class OidcModule {}
