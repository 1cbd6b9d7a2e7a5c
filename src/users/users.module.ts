import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { OidcModule } from '../auth/oidc/oidc.module';
import { InvitationsController } from './invitations.controller';
import { InvitationsService } from './invitations.service';
import { MeController } from './me.controller';
import { MeService } from './me.service';
import { SignInController } from './sign-in.controller';
import { SignInService } from './sign-in.service';
import { UserBootstrapService } from './user-bootstrap.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

/** People: signing in, invitations, their own account, and managing users. */
@Module({
  imports: [AuthModule, OidcModule],
  controllers: [SignInController, InvitationsController, MeController, UsersController],
  providers: [SignInService, InvitationsService, MeService, UsersService, UserBootstrapService],
})
export class UsersModule {}
