import { Controller, Get, Header, Query, Redirect, Req, Res } from '@nestjs/common';
import { ApiFoundResponse, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../auth.decorators';
import { OidcLoginQueryDto } from './dto/oidc-login-query.dto';
import { OidcSignInService } from './oidc-sign-in.service';

const REFUSAL =
  'A browser (Accept: text/html) is redirected to /login?error=<code> instead, plus the ' +
  'sign-in’s returnTo when known and not / ' +
  '(sso_failed, sso_not_started, sso_state_mismatch, sso_unverified_email, sso_unknown_user, sso_disabled_user, sso_identity_mismatch, sso_invalid_link); ' +
  'other clients get this problem document, ' +
  'whose `code` member carries the same code.';

const LOCATION = { type: 'string' } as const;

@ApiTags('auth')
@Public()
@Controller('auth/oidc')
export class OidcController {
  constructor(private readonly signIn: OidcSignInService) {}

  /** Starts single sign-on: redirects the browser to the organisation's identity provider. */
  @Get('login')
  @Redirect()
  @Header('Cache-Control', 'no-store')
  @ApiFoundResponse({
    description:
      'To the identity provider (state, nonce, PKCE S256). A start at another address than ' +
      'OIDC_REDIRECT_URL’s goes first to the same start there (query kept, plus moved=1), so ' +
      'the sign-in’s cookie and the callback share one origin',
    headers: {
      Location: {
        description: 'The provider’s authorization URL, or this start on the configured origin',
        schema: LOCATION,
      },
    },
  })
  @ApiResponse({
    status: 400,
    description: `returnTo is not a path on this site, or another parameter is invalid. ${REFUSAL}`,
  })
  @ApiResponse({ status: 404, description: 'Single sign-on is not configured' })
  @ApiResponse({ status: 503, description: `The identity provider cannot be reached. ${REFUSAL}` })
  login(
    @Query() query: OidcLoginQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<{ url: string }> {
    return this.signIn.start(query, request, response);
  }

  /**
   * Where the identity provider sends the browser back. Checks the answer against the sign-in this
   * browser started (state, nonce, PKCE, ID token), signs the person in and redirects to returnTo.
   */
  @Get('callback')
  @Redirect()
  @Header('Cache-Control', 'no-store')
  @ApiQuery({ name: 'code', required: false, description: 'Authorization code' })
  @ApiQuery({ name: 'state', required: false, description: 'State of the sign-in' })
  @ApiQuery({ name: 'iss', required: false, description: 'Issuer (RFC 9207)' })
  @ApiQuery({ name: 'error', required: false, description: 'Error from the provider' })
  @ApiFoundResponse({
    description: 'Signed in: the ot_session and ot_csrf cookies are set',
    headers: { Location: { description: 'returnTo (default /)', schema: LOCATION } },
  })
  @ApiResponse({ status: 400, description: `Invalid, expired or replayed answer. ${REFUSAL}` })
  @ApiResponse({ status: 404, description: 'Single sign-on is not configured' })
  @ApiResponse({ status: 403, description: `No usable account for the person. ${REFUSAL}` })
  @ApiResponse({ status: 503, description: `The identity provider cannot be reached. ${REFUSAL}` })
  callback(
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<{ url: string }> {
    return this.signIn.finish(request, response);
  }
}
