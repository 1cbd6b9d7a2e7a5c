import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../audit/audit-event';
import { CurrentActor } from '../auth/actor.decorator';
import { CurrentPrincipal } from '../auth/auth.decorators';
import { AuditPageQueryDto } from '../audit/dto/audit-event.dto';
import type { Principal } from '../auth/principal';
import { UuidPipe } from '../common/http/uuid.pipe';
import {
  AccountEventPageDto,
  CreatedUserDto,
  CreateUserDto,
  EndedSessionsDto,
  InvitationLinkDto,
  ListUsersQueryDto,
  UpdateUserDto,
  UserDto,
  UserPageDto,
} from './dto/user.dto';
import { UsersService } from './users.service';
import { ApiProblems } from '../common/openapi/api-docs.decorators';

/** ADMIN manages every user; STAFF sees and manages CUSTOMER users only. */
@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  /** Users by creation, oldest first, in pages. */
  @Get()
  list(
    @Query() query: ListUsersQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<UserPageDto> {
    return this.users.list(query, principal);
  }

  /** Invites a person: an INVITED user and a one-time link (7 days) to hand to them. */
  @Post()
  @ApiProblems(409, 422)
  create(
    @Body() body: CreateUserDto,
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
  ): Promise<CreatedUserDto> {
    return this.users.create(body, principal, actor);
  }

  /** One user. */
  @Get(':id')
  get(
    @Param('id', UuidPipe) id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<UserDto> {
    return this.users.get(id, principal);
  }

  /** Name, role, customer, or status (DISABLED ends the person's sessions at once). */
  @Patch(':id')
  @ApiProblems(409, 422)
  @ApiBody({
    type: UpdateUserDto,
    examples: {
      rename: { summary: 'Rename', value: { name: 'Jane Doe' } },
      disable: { summary: 'Disable (ends their sessions)', value: { status: 'DISABLED' } },
    },
  })
  update(
    @Param('id', UuidPipe) id: string,
    @Body() body: UpdateUserDto,
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
  ): Promise<UserDto> {
    return this.users.update(id, body, principal, actor);
  }

  /**
   * Unbinds the account from its single sign-on identity: the person's next single sign-on (with
   * a verified email) binds it again, to whichever provider identity that is.
   */
  @Delete(':id/sso-identity')
  unlinkSso(
    @Param('id', UuidPipe) id: string,
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
  ): Promise<UserDto> {
    return this.users.unlinkSso(id, principal, actor);
  }

  /**
   * Signs the person out everywhere: all their sessions end at once (recorded in their history).
   * They may sign in again; disable them to keep them out.
   */
  @Delete(':id/sessions')
  endSessions(
    @Param('id', UuidPipe) id: string,
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
  ): Promise<EndedSessionsDto> {
    return this.users.endSessions(id, principal, actor);
  }

  /** A new one-time link for the person (also a password reset); older links stop working. */
  @Post(':id/invitation')
  @ApiProblems(409)
  reinvite(
    @Param('id', UuidPipe) id: string,
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
  ): Promise<InvitationLinkDto> {
    return this.users.reinvite(id, principal, actor);
  }

  /** What happened to the account and who did it: invitation, changes, new links, sign-ins. */
  @Get(':id/history')
  history(
    @Param('id', UuidPipe) id: string,
    @Query() query: AuditPageQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AccountEventPageDto> {
    return this.users.history(id, query, principal);
  }
}
