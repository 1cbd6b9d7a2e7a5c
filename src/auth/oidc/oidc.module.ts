import { Module } from '@nestjs/common';
import { AuthModule } from '../auth.module';
import { OidcClientService } from './oidc-client.service';
import { OidcSignInRepository } from './oidc-sign-in.repository';
import { OidcSignInService } from './oidc-sign-in.service';
import { OidcController } from './oidc.controller';
import { SsoAccountService } from './sso-account.service';

/** Single sign-on by OpenID Connect; signs people in through the session service. */
@Module({
  imports: [AuthModule],
  controllers: [OidcController],
  providers: [OidcClientService, OidcSignInRepository, OidcSignInService, SsoAccountService],
})
export class OidcModule {}
