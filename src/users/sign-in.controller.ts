import { Body, Controller, Get, Header, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentPrincipal, Public, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { MeDto } from './dto/me.dto';
import { AuthProvidersDto, SignedOutDto, SignInDto } from './dto/sign-in.dto';
import { SignInService } from './sign-in.service';
import { ApiProblems } from '../common/openapi/api-docs.decorators';

@ApiTags('auth')
@Controller('auth')
export class SignInController {
  constructor(private readonly signIns: SignInService) {}

  /** How people can sign in here; the sign-in page offers exactly these. */
  @Get('providers')
  @Public()
  providers(): AuthProvidersDto {
    return this.signIns.providers();
  }

  /**
   * Signs in with email and password: sets the `ot_session` and `ot_csrf` cookies. Any failure is
   * the same 401; repeated failures per account or address answer 429 with Retry-After.
   */
  @Post('login')
  @HttpCode(200)
  @Public()
  @ApiProblems(401)
  login(
    @Body() body: SignInDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MeDto> {
    return this.signIns.signIn(body, req, res);
  }

  /**
   * Ends the session, on every instance, and clears its cookies (needs X-CSRF-Token like every
   * cookie change). For a session made by single sign-on the answer says where the browser goes
   * next to be signed out at the identity provider too; the session here is over either way, so a
   * client may ignore the body (this answered 204 without one before).
   */
  @Post('logout')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiBearerAuth()
  @Roles('ADMIN', 'STAFF', 'CUSTOMER')
  logout(
    @CurrentPrincipal() principal: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SignedOutDto> {
    return this.signIns.signOut(principal, req, res);
  }
}
