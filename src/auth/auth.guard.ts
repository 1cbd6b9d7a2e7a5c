import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ForbiddenError, UnauthenticatedError } from '../common/errors/domain-errors';
import { ApiKeyService } from './api-key.service';
import { ALLOWED_ROLES, DEFAULT_ROLES, IS_PUBLIC } from './auth.decorators';
import type { Principal, Role } from './principal';

/** Authenticates every request by its Bearer API key, then checks the route's roles. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeyService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) {
      throw new UnauthenticatedError('An API key is required: send "Authorization: Bearer <key>"');
    }
    const principal = await this.apiKeys.authenticate(match[1]);
    if (!principal) throw new UnauthenticatedError('The API key is unknown or revoked');
    request.principal = principal;

    const allowed =
      this.reflector.getAllAndOverride<Role[]>(ALLOWED_ROLES, targets) ?? DEFAULT_ROLES;
    if (!allowed.includes(principal.role)) {
      throw new ForbiddenError(`The ${principal.role} role may not do this`, {
        requiredRoles: allowed,
      });
    }
    return true;
  }
}
