import { Body, Controller, Get, HttpCode, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ChangePasswordDto, MeDto, OwnAccountDto, UpdateMeDto } from './dto/me.dto';
import { MeService } from './me.service';
import { ApiProblems } from '../common/openapi/api-docs.decorators';

@ApiTags('me')
@ApiBearerAuth()
@Roles('ADMIN', 'STAFF', 'CUSTOMER')
@Controller('me')
export class MeController {
  constructor(private readonly me: MeService) {}

  /** Who you are: the signed-in person or the API key. */
  @Get()
  describe(@CurrentPrincipal() principal: Principal): Promise<MeDto> {
    return this.me.describe(principal);
  }

  /** Your account as your account page shows it (people only): the name as set, how you sign in. */
  @Get('account')
  account(@CurrentPrincipal() principal: Principal): Promise<OwnAccountDto> {
    return this.me.account(principal);
  }

  /** Sets your name (people only), as others see it from your next request on. */
  @Patch()
  rename(
    @CurrentPrincipal() principal: Principal,
    @Body() body: UpdateMeDto,
    @Req() req: Request,
  ): Promise<MeDto> {
    return this.me.rename(principal, body, req);
  }

  /** Changes your password (people only): other sessions end, this one gets a new id. */
  @Post('password')
  @HttpCode(204)
  @ApiProblems(422)
  changePassword(
    @CurrentPrincipal() principal: Principal,
    @Body() body: ChangePasswordDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    return this.me.changePassword(principal, body, req, res);
  }
}
