import { Body, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { AcceptInvitationDto, InvitationDto } from './dto/invitation.dto';
import { MeDto } from './dto/me.dto';
import { InvitationsService } from './invitations.service';
import { ApiProblems } from '../common/openapi/api-docs.decorators';

@ApiTags('auth')
@Public()
@Controller('auth/invitations')
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  /** What the link offers; 404 when it is unknown, used or expired. */
  @Get(':token')
  describe(@Param('token') token: string): Promise<InvitationDto> {
    return this.invitations.describe(token);
  }

  /** Sets name and password, activates the account and signs in (sets the session cookies). */
  @Post(':token/accept')
  @HttpCode(200)
  @ApiProblems(409, 422)
  accept(
    @Param('token') token: string,
    @Body() body: AcceptInvitationDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MeDto> {
    return this.invitations.accept(token, body, req, res);
  }
}
